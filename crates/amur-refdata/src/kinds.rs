//! Closed sets of values that data files name in a kind column: marker
//! kinds (`rules/markers.tsv`) and organisation kinds
//! (`lexicon/org_heads.tsv`, `reference/organizations.tsv`). They are parsed once at load; an unknown
//! value is a `file:line` problem.

/// Declares a snake_case string enum with `as_str`, `parse` and `ALL`.
macro_rules! kind {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vm])* $var),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The value as written in the data file.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            /// Parses the data file spelling.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$var),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

kind!(
    /// What a sentence marker (`rules/markers.tsv`) signals.
    MarkerKind {
        /// Something is planned or will happen.
        Planned = "planned",
        /// A figure is a target or goal.
        Target = "target",
        /// A wish or intention, not an event.
        Wish = "wish",
        /// Exports.
        Export = "export",
        /// Imports.
        Import = "import",
        /// Trade turnover.
        Turnover = "turnover",
        /// Trade in general.
        Trade = "trade",
        /// Investment.
        Investment = "investment",
        /// A rise.
        Increase = "increase",
        /// A fall.
        Decrease = "decrease",
        /// Twinned cities or regions.
        SisterCities = "sister_cities",
        /// Air transport.
        Air = "air",
        /// Rail transport.
        Rail = "rail",
        /// Road transport.
        Road = "road",
        /// A bridge.
        Bridge = "bridge",
        /// Sea or river shipping.
        Sea = "sea",
        /// A pipeline.
        Pipeline = "pipeline",
        /// A preposition of place ("in", "в"): the place after it is where
        /// something happens, not who takes part.
        Venue = "venue",
        /// A word that refers back to a document already named ("the
        /// document", "该协议").
        DocumentAnaphor = "document_anaphor",
        /// A verb of saying ("said", "заявил"): a date right after it dates
        /// the statement, not what it tells of.
        Speech = "speech",
        /// "Separately" before a verb: each of the people or places after
        /// it is met on its own.
        Separately = "separately",
        /// A personal pronoun opening a sentence ("She plans to attend …"):
        /// the person of the event just told.
        Pronoun = "pronoun",
    }
);

kind!(
    /// Kind of organisation: of a known one (`reference/organizations.tsv`)
    /// or of the one a head word names (`lexicon/org_heads.tsv`).
    OrgKind {
        /// A university or institute.
        University = "university",
        /// A company.
        Company = "company",
        /// A government or administration.
        Government = "government",
        /// A department or committee.
        Department = "department",
        /// A ministry.
        Ministry = "ministry",
        /// A legislature.
        Legislature = "legislature",
        /// A government agency or service.
        Agency = "agency",
        /// An embassy.
        Embassy = "embassy",
        /// An international organisation.
        International = "international",
        /// A theatre.
        Theatre = "theatre",
        /// A bank.
        Bank = "bank",
        /// A consulate or embassy.
        Consulate = "consulate",
        /// A news outlet or agency.
        Media = "media",
        /// A museum, theatre or other cultural body.
        Culture = "culture",
        /// An association, union or chamber.
        Association = "association",
        /// A political party.
        Party = "party",
        /// Anything else.
        Other = "other",
    }
);

//! The closed vocabularies of RECORD.md as enums, serialised in snake_case.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares a snake_case string enum with `as_str`, `parse` and `ALL`.
macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $s)] $var),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The value as written in records.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            /// Parses the record spelling.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$var),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocab!(
    /// Kind of a named thing.
    EntityType {
        /// A person.
        Person = "person",
        /// A country.
        Country = "country",
        /// A first-level region (province, federal subject).
        Region = "region",
        /// A group of regions (Russian Far East, Northeast China).
        MacroRegion = "macro_region",
        /// A city, town or settlement.
        City = "city",
        /// An organisation.
        Organization = "organization",
        /// A checkpoint, port, bridge, railway, airport or zone.
        Facility = "facility",
    }
);

vocab!(
    /// Kind of event.
    EventType {
        /// A delegation or official travels to a place.
        Visit = "visit",
        /// Talks, a conversation, a call.
        Meeting = "meeting",
        /// A document is signed.
        Signing = "signing",
        /// A forum, fair, expo, presentation, festival, tournament or summit.
        Forum = "forum",
        /// A route, crossing, bridge or project opens or resumes.
        Launch = "launch",
    }
);

vocab!(
    /// How a meeting was held.
    Mode {
        /// Face to face.
        InPerson = "in_person",
        /// By video link.
        Video = "video",
        /// By telephone.
        Phone = "phone",
        /// Online (an online event rather than a call).
        Online = "online",
    }
);

vocab!(
    /// Whether an event happened or is announced.
    Status {
        /// It happened.
        Occurred = "occurred",
        /// It is announced for the future.
        Planned = "planned",
    }
);

vocab!(
    /// A participant's role in an event.
    Role {
        /// Receives the others.
        Host = "host",
        /// Travels or is received.
        Guest = "guest",
        /// Takes part on an equal footing.
        Party = "party",
        /// Organises it.
        Organizer = "organizer",
        /// Speaks at it.
        Speaker = "speaker",
    }
);

vocab!(
    /// Kind of signed document.
    AgreementKind {
        /// An agreement.
        Agreement = "agreement",
        /// A memorandum.
        Memorandum = "memorandum",
        /// A contract.
        Contract = "contract",
        /// A joint statement or declaration.
        JointStatement = "joint_statement",
        /// A protocol.
        Protocol = "protocol",
    }
);

vocab!(
    /// Kind of figure.
    FigureKind {
        /// Trade value.
        Trade = "trade",
        /// Investment value.
        Investment = "investment",
    }
);

vocab!(
    /// Direction of a trade flow from the reporter's side.
    Flow {
        /// Exports plus imports.
        Turnover = "turnover",
        /// Exports.
        Export = "export",
        /// Imports.
        Import = "import",
    }
);

vocab!(
    /// Kind of relation between two places.
    RelationType {
        /// Twin or sister cities (or regions).
        SisterCities = "sister_cities",
        /// A transport link.
        TransportLink = "transport_link",
    }
);

vocab!(
    /// Mode of a transport link.
    TransportMode {
        /// Flights.
        Air = "air",
        /// Railway.
        Rail = "rail",
        /// Road.
        Road = "road",
        /// A bridge.
        Bridge = "bridge",
        /// Sea route.
        Sea = "sea",
        /// Pipeline.
        Pipeline = "pipeline",
    }
);

vocab!(
    /// Sector of cooperation.
    Sector {
        /// Trade.
        Trade = "trade",
        /// Investment.
        Investment = "investment",
        /// Agriculture, food processing, fisheries, forestry.
        Agriculture = "agriculture",
        /// Energy.
        Energy = "energy",
        /// Mining.
        Mining = "mining",
        /// Manufacturing.
        Manufacturing = "manufacturing",
        /// Transport and logistics.
        TransportLogistics = "transport_logistics",
        /// Checkpoints, customs clearance, border crossings.
        BorderCustoms = "border_customs",
        /// Science, technology, digital economy, biotech.
        ScienceTechnology = "science_technology",
        /// Education.
        Education = "education",
        /// Culture, arts, media, youth exchanges.
        Culture = "culture",
        /// Tourism.
        Tourism = "tourism",
        /// Sports.
        Sports = "sports",
        /// Health.
        Health = "health",
        /// Finance.
        Finance = "finance",
    }
);

/// Language of an article: the three working languages, or another ISO 639-1 code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Chinese.
    Zh,
    /// Any other language, by its ISO 639-1 code (or `und` when unknown).
    Other(String),
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(&self) -> &str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
            Lang::Other(c) => c,
        }
    }

    /// Parses an ISO 639-1 code (case-insensitive; region subtags like `zh-CN` are dropped).
    pub fn from_code(code: &str) -> Lang {
        let base = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match base.as_str() {
            "en" => Lang::En,
            "ru" => Lang::Ru,
            "zh" => Lang::Zh,
            "" => Lang::Other("und".into()),
            _ => Lang::Other(base),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Lang::from_code(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocab_round_trips() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            serde_json::to_string(&EntityType::MacroRegion).unwrap(),
            "\"macro_region\""
        );
        assert_eq!(Mode::parse("in_person"), Some(Mode::InPerson));
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code("DE"), Lang::Other("de".into()));
        assert_eq!(serde_json::to_string(&Lang::Ru).unwrap(), "\"ru\"");
    }
}

//! Every data file under `data/`, embedded, and what each row must hold.
//! The paths are relative to `data/`; [`crate::RefData::load`] reads the
//! same paths from another folder.

use crate::tsv::Table;
use crate::{MarkerKind, OrgKind, Problem};
use amur_record::{EventType, Mode, Sector};

/// Declares the embedded file table from a list of paths.
macro_rules! files {
    ($($path:literal),+ $(,)?) => {
        /// Every data file, in load order, with its embedded text.
        pub(crate) const EMBEDDED: &[(&str, &str)] = &[
            $(($path, include_str!(concat!("../../../data/", $path)))),+
        ];
    };
}

files!(
    "reference/countries.tsv",
    "reference/regions.tsv",
    "reference/macro_regions.tsv",
    "reference/cities.tsv",
    "reference/facilities.tsv",
    "reference/organizations.tsv",
    "reference/persons.tsv",
    "reference/offices.tsv",
    "lexicon/bodies.tsv",
    "lexicon/org_heads.tsv",
    "lexicon/place_contexts.tsv",
    "lexicon/ru_given_names.tsv",
    "lexicon/titles.tsv",
    "lexicon/zh_surnames.tsv",
    "lexicon/word_lists.tsv",
    "lexicon/zh_transcription.tsv",
    "lexicon/zh_country_abbreviations.tsv",
    "lexicon/facility_kinds.tsv",
    "lexicon/page_furniture.tsv",
    "lexicon/outlets.tsv",
    "rules/sectors.tsv",
    "rules/event_triggers.tsv",
    "rules/markers.tsv",
    "rules/link_words.tsv",
    "rules/tense.tsv",
);

/// A test on the value of one cell: the allowed values, described.
type Check = (fn(&str) -> bool, &'static str);

/// What the rows of a lexicon or rules file must hold: columns that may
/// not be empty, and columns whose values come from a closed set.
struct Spec {
    path: &'static str,
    required: &'static [&'static str],
    values: &'static [(&'static str, Check)],
}

const LANG: Check = (|v| matches!(v, "en" | "ru" | "zh"), "en, ru or zh");

const SPECS: &[Spec] = &[
    Spec {
        path: "lexicon/bodies.tsv",
        required: &["part", "lang", "form", "en"],
        values: &[
            ("part", (|v| matches!(v, "head" | "topic"), "head or topic")),
            ("lang", LANG),
        ],
    },
    Spec {
        path: "lexicon/org_heads.tsv",
        required: &["lang", "head"],
        values: &[
            ("lang", LANG),
            (
                "kind",
                (|v| OrgKind::parse(v).is_some(), "an organisation kind"),
            ),
        ],
    },
    Spec {
        path: "lexicon/place_contexts.tsv",
        required: &["side", "lang", "word"],
        values: &[
            (
                "side",
                (|v| matches!(v, "before" | "after"), "before or after"),
            ),
            ("lang", LANG),
        ],
    },
    Spec {
        path: "lexicon/ru_given_names.tsv",
        required: &["name_ru", "gender", "name_en"],
        values: &[("gender", (|v| matches!(v, "m" | "f"), "m or f"))],
    },
    Spec {
        path: "lexicon/titles.tsv",
        required: &["lang", "title"],
        values: &[
            ("lang", LANG),
            (
                "position",
                (
                    |v| matches!(v, "before" | "after" | "both"),
                    "before, after or both",
                ),
            ),
        ],
    },
    Spec {
        path: "lexicon/zh_surnames.tsv",
        required: &["han", "pinyin", "palladius"],
        values: &[],
    },
    Spec {
        path: "lexicon/word_lists.tsv",
        required: &["list", "word"],
        values: &[(
            "list",
            (
                |v| {
                    matches!(
                        v,
                        "generic"
                            | "office"
                            | "ru_legal_form"
                            | "en_stop"
                            | "ru_not_org"
                            | "ru_locative"
                            | "ru_former_state"
                    )
                },
                "generic, office, ru_legal_form, en_stop, ru_not_org, ru_locative or ru_former_state",
            ),
        )],
    },
    Spec {
        path: "lexicon/zh_country_abbreviations.tsv",
        required: &["role", "char"],
        values: &[
            (
                "role",
                (|v| matches!(v, "abbr" | "not_after"), "abbr or not_after"),
            ),
            ("char", (|v| v.chars().count() == 1, "one character")),
        ],
    },
    Spec {
        path: "lexicon/facility_kinds.tsv",
        required: &["lang", "form", "en"],
        values: &[("lang", LANG)],
    },
    Spec {
        path: "lexicon/zh_transcription.tsv",
        required: &["han", "latin", "at"],
        values: &[("at", (|v| matches!(v, "any" | "end"), "any or end"))],
    },
    Spec {
        path: "lexicon/page_furniture.tsv",
        required: &["kind", "phrase"],
        values: &[(
            "kind",
            (
                |v| {
                    matches!(
                        v,
                        "widget"
                            | "follow"
                            | "block"
                            | "end"
                            | "source"
                            | "credit"
                            | "date"
                            | "teaser"
                            | "banner"
                            | "crumb"
                    )
                },
                "a furniture kind (widget, follow, block, end, source, credit, date, teaser, banner, crumb)",
            ),
        )],
    },
    Spec {
        path: "lexicon/outlets.tsv",
        required: &["kind", "key", "outlet"],
        values: &[("kind", (|v| matches!(v, "agency" | "host"), "agency or host"))],
    },
    Spec {
        path: "rules/sectors.tsv",
        required: &["sector", "lang", "term"],
        values: &[
            ("sector", (|v| Sector::parse(v).is_some(), "a sector")),
            ("lang", LANG),
        ],
    },
    Spec {
        path: "rules/event_triggers.tsv",
        required: &["type", "lang", "term"],
        values: &[
            ("type", (|v| EventType::parse(v).is_some(), "an event type")),
            ("lang", LANG),
            ("mode", (|v| Mode::parse(v).is_some(), "a meeting mode")),
        ],
    },
    Spec {
        path: "rules/markers.tsv",
        required: &["kind", "lang", "term"],
        values: &[
            (
                "kind",
                (|v| MarkerKind::parse(v).is_some(), "a marker kind"),
            ),
            ("lang", LANG),
        ],
    },
    Spec {
        path: "rules/tense.tsv",
        required: &["role", "lang", "form"],
        values: &[
            (
                "role",
                (
                    |v| {
                        matches!(
                            v,
                            "past_ending" | "past_word" | "future_aux" | "done_before" | "done_after"
                        )
                    },
                    "past_ending, past_word, future_aux, done_before or done_after",
                ),
            ),
            ("lang", LANG),
        ],
    },
    Spec {
        path: "rules/link_words.tsv",
        required: &["role", "lang", "word"],
        values: &[
            (
                "role",
                (
                    |v| matches!(v, "joiner" | "filler" | "cue" | "list"),
                    "joiner, filler, cue or list",
                ),
            ),
            (
                "lang",
                (|v| matches!(v, "en" | "ru" | "zh" | "*"), "en, ru, zh or *"),
            ),
        ],
    },
];

/// Checks the rows of a lexicon or rules file against its spec.
pub(crate) fn check(t: &Table, problems: &mut Vec<Problem>) {
    let Some(spec) = SPECS.iter().find(|s| s.path == t.file()) else {
        return;
    };
    for col in spec
        .required
        .iter()
        .chain(spec.values.iter().map(|(c, _)| c))
    {
        if !t.columns().iter().any(|c| c == col) {
            problems.push(Problem {
                file: t.file().to_string(),
                line: 0,
                message: format!("no column {col}"),
                fatal: true,
            });
        }
    }
    for row in t.rows() {
        for col in spec.required {
            if t.get(row, col).is_none() {
                problems.push(t.problem(row, format!("empty {col}")));
            }
        }
        for (col, (ok, what)) in spec.values {
            if let Some(v) = t.get(row, col) {
                if !ok(v) {
                    problems.push(t.problem(row, format!("{col} {v:?} is not {what}")));
                }
            }
        }
    }
}

//! The one catalogue of words per language, `assets/i18n/<lang>.json`: the labels of the shared
//! vocabularies, the reasoning's words (`reason.*`) and the briefing's (`brief.*`). The window merges
//! the same files into its catalogues, so a word reads the same on screen, in a stored reason and on
//! paper.
//!
//! The files are compiled in and parsed once per language. Code reaches them through a fixed list of
//! keys declared with [`catalogue_words!`](crate::catalogue_words), and each crate's tests check with
//! [`missing`] that every language has every key it reads, so a missing key cannot reach a user.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::rating::Lang;

const EN_JSON: &str = include_str!("../../../assets/i18n/en.json");
const DE_JSON: &str = include_str!("../../../assets/i18n/de.json");

/// One language's catalogue: flat keys to texts.
pub type Messages = HashMap<String, String>;

/// The catalogue file of `lang`, as compiled in.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN_JSON,
        Lang::De => DE_JSON,
    }
}

/// The parsed catalogue of `lang`. The file is part of the binary and the tests parse it, so the empty
/// fallback is never reached in a build that passed them; it keeps rendering from panicking anyway.
pub fn messages(lang: Lang) -> &'static Messages {
    static EN: OnceLock<Messages> = OnceLock::new();
    static DE: OnceLock<Messages> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::De => &DE,
    };
    cell.get_or_init(|| serde_json::from_str(source(lang)).unwrap_or_default())
}

/// The text of `key` in `lang`, or the key itself (which the tests rule out).
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    messages(lang).get(key).map_or(key, String::as_str)
}

/// The keys of `keys` that some language's catalogue lacks, with that language.
pub fn missing(keys: &[&str]) -> Vec<(Lang, String)> {
    Lang::ALL
        .iter()
        .flat_map(|&lang| {
            keys.iter()
                .filter(move |k| !messages(lang).contains_key(**k))
                .map(move |k| (lang, (*k).to_owned()))
        })
        .collect()
}

/// Declares a struct of words read from the catalogue: one `&'static str` field per key, `KEYS` (the
/// keys, for the tests' [`missing`] check) and `of(lang)`, which reads them once per language.
#[macro_export]
macro_rules! catalogue_words {
    (
        $(#[$smeta:meta])* $vis:vis struct $name:ident;
        $( $(#[$meta:meta])* $field:ident => $key:literal, )+
    ) => {
        $(#[$smeta])*
        $vis struct $name {
            $( $(#[$meta])* pub $field: &'static str, )+
        }

        impl $name {
            /// Every catalogue key these words read.
            #[allow(dead_code)]
            pub const KEYS: &'static [&'static str] = &[ $( $key ),+ ];

            /// The words in `lang`, read from the catalogue on first use.
            pub fn of(lang: $crate::rating::Lang) -> &'static $name {
                static EN: std::sync::OnceLock<$name> = std::sync::OnceLock::new();
                static DE: std::sync::OnceLock<$name> = std::sync::OnceLock::new();
                let cell = match lang {
                    $crate::rating::Lang::En => &EN,
                    $crate::rating::Lang::De => &DE,
                };
                cell.get_or_init(|| $name {
                    $( $field: $crate::catalogue::text(lang, $key), )+
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn parsed(lang: Lang) -> Messages {
        serde_json::from_str(source(lang))
            .unwrap_or_else(|e| panic!("assets/i18n/{lang}.json is not a flat map of texts: {e}"))
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn languages_have_the_same_keys_and_placeholders_and_no_empty_text() {
        let en = parsed(Lang::En);
        let de = parsed(Lang::De);
        let en_keys: BTreeSet<&String> = en.keys().collect();
        let de_keys: BTreeSet<&String> = de.keys().collect();
        assert_eq!(en_keys, de_keys);
        for (key, text) in &en {
            let other = &de[key];
            assert_eq!(
                placeholders(text),
                placeholders(other),
                "{key}: {text:?} / {other:?}"
            );
            assert!(!text.trim().is_empty() && !other.trim().is_empty(), "{key}");
        }
    }

    catalogue_words! {
        struct Probe;
        draft => "status.draft",
        absent => "no.such.key",
    }

    #[test]
    fn words_read_their_keys_and_missing_names_the_absent_ones() {
        assert_eq!(Probe::of(Lang::De).draft, "Entwurf");
        assert_eq!(Probe::of(Lang::En).absent, "no.such.key");
        assert_eq!(
            missing(Probe::KEYS),
            vec![
                (Lang::En, "no.such.key".to_owned()),
                (Lang::De, "no.such.key".to_owned())
            ]
        );
    }
}

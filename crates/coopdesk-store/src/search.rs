//! Search keys: the lower-cased, width-folded form of names that the case list and pickers match on.
//!
//! Matching is by substring, so it works for Chinese names (which have no spaces) as well as for
//! words in Latin script. Proper name normalisation (pinyin, traditional/simplified, legal forms)
//! belongs to screening, not to this everyday search.

/// The search key of a text: full-width ASCII folded to half-width, lower-cased, runs of white space
/// collapsed to one space.
pub fn search_key(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c {
            // Full-width forms of ASCII, common when names are typed with a Chinese input method.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a query, each as a search key.
pub fn words(query: &str) -> Vec<String> {
    search_key(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_width_and_space() {
        assert_eq!(
            search_key("  Institute  of\tHigh Energy "),
            "institute of high energy"
        );
        assert_eq!(search_key("ＩＨＥＰ　高能所"), "ihep 高能所");
        assert_eq!(
            words("高能  IHEP"),
            vec!["高能".to_owned(), "ihep".to_owned()]
        );
    }
}

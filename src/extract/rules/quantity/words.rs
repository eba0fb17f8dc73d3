//! Lookups in the word tables of `lexicon`, indexed once by first and by last character so that
//! a rule tries only the words that can match where it looks.

use std::collections::HashMap;

/// Words by a character of theirs, sorted by that character (a binary search finds them:
/// cheaper than hashing the character).
type ByChar = Vec<(char, Vec<&'static str>)>;

/// A table of words, for longest-prefix and longest-suffix matching.
pub(super) struct WordSet {
    by_first: ByChar,
    by_last: ByChar,
}

fn sorted(map: HashMap<char, Vec<&'static str>>) -> ByChar {
    let mut v: ByChar = map.into_iter().collect();
    v.sort_unstable_by_key(|(c, _)| *c);
    v
}

fn words_of(by: &ByChar, c: char) -> Option<&[&'static str]> {
    let i = by.binary_search_by_key(&c, |(k, _)| *k).ok()?;
    by.get(i).map(|(_, w)| w.as_slice())
}

impl WordSet {
    /// The words of `tables`, together.
    pub(super) fn new(tables: &[&[&'static str]]) -> WordSet {
        let mut by_first: HashMap<char, Vec<&'static str>> = HashMap::new();
        let mut by_last: HashMap<char, Vec<&'static str>> = HashMap::new();
        for w in tables.iter().flat_map(|t| t.iter()) {
            if let (Some(f), Some(l)) = (w.chars().next(), w.chars().next_back()) {
                by_first.entry(f).or_default().push(w);
                by_last.entry(l).or_default().push(w);
            }
        }
        for v in by_first.values_mut().chain(by_last.values_mut()) {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
            v.dedup();
        }
        WordSet {
            by_first: sorted(by_first),
            by_last: sorted(by_last),
        }
    }

    /// The longest word `s` starts with.
    pub(super) fn prefix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next()?;
        words_of(&self.by_first, c)?
            .iter()
            .find(|w| s.starts_with(**w))
            .copied()
    }

    /// The longest word `s` ends with.
    pub(super) fn suffix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next_back()?;
        words_of(&self.by_last, c)?
            .iter()
            .find(|w| s.ends_with(**w))
            .copied()
    }
}

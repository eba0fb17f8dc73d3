//! Lookups in the word tables of `lexicon`, indexed once by first and by last character so that
//! a rule tries only the words that can match where it looks.

use std::collections::HashMap;

/// A table of words, for longest-prefix and longest-suffix matching.
pub(super) struct WordSet {
    by_first: HashMap<char, Vec<&'static str>>,
    by_last: HashMap<char, Vec<&'static str>>,
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
        WordSet { by_first, by_last }
    }

    /// The longest word `s` starts with.
    pub(super) fn prefix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next()?;
        self.by_first
            .get(&c)?
            .iter()
            .find(|w| s.starts_with(**w))
            .copied()
    }

    /// The longest word `s` ends with.
    pub(super) fn suffix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next_back()?;
        self.by_last
            .get(&c)?
            .iter()
            .find(|w| s.ends_with(**w))
            .copied()
    }
}

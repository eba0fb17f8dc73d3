//! A character trie over every name the gazetteer knows, walked once per text position: the
//! cost of a scan grows with the text, not with the 100 thousand names.
//!
//! Text characters are folded from traditional to simplified script on the way in
//! (`data/places/trad_simp.txt`), so 青島市 and 黃島區 are found as 青岛市 and 黄岛区; the names
//! themselves are stored simplified.

use once_cell::sync::Lazy;

/// The Han block the direct tables cover (CJK Extension A and the Unified Ideographs).
const LO: u32 = 0x3400;
const HI: u32 = 0x9FFF;
const NONE: u32 = u32::MAX;

const TRAD_SIMP: &str = include_str!("../../../data/places/trad_simp.txt");

/// Simplified form of each character in `LO..=HI` (the character itself when it has none).
static FOLD: Lazy<Vec<char>> = Lazy::new(|| {
    let mut table: Vec<char> = (LO..=HI).filter_map(char::from_u32).collect();
    // Every code point in the block is a valid char, so the table is dense.
    debug_assert_eq!(table.len(), (HI - LO + 1) as usize);
    for line in TRAD_SIMP.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut cs = line.chars();
        if let (Some(t), Some(s), None) = (cs.next(), cs.next(), cs.next()) {
            if let Some(slot) = (t as u32)
                .checked_sub(LO)
                .and_then(|i| table.get_mut(i as usize))
            {
                *slot = s;
            }
        }
    }
    table
});

/// The simplified form of `c` for name matching (`島` → `岛`); other characters unchanged.
pub(crate) fn fold(c: char) -> char {
    let u = c as u32;
    if (LO..=HI).contains(&u) {
        FOLD.get((u - LO) as usize).copied().unwrap_or(c)
    } else {
        c
    }
}

#[derive(Debug, Clone, Default)]
struct Node {
    children: Vec<(char, u32)>,
    name: u32,
}

/// Names by their characters; each terminal node holds the index of its name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trie {
    /// Child of the root for each character in `LO..=HI` (`NONE` when no name starts with it).
    root: Vec<u32>,
    /// Children of the root starting outside the Han block, sorted.
    root_other: Vec<(char, u32)>,
    nodes: Vec<Node>,
    /// A bit per hash of the first two characters of a name: most positions of a text start no
    /// name, and one bit test tells so without walking the trie.
    pairs: Vec<u64>,
}

/// Bits in the two-character filter (128 KiB).
const PAIR_BITS: u32 = 20;

fn pair_bit(a: char, b: char) -> usize {
    // Fibonacci hashing of the two code points.
    let x = ((a as u64) << 21) ^ (b as u64);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS)) as usize
}

impl Trie {
    fn root_child(&self, c: char) -> Option<u32> {
        let u = c as u32;
        if (LO..=HI).contains(&u) {
            self.root
                .get((u - LO) as usize)
                .copied()
                .filter(|&n| n != NONE)
        } else {
            self.root_other
                .binary_search_by_key(&c, |&(k, _)| k)
                .ok()
                .and_then(|i| self.root_other.get(i))
                .map(|&(_, n)| n)
        }
    }

    fn new_node(&mut self) -> u32 {
        self.nodes.push(Node {
            children: Vec::new(),
            name: NONE,
        });
        (self.nodes.len() - 1) as u32
    }

    /// Adds `word` (already simplified) as name `name`; a word added twice keeps its first name.
    pub(crate) fn insert(&mut self, word: &str, name: u32) {
        if self.root.is_empty() {
            self.root = vec![NONE; (HI - LO + 1) as usize];
            self.pairs = vec![0; 1 << (PAIR_BITS - 6)];
        }
        let mut two = word.chars();
        if let (Some(a), Some(b)) = (two.next(), two.next()) {
            let bit = pair_bit(a, b);
            if let Some(w) = self.pairs.get_mut(bit / 64) {
                *w |= 1 << (bit % 64);
            }
        }
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return };
        let mut cur = match self.root_child(first) {
            Some(n) => n,
            None => {
                let n = self.new_node();
                let u = first as u32;
                if (LO..=HI).contains(&u) {
                    if let Some(slot) = self.root.get_mut((u - LO) as usize) {
                        *slot = n;
                    }
                } else {
                    let pos = self
                        .root_other
                        .binary_search_by_key(&first, |&(k, _)| k)
                        .unwrap_or_else(|p| p);
                    self.root_other.insert(pos, (first, n));
                }
                n
            }
        };
        for c in chars {
            let found = self.nodes.get(cur as usize).and_then(|node| {
                node.children
                    .binary_search_by_key(&c, |&(k, _)| k)
                    .ok()
                    .and_then(|i| node.children.get(i))
                    .map(|&(_, n)| n)
            });
            cur = match found {
                Some(n) => n,
                None => {
                    let n = self.new_node();
                    if let Some(node) = self.nodes.get_mut(cur as usize) {
                        let pos = node
                            .children
                            .binary_search_by_key(&c, |&(k, _)| k)
                            .unwrap_or_else(|p| p);
                        node.children.insert(pos, (c, n));
                    }
                    n
                }
            };
        }
        if let Some(node) = self.nodes.get_mut(cur as usize) {
            if node.name == NONE {
                node.name = name;
            }
        }
    }

    /// Every name starting at byte `start` of `text`, shortest first, as (end byte, name).
    pub(crate) fn walk(&self, text: &str, start: usize, out: &mut Vec<(usize, u32)>) {
        let Some(rest) = text.get(start..) else {
            return;
        };
        let mut chars = rest.char_indices();
        let Some((_, first)) = chars.next() else {
            return;
        };
        let Some(mut cur) = self.root_child(fold(first)) else {
            return;
        };
        for (i, c) in chars {
            let c = fold(c);
            let Some(node) = self.nodes.get(cur as usize) else {
                return;
            };
            let Ok(k) = node.children.binary_search_by_key(&c, |&(k, _)| k) else {
                return;
            };
            let Some(&(_, next)) = node.children.get(k) else {
                return;
            };
            cur = next;
            if let Some(n) = self.nodes.get(cur as usize) {
                if n.name != NONE {
                    out.push((start + i + c_len(rest, i), n.name));
                }
            }
        }
    }

    /// Whether any name starts with the (folded) characters `a`, `b`. False positives are
    /// possible, false negatives are not.
    pub(crate) fn may_start(&self, a: char, b: char) -> bool {
        let bit = pair_bit(a, b);
        self.pairs
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Every name occurring in `text`, as (start, end, name), by start then end.
    pub(crate) fn scan(&self, text: &str, out: &mut Vec<(usize, usize, u32)>) {
        let mut ends: Vec<(usize, u32)> = Vec::with_capacity(8);
        let mut chars = text.char_indices().map(|(i, c)| (i, fold(c))).peekable();
        while let Some((i, a)) = chars.next() {
            let Some(&(_, b)) = chars.peek() else {
                break;
            };
            if !self.may_start(a, b) {
                continue;
            }
            ends.clear();
            self.walk(text, i, &mut ends);
            out.extend(ends.iter().map(|&(e, n)| (i, e, n)));
        }
    }
}

/// Byte length of the character at byte `i` of `s`.
fn c_len(s: &str, i: usize) -> usize {
    s.get(i..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_all_names_at_a_position_in_either_script() {
        let mut t = Trie::default();
        t.insert("青岛", 0);
        t.insert("青岛市", 1);
        t.insert("黄岛区", 2);
        let mut out = Vec::new();
        let text = "在青島市黃島區";
        t.walk(text, "在".len(), &mut out);
        let names: Vec<(&str, u32)> = out
            .iter()
            .map(|&(e, n)| (&text["在".len()..e], n))
            .collect();
        assert_eq!(names, [("青島", 0), ("青島市", 1)]);
        out.clear();
        t.walk(text, text.find('黃').unwrap(), &mut out);
        assert_eq!(out.len(), 1);
        assert!(!t.may_start('在', '青'));
        assert!(t.may_start('青', '岛'));
        let mut all = Vec::new();
        t.scan(text, &mut all);
        assert_eq!(all.len(), 3);
        assert_eq!(fold('區'), '区');
        assert_eq!(fold('乾'), '乾');
    }
}

//! A character trie over every name the gazetteer knows, walked once per text position: the
//! cost of a scan grows with the text, not with the 100 thousand names.
//!
//! Text characters are folded from traditional to simplified script on the way in
//! (`data/script/trad_simp.txt`, the pairs not marked ` text`), so 青島市 and 黃島區 are found as 青岛市 and 黄岛区; the names
//! themselves are stored simplified.

use super::fold::{fold, FoldTable, FOLD, HI, LO};
pub(crate) use super::marks::Marks;

const NONE: u32 = u32::MAX;

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
    /// Where a name may start: a table of the names' first two characters, one of the
    /// two-character names and a Bloom filter over the first three characters of the longer
    /// names. Most positions of a text start no name, and one bit test (two or three for the
    /// rest) tells so without walking the trie (whose nodes are scattered in memory).
    filter: Filter,
    /// Whether some name starts outside the Han block.
    other_first: bool,
    /// Whether the trie is small (a document's local names): no direct root table then.
    small: bool,
    /// A bit per Han character that starts a name (3.4 KiB), tested before the filter.
    firsts: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
struct Filter {
    /// A bit per hashed pair of first two characters, for every name of two or more: most
    /// positions of a text fail this one test, on a table small enough to stay in cache.
    pairs: Vec<u64>,
    /// The two-character names, by the same hash (a second, independent table).
    two: Vec<u64>,
    /// A blocked Bloom filter over the first three characters of the longer names: both bits
    /// of a key in one word, so a test costs one memory access.
    three: Vec<u64>,
    /// log2 of the bits of `three` (0 before the first name).
    bits: u32,
    /// log2 of the bits of `pairs` and `two`.
    pair_bits: u32,
    /// The first two characters of the names kept out of the trie because only a document
    /// about their neighbourhood reads them (泊里, 新区), by the hash of `pairs`: a scan marks
    /// where one may start (see [`Marks`]), so that the document's own small trie of them is
    /// walked there only instead of over the whole text again. Empty when there are none.
    local: Vec<u64>,
}

/// log2 of the filter bits of a large trie (`three`: 256 KiB).
const BITS: u32 = 21;
/// log2 of the filter bits of a small trie (512 bytes per table).
const SMALL_BITS: u32 = 12;
/// log2 of the bits of the pair tables of a large trie (64 KiB each: the national names
/// start with some tens of thousands of different pairs, so about one bit in five is set).
const PAIR_BITS: u32 = 19;

fn hash(a: char, b: char, c: char, seed: u64) -> u64 {
    let x = ((a as u64) << 42) ^ ((b as u64) << 21) ^ (c as u64) ^ seed;
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Seed of the two-character names' table (independent of the pairs' table).
const TWO_SEED: u64 = 0x5851_F42D_4C95_7F2D;

impl Filter {
    fn new(bits: u32) -> Filter {
        let pair_bits = bits.min(PAIR_BITS);
        Filter {
            pairs: vec![0; 1 << (pair_bits - 6)],
            two: vec![0; 1 << (pair_bits - 6)],
            three: vec![0; 1 << (bits - 6)],
            bits,
            pair_bits,
            local: Vec::new(),
        }
    }

    /// The word and bit of `h` in a table of `2^bits` bits.
    fn bit_in(bits: u32, h: u64) -> (usize, u64) {
        let i = (h >> (64 - bits)) as usize;
        (i / 64, 1 << (i % 64))
    }

    /// The word of `h` in `three`, and the mask of its two bits in that word (taken from the
    /// hash's low bits, which the word index does not use).
    fn block(&self, h: u64) -> (usize, u64) {
        let w = (h >> (64 - (self.bits - 6))) as usize;
        let m = (1u64 << (h & 63)) | (1u64 << ((h >> 6) & 63));
        (w, m)
    }

    fn set(table: &mut [u64], (w, m): (usize, u64)) {
        if let Some(x) = table.get_mut(w) {
            *x |= m;
        }
    }

    fn test(table: &[u64], (w, m): (usize, u64)) -> bool {
        table.get(w).is_some_and(|x| x & m == m)
    }

    fn insert(&mut self, a: char, b: char, c: Option<char>) {
        let pair = Filter::bit_in(self.pair_bits, hash(a, b, '\0', 0));
        Filter::set(&mut self.pairs, pair);
        match c {
            None => {
                let k = Filter::bit_in(self.pair_bits, hash(a, b, '\0', TWO_SEED));
                Filter::set(&mut self.two, k);
            }
            Some(c) => {
                let k = self.block(hash(a, b, c, 0));
                Filter::set(&mut self.three, k);
            }
        }
    }

    #[cfg(test)]
    fn may_start(&self, a: char, b: char, c: Option<char>) -> bool {
        if !Filter::test(
            &self.pairs,
            Filter::bit_in(self.pair_bits, hash(a, b, '\0', 0)),
        ) {
            return false;
        }
        if Filter::test(
            &self.two,
            Filter::bit_in(self.pair_bits, hash(a, b, '\0', TWO_SEED)),
        ) {
            return true;
        }
        c.is_some_and(|c| Filter::test(&self.three, self.block(hash(a, b, c, 0))))
    }
}

impl Trie {
    /// A trie for a few hundred names: lighter to build, as fast to scan.
    pub(crate) fn small() -> Trie {
        Trie {
            small: true,
            ..Trie::default()
        }
    }

    fn root_child(&self, c: char) -> Option<u32> {
        let u = c as u32;
        if !self.small && (LO..=HI).contains(&u) {
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
    fn init_filter(&mut self) {
        if self.filter.bits == 0 {
            self.filter = if self.small {
                Filter::new(SMALL_BITS)
            } else {
                self.root = vec![NONE; (HI - LO + 1) as usize];
                Filter::new(BITS)
            };
        }
    }

    /// Records that a name (or a local name) starts with `a`.
    fn mark_first(&mut self, a: char) {
        if self.firsts.is_empty() {
            self.firsts = vec![0; ((HI - LO + 1) as usize).div_ceil(64)];
        }
        if let Some(i) = (a as u32).checked_sub(LO).filter(|&i| i <= HI - LO) {
            if let Some(w) = self.firsts.get_mut(i as usize / 64) {
                *w |= 1 << (i % 64);
            }
        }
        if !(LO..=HI).contains(&(a as u32)) {
            self.other_first = true;
        }
    }

    pub(crate) fn insert(&mut self, word: &str, name: u32) {
        self.init_filter();
        let mut three = word.chars();
        if let (Some(a), Some(b)) = (three.next(), three.next()) {
            self.filter.insert(a, b, three.next());
            self.mark_first(a);
        }
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return };
        let mut cur = match self.root_child(first) {
            Some(n) => n,
            None => {
                let n = self.new_node();
                let u = first as u32;
                if !self.small && (LO..=HI).contains(&u) {
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

    /// Whether a name may start with the (folded) characters `a`, `b` and, when there is one,
    /// `c`. False positives are possible, false negatives are not.
    #[cfg(test)]
    pub(crate) fn may_start(&self, a: char, b: char, c: Option<char>) -> bool {
        self.filter.bits != 0 && self.filter.may_start(a, b, c)
    }

    /// Every name occurring in `text`, as (start, end, name), by start then end.
    pub(crate) fn scan(&self, text: &str, out: &mut Vec<(usize, usize, u32)>) {
        self.scan_inner(text, out, None);
    }

    /// Like [`scan`](Self::scan), and also marks where a local name (see
    /// [`mark_local`](Self::mark_local)) may start; `None` when this trie has none.
    pub(crate) fn scan_marking(
        &self,
        text: &str,
        out: &mut Vec<(usize, usize, u32)>,
    ) -> Option<Marks> {
        if self.filter.local.is_empty() {
            self.scan_inner(text, out, None);
            return None;
        }
        let mut marks = Marks::for_text(text);
        self.scan_inner(text, out, Some(&mut marks));
        Some(marks)
    }

    /// Every name of this trie starting at a marked position, as [`scan`](Self::scan) finds
    /// them when the marks cover every position where one starts.
    pub(crate) fn scan_marked(
        &self,
        text: &str,
        marks: &Marks,
        out: &mut Vec<(usize, usize, u32)>,
    ) {
        let mut ends: Vec<(usize, u32)> = Vec::with_capacity(8);
        for i in marks.iter() {
            // Marks are for the local names of the whole country: most start none of this
            // trie's, which the first character tells without walking.
            let first = text.get(i..).and_then(|t| t.chars().next()).map(fold);
            if first.is_some_and(|c| self.starts_name(c)) {
                self.walk_into(text, i, &mut ends, out);
            }
        }
    }

    fn scan_inner(
        &self,
        text: &str,
        out: &mut Vec<(usize, usize, u32)>,
        mut marks: Option<&mut Marks>,
    ) {
        if self.filter.bits == 0 {
            return;
        }
        let table: &FoldTable = &FOLD;
        let mut ends: Vec<(usize, u32)> = Vec::with_capacity(8);
        // The two previous characters (folded), where they start, and whether a name starts
        // with each.
        let mut p1: Option<(usize, char, bool)> = None;
        let mut p2: Option<(usize, char, bool)> = None;
        for (j, ch) in text.char_indices() {
            let c = table.fold(ch);
            if let (Some((i, a, true)), Some((_, b, _))) = (p2, p1) {
                self.try_at(
                    text,
                    i,
                    (a, b, Some(c)),
                    &mut ends,
                    out,
                    marks.as_deref_mut(),
                );
            }
            p2 = p1;
            p1 = Some((j, c, self.starts_name(c)));
        }
        // The last position that can start a two-character name.
        if let (Some((i, a, true)), Some((_, b, _))) = (p2, p1) {
            self.try_at(text, i, (a, b, None), &mut ends, out, marks);
        }
    }

    /// Walks the trie at byte `i` (whose characters are `a`, `b` and `c`) when the filter
    /// lets a name start there, and marks `i` when a local name may.
    #[inline(always)]
    fn try_at(
        &self,
        text: &str,
        i: usize,
        (a, b, c): (char, char, Option<char>),
        ends: &mut Vec<(usize, u32)>,
        out: &mut Vec<(usize, usize, u32)>,
        marks: Option<&mut Marks>,
    ) {
        let f = &self.filter;
        let pair = Filter::bit_in(f.pair_bits, hash(a, b, '\0', 0));
        if let Some(m) = marks {
            if Filter::test(&f.local, pair) {
                m.set(i);
            }
        }
        if !Filter::test(&f.pairs, pair) {
            return;
        }
        let two = Filter::test(
            &f.two,
            Filter::bit_in(f.pair_bits, hash(a, b, '\0', TWO_SEED)),
        );
        if two || c.is_some_and(|c| Filter::test(&f.three, f.block(hash(a, b, c, 0)))) {
            self.walk_into(text, i, ends, out);
        }
    }

    /// Registers `word` (already simplified, two characters or more) as a local name: not in
    /// the trie, but marked by [`scan_marking`](Self::scan_marking) where it may start.
    pub(crate) fn mark_local(&mut self, word: &str) {
        self.init_filter();
        let mut cs = word.chars();
        let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
            return;
        };
        if self.filter.local.is_empty() {
            self.filter.local = vec![0; self.filter.pairs.len()];
        }
        let pair = Filter::bit_in(self.filter.pair_bits, hash(a, b, '\0', 0));
        Filter::set(&mut self.filter.local, pair);
        self.mark_first(a);
    }

    /// Whether some name starts with the (folded) character `c`: one bit of a table that
    /// stays in cache, so that positions no name starts at (most function words, numbers and
    /// punctuation) cost no filter test.
    #[inline]
    fn starts_name(&self, c: char) -> bool {
        match (c as u32).checked_sub(LO).filter(|&i| i <= HI - LO) {
            Some(i) => self
                .firsts
                .get(i as usize / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0),
            None => self.other_first,
        }
    }

    /// Appends every name starting at byte `i` (using `ends` as scratch).
    fn walk_into(
        &self,
        text: &str,
        i: usize,
        ends: &mut Vec<(usize, u32)>,
        out: &mut Vec<(usize, usize, u32)>,
    ) {
        ends.clear();
        self.walk(text, i, ends);
        out.extend(ends.iter().map(|&(e, n)| (i, e, n)));
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
        assert!(!t.may_start('在', '青', Some('岛')));
        assert!(t.may_start('青', '岛', None));
        assert!(t.may_start('青', '岛', Some('市')));
        let mut all = Vec::new();
        t.scan(text, &mut all);
        assert_eq!(all.len(), 3);
        assert_eq!(fold('區'), '区');
        assert_eq!(fold('乾'), '乾');
    }
}

//! The word tables' file format, read when the crate compiles.
//!
//! The vocabulary lives in `data/lexicon/*.txt`, written for a reader who knows the language
//! rather than Rust:
//!
//! ```text
//! # What the file holds (a comment: `#` to the end of the line).
//! [abstract]
//! # What the table is for, with examples.
//! 方面 定位 特点
//! 台阶 名片          # figures of speech: the reason shared by the words of this line
//!
//! [prefix]
//! at_most: 不超过 不高于   # a typed table: a label before the words gives their kind
//! ```
//!
//! A `[name]` line opens a table; words are separated by spaces and keep the file's order; a
//! comment after words is the reason for each word of that line (what [`Entry::why`] holds).
//! The tables are parsed into constants by `word_tables!` and `rows!` at compile time, so the
//! rules read plain `&'static` slices (no start-up cost, nothing to look up at run time) and a
//! malformed file (a table missing or empty, an unknown label) fails the build.

/// One word of a table, with the label and the reason its line gives.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// The word as written.
    pub word: &'static str,
    /// The word's kind or value in a typed table (`at_most` in `at_most: 不超过`, `国务院` in
    /// `国务院: 国务委员`); empty without one.
    pub label: &'static str,
    /// The comment after the words of its line; empty without one.
    pub why: &'static str,
}

/// The entries of one table, in the file's order; usable at compile time.
pub(crate) struct Entries {
    src: &'static [u8],
    tables: &'static [&'static str],
    /// Where the next line starts.
    next_line: usize,
    /// Where the next word of the current line may start, and where the line's words end.
    at: usize,
    words_end: usize,
    in_table: bool,
    label: &'static str,
    why: &'static str,
}

impl Entries {
    /// The entries of the tables named `tables` in the text `src` of a data file, in the file's
    /// order (table names compare without regard to ASCII case: `[lead]` is `LEAD`).
    pub(crate) const fn new(src: &'static str, tables: &'static [&'static str]) -> Entries {
        Entries {
            src: src.as_bytes(),
            tables,
            next_line: 0,
            at: 0,
            words_end: 0,
            in_table: false,
            label: "",
            why: "",
        }
    }

    /// The next entry of the table.
    pub(crate) const fn next_entry(&mut self) -> Option<Entry> {
        loop {
            self.at = skip_space(self.src, self.at, self.words_end);
            if self.at < self.words_end {
                let start = self.at;
                let mut end = start;
                while end < self.words_end && !is_space(self.src[end]) {
                    end += 1;
                }
                self.at = end;
                return Some(Entry {
                    word: text(self.src, start, end),
                    label: self.label,
                    why: self.why,
                });
            }
            if self.next_line >= self.src.len() {
                return None;
            }
            self.read_line();
        }
    }

    /// Moves to the next line: a table heading switches tables; a line of the table sets the
    /// label, the reason and the span of words.
    const fn read_line(&mut self) {
        let start = self.next_line;
        let mut end = start;
        while end < self.src.len() && self.src[end] != b'\n' {
            end += 1;
        }
        self.next_line = end + 1;
        let mut hash = start;
        while hash < end && self.src[hash] != b'#' {
            hash += 1;
        }
        let (from, to) = trim(self.src, start, hash);
        self.at = 0;
        self.words_end = 0;
        if from < to && self.src[from] == b'[' {
            assert!(self.src[to - 1] == b']', "a table heading is `[name]`");
            let name = text(self.src, from + 1, to - 1);
            let mut k = 0;
            self.in_table = false;
            while k < self.tables.len() {
                self.in_table |= same_name(name, self.tables[k]);
                k += 1;
            }
            return;
        }
        if !self.in_table || from == to {
            return;
        }
        self.why = if hash < end {
            let (a, b) = trim(self.src, hash + 1, end);
            text(self.src, a, b)
        } else {
            ""
        };
        self.label = "";
        self.at = from;
        self.words_end = to;
        // A label is the line's first word when it ends in a colon.
        let mut k = from;
        while k < to && !is_space(self.src[k]) {
            k += 1;
        }
        if self.src[k - 1] == b':' {
            self.label = text(self.src, from, k - 1);
            self.at = k;
        }
    }
}

/// How many entries the tables `tables` of `src` have; fails the build when they have none (a
/// table misspelt in the code or the file).
pub(crate) const fn count(src: &'static str, tables: &'static [&'static str]) -> usize {
    let mut entries = Entries::new(src, tables);
    let mut n = 0;
    while entries.next_entry().is_some() {
        n += 1;
    }
    assert!(n > 0, "a word table is missing or empty");
    n
}

/// The `N` entries of the tables `tables` of `src`.
pub(crate) const fn entries<const N: usize>(
    src: &'static str,
    tables: &'static [&'static str],
) -> [Entry; N] {
    let mut out = [Entry {
        word: "",
        label: "",
        why: "",
    }; N];
    let mut entries = Entries::new(src, tables);
    let mut k = 0;
    while let Some(e) = entries.next_entry() {
        out[k] = e;
        k += 1;
    }
    out
}

/// The word of an entry of an untyped table (one without labels).
pub(crate) const fn word(e: &Entry) -> &'static str {
    assert!(e.label.is_empty(), "a label in a table of plain words");
    e.word
}

/// A row of a table of pairs: the word and its line's label (`国务院: 国务委员` is
/// `("国务委员", "国务院")`; a label `-` is empty).
pub(crate) const fn pair(e: &Entry) -> (&'static str, &'static str) {
    (
        e.word,
        if eq_bytes(e.label.as_bytes(), b"-", false) {
            ""
        } else {
            e.label
        },
    )
}

/// A label and a marker after it: `program_guarded` is `(b"program", true)` for the marker
/// `_guarded`, `program` is `(b"program", false)`.
pub(crate) const fn marked(label: &'static str, marker: &str) -> (&'static [u8], bool) {
    let (l, m) = (label.as_bytes(), marker.as_bytes());
    if l.len() > m.len() {
        let (head, tail) = l.split_at(l.len() - m.len());
        if eq_bytes(tail, m, false) {
            return (head, true);
        }
    }
    (l, false)
}

/// Whether a table's heading names `name`, without regard to ASCII case.
const fn same_name(heading: &str, name: &str) -> bool {
    eq_bytes(heading.as_bytes(), name.as_bytes(), true)
}

const fn eq_bytes(a: &[u8], b: &[u8], fold_case: bool) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        let (x, y) = if fold_case {
            (a[i].to_ascii_lowercase(), b[i].to_ascii_lowercase())
        } else {
            (a[i], b[i])
        };
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

/// The entries of the tables `$tables` of the data file `$src` turned into rows by the
/// `const fn` `$row(&Entry) -> $ty`, as a `&'static [$ty]` in the file's order:
/// `rows!(SRC, ["prefix"], (&str, Comparator), prefix_row)`.
macro_rules! rows {
    ($src:expr, $tables:expr, $ty:ty, $row:path) => {{
        const TABLES: &[&str] = &$tables;
        const N: usize = $crate::extract::lexicon::table::count($src, TABLES);
        const ENTRIES: [$crate::extract::lexicon::table::Entry; N] =
            $crate::extract::lexicon::table::entries($src, TABLES);
        const ROWS: [$ty; N] = {
            let mut rows = [$row(&ENTRIES[0]); N];
            let mut k = 1;
            while k < N {
                rows[k] = $row(&ENTRIES[k]);
                k += 1;
            }
            rows
        };
        &ROWS
    }};
}

/// Word tables as constants of type `&'static [&'static str]`, one per name: `LEAD` holds the
/// words of the file's `[lead]`; `TAIL = tail + change_verbs` those of both tables, in the
/// file's order (for tables read as sets).
macro_rules! word_tables {
    ($src:ident, $file:literal: $($name:ident $(= $first:ident $(+ $more:ident)*)?),+ $(,)?) => {
        $(
            #[doc = concat!("The words of `", $file, "`'s table `", stringify!($name), "`.")]
            pub(crate) const $name: &[&str] = $crate::extract::lexicon::table::rows!(
                $src,
                $crate::extract::lexicon::table::word_tables!(@tables $name $(= $first $(+ $more)*)?),
                &'static str,
                $crate::extract::lexicon::table::word
            );
        )+
    };
    (@tables $name:ident) => { [stringify!($name)] };
    (@tables $name:ident = $first:ident $(+ $more:ident)*) => {
        [stringify!($first) $(, stringify!($more))*]
    };
}

pub(crate) use {rows, word_tables};

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

const fn skip_space(src: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && is_space(src[i]) {
        i += 1;
    }
    i
}

/// `[from, to)` without the spaces at either end.
const fn trim(src: &[u8], mut from: usize, mut to: usize) -> (usize, usize) {
    from = skip_space(src, from, to);
    while to > from && is_space(src[to - 1]) {
        to -= 1;
    }
    (from, to)
}

/// The text of `src[from..to]` (on character boundaries: the cuts are at ASCII bytes).
const fn text(src: &'static [u8], from: usize, to: usize) -> &'static str {
    let (_, rest) = src.split_at(from);
    let (bytes, _) = rest.split_at(to - from);
    match core::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("a word table is not UTF-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "# a file\n[one]\n# about one\na b  # why a, b\nc\n\n[two]\nx: d\ny: e f # g\n[one_more]\nz\n";

    fn all(table: &'static str) -> Vec<(&'static str, &'static str, &'static str)> {
        let tables: &'static [&'static str] = Box::leak(Box::new([table]));
        let mut e = Entries::new(SRC, tables);
        let mut out = Vec::new();
        while let Some(x) = e.next_entry() {
            out.push((x.word, x.label, x.why));
        }
        out
    }

    #[test]
    fn reads_words_labels_and_reasons() {
        assert_eq!(
            all("one"),
            [("a", "", "why a, b"), ("b", "", "why a, b"), ("c", "", "")]
        );
        assert_eq!(
            all("two"),
            [("d", "x", ""), ("e", "y", "g"), ("f", "y", "g")]
        );
        assert_eq!(all("one_more"), [("z", "", "")]);
        assert!(all("three").is_empty());
    }

    mod built {
        use super::SRC;
        use crate::extract::lexicon::table::Entry;

        word_tables!(SRC, "the test file": ONE, BOTH = one + one_more);

        const fn labelled(e: &Entry) -> (&'static str, bool) {
            (e.word, matches!(e.label.as_bytes(), b"y"))
        }
        pub(super) const TWO: &[(&str, bool)] = rows!(SRC, ["two"], (&'static str, bool), labelled);
    }

    #[test]
    fn builds_constants() {
        assert_eq!(built::ONE, ["a", "b", "c"]);
        assert_eq!(built::BOTH, ["a", "b", "c", "z"]);
        assert_eq!(built::TWO, [("d", false), ("e", true), ("f", true)]);
    }

    /// Every table of every vocabulary file lists a word once per label: a word listed twice
    /// is a merge gone wrong or two readings of one word, and only one of them is ever read.
    #[test]
    fn vocabulary_files_list_each_word_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
        let mut files = 0;
        for file in std::fs::read_dir(&dir).expect("data/lexicon") {
            let path = file.expect("a directory entry").path();
            let text: &'static str = Box::leak(
                std::fs::read_to_string(&path)
                    .expect("UTF-8")
                    .into_boxed_str(),
            );
            files += 1;
            for heading in text.lines().filter(|l| l.starts_with('[')) {
                let name = heading.trim().trim_start_matches('[').trim_end_matches(']');
                let tables: &'static [&'static str] = Box::leak(Box::new([name]));
                let mut seen = std::collections::HashSet::new();
                let mut entries = Entries::new(text, tables);
                let mut n = 0;
                while let Some(e) = entries.next_entry() {
                    n += 1;
                    assert!(
                        seen.insert((e.label, e.word)),
                        "{}: [{name}] lists {} twice",
                        path.display(),
                        e.word
                    );
                }
                assert!(n > 0, "{}: [{name}] is empty", path.display());
            }
        }
        assert!(files >= 10, "{files} vocabulary files");
    }
}

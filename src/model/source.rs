use super::PartialDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The SHA-256 of a source's UTF-8 bytes, as 64 lowercase hex digits.
///
/// It makes ingestion idempotent (the same article twice is one source) and ties evidence
/// offsets to one exact text.
///
/// ```
/// use planledger::model::ContentHash;
/// let h = ContentHash::of("abc");
/// assert_eq!(h.as_str(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(String);

impl ContentHash {
    /// Hashes a text.
    pub fn of(text: &str) -> Self {
        Self::of_bytes(text.as_bytes())
    }

    /// Hashes bytes.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        let digest = Sha256::digest(bytes);
        let mut hex = String::with_capacity(64);
        for b in digest.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        ContentHash(hex)
    }
}

super::text_newtype!(
    ContentHash,
    "hex digits",
    "content_hash",
    |s| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
    "is not 64 lowercase hex digits"
);

/// A document facts were read from: an article, an interview, a work report.
///
/// The publication date anchors relative time ("今年", "去年"). `text` is optional: the bundled
/// dataset cites articles by offsets without shipping their text. `chars` is the text's length
/// in Unicode scalar values; the schema refuses evidence spans past it.
///
/// ```
/// use planledger::model::Source;
/// let s = Source::from_text("示例报道", "今年签约项目8个。");
/// assert_eq!(s.chars, Some(9));
/// assert!(s.content_hash.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Headline as published, or a caller's name for an untitled text.
    pub title: String,
    /// Publishing outlet, as the source names it (a city's daily, a county's government site).
    pub publisher: Option<String>,
    /// Publication date (2023-01-28, or only 2023-01 when the day is unknown); relative times
    /// in the text (今年, 去年底) are resolved against it.
    pub published: Option<PartialDate>,
    /// Authors (reporters), as the source names them; never recorded as officials.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Where it can be read (`https://…`), kept as given.
    pub url: Option<String>,
    /// SHA-256 of the text as stored; one text is one source however often it is ingested.
    pub content_hash: Option<ContentHash>,
    /// Length of the text in Unicode scalar values (characters, not bytes): 签约项目8个 is 6.
    pub chars: Option<u32>,
    /// The text itself, when the ledger keeps it.
    pub text: Option<String>,
}

impl Source {
    /// A source without text or metadata beyond its title.
    pub fn titled(title: impl Into<String>) -> Self {
        Source {
            title: title.into(),
            publisher: None,
            published: None,
            authors: Vec::new(),
            url: None,
            content_hash: None,
            chars: None,
            text: None,
        }
    }

    /// A source holding `text`, with its hash and length filled in.
    ///
    /// A NUL character (U+0000), which SQLite's text functions take for the end of the text,
    /// is stored as U+FFFD, one character for one, so every offset into the text stays right;
    /// the hash is of the text as stored. (Crawled pages carry the odd NUL.)
    ///
    /// ```
    /// use planledger::model::Source;
    /// let s = Source::from_text("抓取", "签约\0项目");
    /// assert_eq!(s.text.as_deref(), Some("签约\u{FFFD}项目"));
    /// assert_eq!(s.chars, Some(5));
    /// ```
    pub fn from_text(title: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.contains('\0') {
            text = text.replace('\0', "\u{FFFD}");
        }
        Source {
            content_hash: Some(ContentHash::of(&text)),
            chars: u32::try_from(text.chars().count()).ok(),
            text: Some(text),
            ..Source::titled(title)
        }
    }
}

super::setters!(Source {
    /// Sets the publication date.
    published_on(date: PartialDate) => some(published);
});

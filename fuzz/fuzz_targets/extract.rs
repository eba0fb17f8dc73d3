//! Feeds arbitrary bytes to the extractor: it must never panic, and every span it reports must
//! lie inside the text.
//!
//! ```text
//! cd fuzz && cargo +nightly fuzz run extract
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use planledger::extract::{Document, Extractor};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = text.chars().count() as u32;
    for doc in [Document::new(&text), Document::new(&text).with_year(2023)] {
        for fact in extractor().extract(&doc).facts {
            let span = fact.span();
            assert!(span.start() <= span.end() && span.end() <= n);
        }
    }
});

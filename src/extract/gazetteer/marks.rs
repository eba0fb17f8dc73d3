//! Where in a text a name kept out of the national trie may start: a bit per byte.

/// The byte positions of a text where a local name may start (a bit per byte), marked by a
/// scan of the national trie ([`Trie::scan_marking`]) and read by [`Trie::scan_marked`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Marks {
    bits: Vec<u64>,
}

impl Marks {
    pub(super) fn for_text(text: &str) -> Marks {
        Marks {
            bits: vec![0; text.len().div_ceil(64)],
        }
    }

    pub(super) fn set(&mut self, i: usize) {
        if let Some(w) = self.bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// The marked positions, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(k, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros() as usize;
                    w &= w - 1;
                    k * 64 + b
                })
            })
        })
    }
}

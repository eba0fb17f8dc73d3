//! The extractor's cost grows linearly with its input, in time and in memory, on the inputs
//! that make a careless stage quadratic: long digit runs broken by spaces, a text of
//! one-character lines, a long quotation full of numbers, a number every other byte, long
//! unpunctuated sentences, and texts dense with mentions and facts.
//!
//! Time is checked as a ratio, never against the clock: each input is read at 100 KB and at
//! 1 MB, and the 1 MB run may take at most `MAX_RATIO` times as long as the 100 KB one (a linear
//! stage takes about 10 times as long; a quadratic one about 100 times). Memory is counted by
//! this binary's allocator on the extracting thread, and checked against the bounds
//! RELIABILITY.md documents.

mod extract_support;

use extract_support::extractor;
use planledger::extract::Document;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How much more CPU time 10 times the input may take. Linear code measures 7–16 (larger
/// inputs fall out of the caches); quadratic code 70–130.
const MAX_RATIO: f64 = 40.0;

/// What an input holds, and so how many bytes the extractor may allocate at its peak per byte
/// of it (returned facts included).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Density {
    /// Nothing the extractor keeps a record of: the normalised text and its map back to the
    /// original take 5 bytes per byte.
    Quiet,
    /// A mention (a place, a time, a number with its unit) every few characters, few facts.
    Mentions,
    /// A paragraph every few characters (a page of one-number lines, each page furniture of
    /// its own): each keeps its start, a sentence with its head and a reading frame.
    Paragraphs,
    /// A fact every few characters.
    Facts,
}

impl Density {
    fn max_bytes_per_byte(self) -> f64 {
        match self {
            Density::Quiet => 8.0,
            Density::Mentions => 32.0,
            Density::Paragraphs => 40.0,
            Density::Facts => 160.0,
        }
    }
}

/// `unit` repeated to about `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat((bytes / unit.len()).max(1))
}

/// `item(0) item(1) …` up to about `bytes` bytes.
fn numbered(bytes: usize, item: fn(usize) -> String) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&item(i));
        i += 1;
    }
    s
}

/// Seeded characters drawn from `alphabet`, about `bytes` bytes.
fn random(bytes: usize, alphabet: &str) -> String {
    let chars: Vec<char> = alphabet.chars().collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut s = String::with_capacity(bytes + 4);
    while s.len() < bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push(chars[(x % chars.len() as u64) as usize]);
    }
    s
}

const RULE_CHARS: &str =
    "0123456789０１２３４５６７８９.%一二两三四五六七八九十百千万亿元个家人亩项条所\
    年月底内今去超近约余多以上左右不低于超过突破，。、；：“”（）\n 　镇区市委书记攻坚战行动计划\
    工程总投资签约开工建设竣工投产要将已了的和";

/// One adversarial input: its name, how dense it is, and how to make `n` bytes of it.
type Input = (&'static str, Density, fn(usize) -> String);

/// Inputs that made a stage quadratic, or would if it rescanned what it has seen. Each is
/// cheap per byte downstream, so that 1 MB of it runs in seconds in a debug build.
fn stage_inputs() -> Vec<Input> {
    vec![
        // Spaces inside a digit run: each space looked back over the whole run.
        ("digits and spaces", Density::Quiet, |n| repeat("1 ", n)),
        // One-character lines joined into one paragraph: each line rescanned the paragraph.
        ("one-character lines", Density::Quiet, |n| repeat("字\n", n)),
        ("digit lines", Density::Paragraphs, |n| repeat("1 \n", n)),
        // One quotation holding many numbers: its length was counted once per number.
        ("numbers in one quotation", Density::Quiet, |n| {
            format!("“{}”", repeat("1，", n.saturating_sub(6)))
        }),
        // A number every other byte: all of them were listed before any was read.
        ("a number every other byte", Density::Quiet, |n| {
            repeat("1,", n)
        }),
        ("place names", Density::Mentions, |n| repeat("青岛市", n)),
        ("self-references", Density::Mentions, |n| repeat("我镇", n)),
        ("relative years", Density::Mentions, |n| repeat("今年", n)),
        ("quoted campaigns", Density::Facts, |n| {
            repeat("“攻坚年”", n)
        }),
        ("random rule characters", Density::Facts, |n| {
            random(n, RULE_CHARS)
        }),
    ]
}

/// Inputs dense with figures and facts: every rule runs at every few characters, which
/// takes 10–40 µs per byte in a debug build, so these are read at 100 KB and 200 KB.
fn dense_inputs() -> Vec<Input> {
    vec![
        ("units in one quotation", Density::Facts, |n| {
            format!("“{}”", repeat("1个，", n.saturating_sub(6)))
        }),
        ("a figure every four bytes", Density::Facts, |n| {
            repeat("12个", n)
        }),
        ("distinct figures", Density::Facts, |n| {
            numbered(n, |i| format!("{i}个"))
        }),
        ("targets", Density::Facts, |n| {
            numbered(n, |i| format!("今年增长{i}%，"))
        }),
        ("one unpunctuated sentence", Density::Quiet, |n| {
            repeat("签约项目建设", n)
        }),
    ]
}

fn extract(text: &str) {
    let e = extractor().extract(&Document::new(text).with_year(2023));
    std::hint::black_box(e);
}

/// The CPU time this thread has used (Linux), else the time since some fixed moment: other
/// processes on a busy machine then do not count against the extractor.
fn cpu_now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

/// What reading one text cost: CPU time, peak bytes allocated, facts found.
struct Cost {
    time: Duration,
    peak: usize,
    facts: usize,
}

/// Reads `text` on this thread and measures it.
fn measure(text: &str) -> Cost {
    let base = counting::reset_peak();
    let t = cpu_now();
    let e = extractor().extract(&Document::new(text).with_year(2023));
    let time = cpu_now().saturating_sub(t);
    let peak = counting::peak().saturating_sub(base);
    Cost {
        time,
        peak,
        facts: e.facts.len(),
    }
}

/// Reads each input at `small` and `large` bytes; checks the time ratio against the size
/// ratio, and the peak memory of the large read against the input's bound.
fn check(inputs: Vec<Input>, small: usize, large: usize) {
    extract("预热：总投资1亿元的3个项目年内竣工。");
    let size_ratio = large as f64 / small as f64;
    let max_ratio = MAX_RATIO * size_ratio / 10.0;
    let mut failures = Vec::new();
    for (name, density, make) in inputs {
        let text = make(small);
        // The best of three reads, unless one is already slow.
        let mut t_small = measure(&text).time;
        for _ in 0..2 {
            if t_small < Duration::from_secs(1) {
                t_small = t_small.min(measure(&text).time);
            }
        }
        // The large input runs on its own thread so that a quadratic stage fails the test
        // soon after it passes the ratio instead of running for minutes. The wall-clock
        // limit allows for a busy machine (the ratio itself is of CPU time), and caps the
        // wait at 40 times the slowest read seen in a debug build.
        let text = make(large);
        let len = text.len();
        let limit = t_small
            .mul_f64(3.0 * max_ratio)
            .clamp(Duration::from_secs(1), Duration::from_secs(120));
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(measure(&text));
        });
        let Ok(cost) = rx.recv_timeout(limit) else {
            // The read goes on in its thread; stop here rather than measure beside it.
            failures.push(format!("{name}: {large} B took over {limit:?}"));
            panic!("{small} B took {t_small:?}; {failures:#?}");
        };
        let ratio = cost.time.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        let per_byte = cost.peak as f64 / len as f64;
        let bound = density.max_bytes_per_byte();
        eprintln!(
            "{name}: {small} B {t_small:?}, {large} B {:?} (ratio {ratio:.1}); {} facts, \
             peak {per_byte:.1} bytes per byte ({density:?}: at most {bound})",
            cost.time, cost.facts
        );
        if ratio > max_ratio && cost.time > Duration::from_millis(100) {
            failures.push(format!(
                "{name}: time ratio {ratio:.1} (at most {max_ratio})"
            ));
        }
        if per_byte > bound {
            failures.push(format!(
                "{name}: peak {per_byte:.1} bytes per byte (at most {bound})"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn each_stage_is_linear_at_a_megabyte() {
    check(stage_inputs(), 100_000, 1_000_000);
}

#[test]
fn dense_text_is_linear() {
    check(dense_inputs(), 20_000, 200_000);
}

/// An allocator that counts the bytes live on each thread and their peak, so that tests
/// running beside this one do not disturb the count.
mod counting {
    use super::*;

    thread_local! {
        static LIVE: Cell<usize> = const { Cell::new(0) };
        static PEAK: Cell<usize> = const { Cell::new(0) };
    }

    fn grew(n: usize) {
        let _ = LIVE.try_with(|l| {
            let now = l.get().saturating_add(n);
            l.set(now);
            let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
        });
    }

    fn shrank(n: usize) {
        let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
    }

    /// Resets this thread's peak to what is live now, and returns that.
    pub fn reset_peak() -> usize {
        let live = LIVE.with(Cell::get);
        PEAK.with(|p| p.set(live));
        live
    }

    /// This thread's peak since the last reset.
    pub fn peak() -> usize {
        PEAK.with(Cell::get)
    }

    pub struct Counting;

    // SAFETY: every call is passed on to the system allocator unchanged; the counting only
    // touches thread-local cells (const-initialised, without destructors).
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = System.alloc(layout);
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            System.dealloc(ptr, layout);
            shrank(layout.size());
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = System.realloc(ptr, layout, new_size);
            if !p.is_null() {
                // Counted as growing or shrinking by the difference.
                if new_size > layout.size() {
                    grew(new_size - layout.size());
                } else {
                    shrank(layout.size() - new_size);
                }
            }
            p
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;
}

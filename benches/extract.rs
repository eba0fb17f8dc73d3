//! Extraction throughput in MB/s of UTF-8 input.
//!
//! ```text
//! cargo bench --bench extract
//! ```
//!
//! Reads the corpus articles at run time (`PLANLEDGER_CORPUS`, default `../shared/corpus`); when
//! they are missing it measures text synthesised here instead. Besides the articles as they are
//! it measures one large document (the articles repeated to about 1 MB) and a pathological one
//! (a single paragraph without punctuation, full of numbers), so that any quadratic behaviour
//! shows.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use planledger::extract::{Document, Extractor};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Vec<String> {
    let dir = std::env::var_os("PLANLEDGER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!(
            "note: corpus not found in {}; measuring synthetic text",
            dir.display()
        );
        vec![synthetic()]
    } else {
        texts
    }
}

/// Government-report-like text written for this benchmark.
fn synthetic() -> String {
    let para = "　　一季度，全镇签约落地6个项目、总投资24.8亿\n元，新开工3个项目、总投资9.75亿元。\
力争全年工业产值增长12%以上，新登记企业1.2万家。去年全镇财政收入2.3亿元、占全区的3.4%。\
镇党委书记张明出席会议并讲话，要求打赢人居环境攻坚战，深入开展“送医下乡”“书香校园”等行动，\
加快建设影视文化园、滨海会展中心等项目，确保年底竣工。\n";
    para.repeat(20)
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::new();
    let texts = corpus();
    let joined = texts.join("\n\n");
    let large = joined.repeat((1_000_000 / joined.len().max(1)).max(1));
    let pathological =
        "今年要完成投资30亿元增长25%新增企业100家签约8个项目总投资37.1亿元".repeat(20_000);

    let mut group = c.benchmark_group("extract");
    let total: usize = texts.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("corpus_articles", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(extractor.extract(&Document::new(t).with_year(2020)));
            }
        })
    });
    for (name, text) in [
        ("large_1mb", &large),
        ("one_paragraph_numbers", &pathological),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::new(name, text.len()), text, |b, t| {
            b.iter(|| black_box(extractor.extract(&Document::new(t).with_year(2020))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The example programs take whatever arguments a shell hands them: a non-UTF-8 argument is a
//! path like any other or a usage error, never a panic; `ingest` reports each file it cannot
//! read and goes on with the rest. (`cargo test` builds the examples; this runs the builds in
//! `target/<profile>/examples/`.)

#![cfg(unix)]

use planledger::model::Source;
use planledger::Ledger;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built example `name`, beside this test's own binary.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let path = profile_dir.join("examples").join(name);
    assert!(
        path.exists(),
        "{} is missing: cargo test builds the examples",
        path.display()
    );
    path
}

/// An argument that is not UTF-8 (Latin-1 "café").
fn not_utf8(prefix: &str) -> OsString {
    let mut bytes = prefix.as_bytes().to_vec();
    bytes.extend_from_slice(b"caf\xe9");
    OsString::from_vec(bytes)
}

fn run(name: &str, args: &[OsString], dir: &Path) -> Output {
    Command::new(example(name))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[track_caller]
fn assert_no_panic(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() != Some(101) && !stderr.contains("panicked"),
        "{what} panicked: {stderr}"
    );
}

#[test]
fn non_utf8_arguments_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "今年，琅琊镇签约引进6个项目、总投资12.5亿元。").unwrap();
    let os = |s: &str| OsString::from(s);
    let mut cases: Vec<(&str, Vec<OsString>)> = vec![
        ("extract", vec![not_utf8("")]),
        ("extract", vec![os("--date"), not_utf8("")]),
        ("ingest", vec![not_utf8("--")]),
        (
            "ingest",
            vec![os("--db"), os("x.db"), os("--date"), not_utf8("")],
        ),
        ("query", vec![not_utf8("--")]),
        ("query", vec![os("--region"), not_utf8("")]),
        ("query", vec![os("--db"), not_utf8("missing-")]),
        ("scorecard", vec![not_utf8("--")]),
        ("scorecard", vec![os("--root"), not_utf8("")]),
    ];
    // examples/generate is built only with the `synth` feature (.ci/run runs this test so).
    if cfg!(feature = "synth") {
        cases.push(("generate", vec![not_utf8("--")]));
        cases.push(("generate", vec![os("--projects"), not_utf8("")]));
    } else {
        eprintln!("note: generate's cases need --features synth; skipped");
    }
    for (name, args) in cases {
        let out = run(name, &args, dir.path());
        assert_no_panic(&out, &format!("{name} {args:?}"));
        assert!(!out.status.success(), "{name} {args:?} succeeded");
    }

    // A path that is not UTF-8 is still a path.
    let db = not_utf8("ledger-");
    let out = run(
        "ingest",
        &[os("--db"), db.clone(), text.clone().into_os_string()],
        dir.path(),
    );
    assert_no_panic(&out, "ingest --db <not UTF-8>");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join(&db).is_file());
}

#[test]
fn ingest_reports_a_bad_file_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = |name: &str, text: &str| {
        let p = d.join(name);
        std::fs::write(&p, text).unwrap();
        p.into_os_string()
    };
    let first = good("first.txt", "今年，琅琊镇签约引进6个项目、总投资12.5亿元。");
    let odd_name = {
        let p = d.join(not_utf8("named-"));
        std::fs::write(&p, "去年，泊里镇新开工7个项目、总投资18.45亿元。").unwrap();
        p.into_os_string()
    };
    let with_nul = good("nul.txt", "今年，\0全镇完成投资30亿元。");
    let last = good("last.txt", "年内，西海岸新区推进重点项目80个。");
    let missing = d.join("missing.txt").into_os_string();
    let directory = d.join("a-directory");
    std::fs::create_dir(&directory).unwrap();
    let latin1 = d.join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 au lait").unwrap();

    let db = d.join("plans.db");
    let args = vec![
        OsString::from("--db"),
        db.clone().into_os_string(),
        OsString::from("--date"),
        OsString::from("2023-05-01"),
        first,
        missing,
        odd_name,
        directory.into_os_string(),
        with_nul,
        latin1.into_os_string(),
        last,
    ];
    let out = run("ingest", &args, d);
    assert_no_panic(&out, "ingest");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for bad in ["missing.txt", "a-directory", "latin1.txt"] {
        assert!(stderr.contains(bad), "{bad} not reported: {stderr}");
    }
    let ledger = Ledger::open(&db).unwrap();
    assert_eq!(
        ledger.count::<Source>().unwrap(),
        4,
        "the four readable files are in the ledger; stderr: {stderr}"
    );
}

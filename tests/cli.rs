//! The command-line examples fail cleanly: a typed error naming the path (and the
//! fix), a non-zero exit, no panic or backtrace. `scripts/setup.sh` builds them.
#![cfg(feature = "model")]

use std::path::PathBuf;
use std::process::Command;

fn example(name: &str) -> PathBuf {
    // target/<profile>/deps/cli-… → target/<profile>/examples/<name>
    let exe = std::env::current_exe().unwrap();
    let p = exe.parent().and_then(|d| d.parent()).unwrap().join("examples").join(name);
    assert!(p.exists(), "{} is not built: run `cargo build --release --examples` (or bash scripts/setup.sh)", p.display());
    p
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attribution-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(name: &str, args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(example(name)).args(args).env("RUST_BACKTRACE", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn non_utf8_input_is_a_typed_error() {
    let d = scratch("utf8");
    let f = d.join("latin1.txt");
    std::fs::write(&f, b"Caf\xe9 owner said prices rose.").unwrap();
    let (code, stdout, stderr) = run("attribute", &[f.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("latin1.txt") && stderr.contains("not UTF-8"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn malformed_models_toml_is_a_typed_error() {
    let d = scratch("toml");
    let m = d.join("models.toml");
    std::fs::write(&m, "default = [").unwrap();
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/seed-chile-lithium-royalty.txt");
    let (code, _, stderr) = run("attribute", &["--models".as_ref(), m.as_os_str(), input.as_os_str()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("invalid models file") && stderr.contains("models.toml"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn missing_model_names_the_fix() {
    let d = scratch("missing");
    let m = d.join("models.toml");
    std::fs::write(&m, "default = \"x\"\ncache = \"/nonexistent\"\n[models.x]\npath = \"nowhere\"\n").unwrap();
    let (code, _, stderr) = run("ner", &["--models".as_ref(), m.as_os_str(), "-".as_ref()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("missing model file") && stderr.contains("nowhere"), "{stderr}");
}

#[test]
fn empty_input_gives_zero_claims() {
    let d = scratch("empty");
    let f = d.join("empty.txt");
    std::fs::write(&f, "").unwrap();
    let (code, stdout, stderr) = run("attribute", &[f.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["claims"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["document"], "empty");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = run("attribute", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("usage"));
}

#[test]
fn a_bad_document_in_the_middle_loses_nothing_else() {
    let d = scratch("middle");
    let good = "The ministry said exports had fallen.";
    let (a, b, c) = (d.join("a.txt"), d.join("b.txt"), d.join("c.txt"));
    std::fs::write(&a, good).unwrap();
    std::fs::write(&b, b"Caf\xe9 said so.").unwrap();
    std::fs::write(&c, good).unwrap();
    let missing = d.join("missing.txt");
    let (code, stdout, stderr) = run("attribute", &[a.as_os_str(), b.as_os_str(), missing.as_os_str(), c.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    let docs: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.iter().map(|v| v["document"].as_str().unwrap()).collect::<Vec<_>>(), ["a", "c"]);
    assert!(docs.iter().all(|v| v["claims"].as_array().map(Vec::len) == Some(1)));
    assert!(stderr.contains("b.txt") && stderr.contains("not UTF-8"), "{stderr}");
    assert!(stderr.contains("missing.txt") && stderr.contains("cannot access"), "{stderr}");
    assert!(stderr.contains("2 of 4 documents failed"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

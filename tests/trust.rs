//! The cache's guarantees that need no model: downloads checked against
//! `pypi.lock` (a tampered file from the index is refused and nothing of it is
//! installed), and the lock file two processes take turns on.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use attribution::cache::{lock_path, CacheLock};
use attribution::models::{ModelsConfig, Package};
use attribution::Error;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attribution-trust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The pinned flatbuffers wheel, and its sha256 in `pypi.lock`.
const WHEEL: &str = "flatbuffers-25.12.19-py2.py3-none-any.whl";
const PINNED: &str = "7634f50c427838bb021c2d66a3d1168e9d199b0607e6329399f04846d42e20b4";

/// A `--find-links` directory standing in for a compromised mirror: the real
/// flatbuffers wheel, with a comment added to its zip directory (still a wheel pip
/// installs, but not the bytes PyPI served when the pin was made).
fn tampered_mirror(d: &Path) -> PathBuf {
    let mirror = d.join("mirror");
    std::fs::create_dir_all(&mirror).unwrap();
    let real = d.join("real");
    let ok = Command::new("python3")
        .args(["-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "--dest"])
        .arg(&real)
        .arg("flatbuffers==25.12.19")
        // (the in-process test sets these for its own fetch)
        .env_remove("PIP_NO_INDEX")
        .env_remove("PIP_FIND_LINKS")
        .status()
        .unwrap();
    assert!(ok.success());
    let mut bytes = std::fs::read(real.join(WHEEL)).unwrap();
    let n = bytes.len();
    assert_eq!(&bytes[n - 22..n - 18], b"PK\x05\x06", "the wheel's zip has no comment");
    bytes[n - 2..].copy_from_slice(&8u16.to_le_bytes());
    bytes.extend(b"tampered");
    std::fs::write(mirror.join(WHEEL), bytes).unwrap();
    mirror
}

/// `scripts/pypi_fetch.sh`, what the set-up fetches libtorch with, on the same
/// tampered mirror: exit 3, both hashes named, nothing installed; from PyPI it
/// installs.
#[test]
fn the_setup_script_refuses_a_tampered_download() {
    let d = tmp("script");
    let mirror = tampered_mirror(&d);
    let target = d.join("target");
    let run = |mirror: Option<&Path>| {
        let mut c = Command::new("bash");
        c.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pypi_fetch.sh")).arg(&target).arg("flatbuffers==25.12.19");
        c.env("ATTRIBUTION_CACHE", d.join("cache"));
        match mirror {
            Some(m) => c.env("PIP_NO_INDEX", "1").env("PIP_FIND_LINKS", m),
            None => c.env_remove("PIP_NO_INDEX").env_remove("PIP_FIND_LINKS"),
        };
        c.output().unwrap()
    };
    let out = run(Some(&mirror));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("flatbuffers==25.12.19") && err.contains(PINNED) && err.contains("deleted"), "{err}");
    assert!(!target.exists() && !d.join("target.partial").exists());
    assert!(!d.join("cache/pypi/downloads/flatbuffers-25.12.19").join(WHEEL).exists());
    let out = run(None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(target.join("flatbuffers").join("__init__.py").is_file());
    std::fs::remove_dir_all(&d).unwrap();
}

/// Set in the children of `the_lock_makes_processes_take_turns`: the lock file and
/// the log they append to.
const CHILD_ENV: &str = "ATTRIBUTION_TEST_LOCK_CHILD";

/// Two processes started together on one lock: the second waits for the first, so
/// their held intervals do not overlap (each holds it 400 ms).
#[test]
fn the_lock_makes_processes_take_turns() {
    if let Some(spec) = std::env::var_os(CHILD_ENV) {
        // the child: take the lock, log when it held it
        let spec = PathBuf::from(spec);
        let lock = CacheLock::acquire(&lock_path(&spec), "a test").unwrap();
        let start = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
        std::thread::sleep(Duration::from_millis(400));
        let end = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
        drop(lock);
        let line = format!("{start} {end}\n");
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).create(true).open(spec.with_extension("log")).unwrap();
        f.write_all(line.as_bytes()).unwrap();
        return;
    }
    let d = tmp("lock");
    let target = d.join("model");
    let started = Instant::now();
    let children: Vec<_> = (0..2)
        .map(|_| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "the_lock_makes_processes_take_turns", "--nocapture"])
                .env(CHILD_ENV, &target)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    assert!(outs.iter().all(|o| o.status.success()));
    let log = std::fs::read_to_string(target.with_extension("log")).unwrap();
    let mut spans: Vec<(u128, u128)> = log
        .lines()
        .map(|l| {
            let (a, b) = l.split_once(' ').unwrap();
            (a.parse().unwrap(), b.parse().unwrap())
        })
        .collect();
    spans.sort();
    assert_eq!(spans.len(), 2, "{log}");
    assert!(spans[0].1 <= spans[1].0, "both held the lock at once: {spans:?}");
    assert!(started.elapsed() >= Duration::from_millis(800));
    // the one that waited said so
    let waited = outs.iter().filter(|o| String::from_utf8_lossy(&o.stderr).contains("waiting for it to finish a test")).count();
    assert_eq!(waited, 1);
    std::fs::remove_dir_all(&d).unwrap();
}

/// `ModelsConfig::fetch` from an index that serves a tampered wheel (a
/// `--find-links` directory standing in for a compromised mirror): a typed error
/// with both hashes, the file deleted, nothing installed. Then the same fetch from
/// PyPI passes the pin and installs. (Needs PyPI, as the set-up does.)
#[test]
fn a_tampered_download_is_refused_and_nothing_of_it_used() {
    let d = tmp("fetch");
    let cache = d.join("cache");
    let toml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("models.toml")).unwrap();
    let toml = toml.lines().map(|l| if l.starts_with("cache =") { format!("cache = {:?}", cache.to_str().unwrap()) } else { l.to_owned() });
    let toml: Vec<String> = toml.collect();
    std::fs::write(d.join("models.toml"), toml.join("\n")).unwrap();
    // (ATTRIBUTION_CACHE would override `cache`; this test owns its cache)
    std::env::remove_var(attribution::models::CACHE_ENV);
    let config = ModelsConfig::from_file(d.join("models.toml")).unwrap();
    assert_eq!(config.cache, cache);
    let package = Package { pypi: "flatbuffers".into(), version: "25.12.19".into(), dir: "flatbuffers".into() };
    let mirror = tampered_mirror(&d);
    let wheel = WHEEL;
    std::env::set_var("PIP_NO_INDEX", "1");
    std::env::set_var("PIP_FIND_LINKS", &mirror);
    let tampered = config.fetch(&package);
    std::env::remove_var("PIP_NO_INDEX");
    std::env::remove_var("PIP_FIND_LINKS");
    match tampered {
        Err(e @ Error::HashMismatch { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("flatbuffers==25.12.19"), "{msg}");
            assert!(msg.contains(PINNED), "{msg}");
            let Error::HashMismatch { actual, file, .. } = e else { unreachable!() };
            assert_eq!(file, wheel);
            assert_ne!(actual, PINNED);
        }
        other => panic!("a tampered wheel gave {other:?}"),
    }
    let root = config.package_dir(&package);
    assert!(!root.exists(), "nothing of a mismatched download is installed");
    let downloaded = cache.join("pypi").join("downloads").join("flatbuffers-25.12.19").join(wheel);
    assert!(!downloaded.exists(), "a mismatched download is deleted");
    // from PyPI: the pin holds
    let dir = config.fetch(&package).unwrap();
    assert!(dir.join("__init__.py").is_file(), "{dir:?}");
    assert!(!downloaded.exists(), "the wheel is removed once installed");
    std::fs::remove_dir_all(&d).unwrap();
}

//! Bench inputs: the dev articles (read from ../shared/corpus when present, else
//! the seed article shipped in data/).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn articles() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect())
        .unwrap_or_default();
    if files.is_empty() {
        files.push(root.join("data/seed-chile-lithium-royalty.txt"));
    }
    files.sort();
    files.iter().filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), std::fs::read_to_string(p).ok()?))).collect()
}

//! The model on the hot path: loading, NER over a batch of sentences (throughput in
//! wordpieces), and the whole extractor per article over the dev articles.
use std::path::PathBuf;

use attribution::models::ModelsConfig;
use attribution::ner::NerModel;
use attribution::Extractor;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

fn models() -> ModelsConfig {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models.toml");
    ModelsConfig::from_file(path).expect("models.toml")
}

fn load(c: &mut Criterion) {
    let config = models();
    let mut g = c.benchmark_group("model");
    g.sample_size(10);
    g.bench_function("load", |b| b.iter(|| NerModel::from_config(&config, None).expect("model: run bash scripts/setup.sh")));
    g.finish();
}

fn ner_batch(c: &mut Criterion) {
    let x = Extractor::new(NerModel::from_config(&models(), None).expect("model: run bash scripts/setup.sh"));
    let texts: Vec<String> = common::articles().into_iter().map(|(_, t)| t).collect();
    let sentences: Vec<&str> =
        texts.iter().flat_map(|t| attribution::text::sentence_spans(t).into_iter().map(move |r| &t[r])).collect();
    let pieces: usize = sentences.iter().map(|s| x.ner().count_wordpieces(s).unwrap_or(0)).sum();
    let mut g = c.benchmark_group("ner");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pieces as u64));
    g.bench_function("sentences_batch", |b| b.iter(|| x.ner().recognize_batch(&sentences).expect("ner")));
    g.finish();

    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("extractor");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("per_article_dev", |b| {
        b.iter(|| {
            for t in &texts {
                std::hint::black_box(x.extract(t).expect("extract"));
            }
        })
    });
    g.bench_function("batch_dev", |b| b.iter(|| x.extract_batch(&texts).expect("extract")));
    g.finish();
}

criterion_group!(benches, load, ner_batch);
criterion_main!(benches);

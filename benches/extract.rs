//! The model on the hot path: loading, NER over a batch of sentences (throughput in
//! wordpieces) on the default engine and on each engine and precision, the batch
//! plan (planning alone, and tagging at several caps of a forward pass), and the
//! whole extractor per article over the dev articles.
use std::path::PathBuf;

use attribution::models::{Engine, ModelsConfig, Precision};
use attribution::ner::NerModel;
use attribution::Extractor;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

fn models() -> ModelsConfig {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models.toml");
    ModelsConfig::from_file(path).expect("models.toml")
}

/// The sentences of the articles, in order.
fn sentences_of(texts: &[String]) -> Vec<&str> {
    texts.iter().flat_map(|t| attribution::text::sentence_spans(t).into_iter().map(move |r| &t[r])).collect()
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
    let sentences = sentences_of(&texts);
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

/// The same sentences through each engine and precision (what `models.toml`'s
/// `engine` and `precision` choose between).
fn ner_engines(c: &mut Criterion) {
    let dir = models().model_dir(None).expect("models.toml names its default model");
    let texts: Vec<String> = common::articles().into_iter().map(|(_, t)| t).collect();
    let sentences = sentences_of(&texts);
    let mut g = c.benchmark_group("ner_engine");
    g.sample_size(10);
    for (engine, precision) in
        [(Engine::Torch, Precision::F32), (Engine::Torch, Precision::Bf16), (Engine::Onnx, Precision::F32), (Engine::Onnx, Precision::Int8)]
    {
        let Ok(ner) = NerModel::from_dir_on(&dir, engine, precision) else {
            eprintln!("skipping {engine:?} {precision:?}: not available here");
            continue;
        };
        let pieces: usize = sentences.iter().map(|s| ner.count_wordpieces(s).unwrap_or(0)).sum();
        g.throughput(Throughput::Elements(pieces as u64));
        g.bench_function(format!("{engine:?}_{precision:?}").to_lowercase(), |b| b.iter(|| ner.recognize_batch(&sentences).expect("ner")));
    }
    g.finish();
}

/// The batch plan: planning alone (packing rows and splitting them into passes) over
/// the wordpiece counts of a CLI batch's worth of sentences (the dev sentences eight
/// times, about 2,200), and the dev sentences tagged in one call at three caps of the
/// padded wordpieces of a forward pass (the default engine's cap among them).
fn batch_plan(c: &mut Criterion) {
    let ner = NerModel::from_config(&models(), None).expect("model: run bash scripts/setup.sh");
    let texts: Vec<String> = common::articles().into_iter().map(|(_, t)| t).collect();
    let sentences = sentences_of(&texts);
    let lens: Vec<usize> = sentences.iter().map(|s| ner.count_wordpieces(s).unwrap_or(0)).collect();
    let many: Vec<usize> = lens.repeat(8);
    let mut g = c.benchmark_group("batch_plan");
    g.throughput(Throughput::Elements(many.len() as u64));
    g.bench_function("plan_2k_sentences", |b| b.iter(|| ner.batch_shapes(std::hint::black_box(&many))));
    g.finish();

    let default = ner.batch_wordpieces();
    let pieces: usize = lens.iter().sum();
    let mut g = c.benchmark_group("ner_cap");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pieces as u64));
    for cap in [512, 1024, 4096] {
        ner.set_batch_wordpieces(cap);
        g.bench_function(format!("cap_{cap}{}", if cap == default { "_default" } else { "" }), |b| {
            b.iter(|| ner.recognize_batch(&sentences).expect("ner"))
        });
    }
    ner.set_batch_wordpieces(default);
    g.finish();
}

criterion_group!(benches, load, ner_batch, ner_engines, batch_plan);
criterion_main!(benches);

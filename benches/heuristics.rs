//! The attribution heuristics alone, on precomputed entities: no model needed.
//! Entities come from a trivial tagger (runs of capitalised words), which costs the
//! heuristics about what real entities cost.
use attribution::{attribute, Entity, EntityKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

fn capitalised_runs(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (i, w) in text.split_inclusive(char::is_whitespace).scan(0, |pos, w| {
        let at = *pos;
        *pos += w.len();
        Some((at, w))
    }) {
        let word = w.trim_end();
        if word.chars().next().is_some_and(char::is_uppercase) {
            start.get_or_insert(i);
            end = i + word.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        } else if let Some(s) = start.take() {
            out.extend(Entity::new(EntityKind::Organization, text, s, end));
        }
    }
    out
}

fn heuristics(c: &mut Criterion) {
    let articles = common::articles();
    let prepared: Vec<(String, Vec<Entity>)> = articles.iter().map(|(_, t)| (t.clone(), capitalised_runs(t))).collect();
    let bytes: usize = prepared.iter().map(|(t, _)| t.len()).sum();
    let mut g = c.benchmark_group("heuristics");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("dev_articles", |b| {
        b.iter(|| {
            for (t, e) in &prepared {
                std::hint::black_box(attribute(t, e));
            }
        })
    });
    g.finish();
}

/// One sentence made of `said` repeated: the pairing of cues must grow about
/// linearly (it was cubic: 211 s at 20,000 repetitions). Time per byte should stay
/// flat across the sizes.
fn cue_flood(c: &mut Criterion) {
    let mut g = c.benchmark_group("cue_flood");
    g.sample_size(10);
    for n in [1_250usize, 5_000, 20_000] {
        let text = "said ".repeat(n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(criterion::BenchmarkId::from_parameter(n), &text, |b, t| b.iter(|| std::hint::black_box(attribute(t, &[]))));
    }
    g.finish();
}

criterion_group!(benches, heuristics, cue_flood);
criterion_main!(benches);

//! Learns the parameters of the learned rules from annotated articles, and scores
//! them: `content_end` (where the content after a cue ends) and `speech` (whether a
//! cue is speech here).
//!
//! ```text
//! cargo run --release --example learn -- train DIR --commit HASH [--out models]
//! cargo run --release --example learn -- score DIR [--models DIR] [--strip] [--show]
//! ```
//!
//! DIR holds `NAME.txt` and `NAME.ann` (brat standoff with `Attribution` events over
//! `Source`, `Cue` and `Content` spans, as PolNeAR ships them; one annotator per
//! article): `scripts/learn.sh` prepares it from a PolNeAR checkout,
//! from the train split only. Each article is read twice: as written, and with its
//! quotation marks stripped and apostrophes spaced (the style of wire text that
//! comes without them). For every claim whose content follows its cue and overlaps
//! an annotated content with the same cue, each place the content may end before
//! the annotated end is a negative example, the one at that end (within two bytes)
//! a positive. Every claim is an example for `speech`: positive when an annotated
//! attribution shares its cue or its content (half of the longer of the two), else
//! negative. `score` prints how often the content's end is right (within two bytes)
//! with the model and without it, and how many claims with and without an
//! annotation `speech` keeps, by threshold (`--strip`: the articles stripped too;
//! `--show`: each wrong end).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use attribution::learned::{train, Learned, LinearModel, Provenance, Sample, TrainOptions};
use attribution::{Extractor, Rule, Rules};

/// One annotated attribution: its cue and content segments, byte ranges.
struct Gold {
    cue: Range<usize>,
    contents: Vec<Range<usize>>,
}

/// Byte offset of each char offset (and of the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// The attributions of a brat `.ann` file over `text`.
fn read_ann(ann: &str, text: &str) -> Vec<Gold> {
    let c2b = char_to_byte(text);
    let byte = |c: usize| c2b.get(c).copied().unwrap_or(text.len());
    let mut spans: BTreeMap<&str, Vec<Range<usize>>> = BTreeMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else { continue };
        if id.starts_with('T') {
            let Some((_, offsets)) = body.split_once(' ') else { continue };
            let segs = offsets
                .split(';')
                .filter_map(|seg| {
                    let mut it = seg.split_whitespace().filter_map(|x| x.parse::<usize>().ok());
                    Some(byte(it.next()?)..byte(it.next()?))
                })
                .collect();
            spans.insert(id, segs);
        } else if id.starts_with('E') && body.starts_with("Attribution") {
            let mut cue = None;
            let mut contents = Vec::new();
            for arg in body.split_whitespace().skip(1) {
                let Some((role, t)) = arg.split_once(':') else { continue };
                let segs = spans.get(t).cloned().unwrap_or_default();
                if role.starts_with("Cue") {
                    cue = cue.or_else(|| segs.first().cloned());
                } else if role.starts_with("Content") {
                    contents.extend(segs);
                }
            }
            if let Some(cue) = cue {
                out.push(Gold { cue, contents });
            }
        }
    }
    out
}

/// `text` with its double quotation marks removed and apostrophes spaced, and the
/// new byte offset of every old one.
fn strip_quotes(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0; text.len() + 1];
    for (b, ch) in text.char_indices() {
        for m in &mut map[b..b + ch.len_utf8()] {
            *m = out.len();
        }
        match ch {
            '"' | '“' | '”' => {}
            '\'' | '’' | '‘' => out.push(' '),
            _ => out.push(ch),
        }
    }
    map[text.len()] = out.len();
    (out, map)
}

const TRIM: &[char] = &[' ', ',', '.', ':', ';', '”', '"', '»', '\n', '\t', '-', '—', '–', '’', '\''];

/// The end of `r` in `text` without trailing marks.
fn trimmed_end(text: &str, r: &Range<usize>) -> usize {
    text.get(r.clone()).map_or(r.end, |s| r.start + s.trim_end_matches(TRIM).len())
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The annotated end of the content `s` found, if an annotated attribution shares
/// its cue and overlaps its content.
fn gold_end(text: &str, s: &Sample, gold: &[Gold]) -> Option<usize> {
    gold.iter()
        .filter(|g| overlap(&g.cue, &s.cue) > 0)
        .flat_map(|g| g.contents.iter())
        .filter(|c| overlap(c, &s.content) > 0)
        .max_by_key(|c| overlap(c, &s.content))
        .map(|c| trimmed_end(text, c))
}

/// Whether an annotated attribution shares the cue of `s` or its content (half of
/// the longer of the two).
fn annotated(s: &Sample, gold: &[Gold]) -> bool {
    gold.iter().any(|g| {
        overlap(&g.cue, &s.cue) > 0
            || g.contents.iter().any(|c| overlap(c, &s.content) * 2 >= c.len().max(s.content.len()) && !s.content.is_empty())
    })
}

/// Labelled examples of one sample: candidates before the annotated end are
/// negatives, the one at it positive; none when the annotated content runs to ours.
fn label(s: &Sample, end: usize, ours: usize, out: &mut Vec<(Vec<String>, bool)>) {
    const NEAR: usize = 2;
    for (e, f) in &s.candidates {
        if end + NEAR >= ours || *e + NEAR < end {
            out.push((f.clone(), false));
        } else if e.abs_diff(end) <= NEAR {
            out.push((f.clone(), true));
            break;
        } else {
            break;
        }
    }
}

/// One article, as written or stripped: its samples and gold.
struct Read {
    text: String,
    samples: Vec<Sample>,
    gold: Vec<Gold>,
}

fn read_dir(dir: &Path, extractor: &Extractor, augment: bool) -> Vec<Read> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for (n, path) in names.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("article text");
        let ann = std::fs::read_to_string(path.with_extension("ann")).unwrap_or_default();
        let gold = read_ann(&ann, &text);
        // the stripped copy's gold: the same spans, moved
        let stripped = augment.then(|| {
            let (stripped, map) = strip_quotes(&text);
            let moved = |r: &Range<usize>| map[r.start]..map[r.end];
            let gold: Vec<Gold> =
                gold.iter().map(|g| Gold { cue: moved(&g.cue), contents: g.contents.iter().map(moved).collect() }).collect();
            (stripped, gold)
        });
        let variants = std::iter::once((text, gold)).chain(stripped);
        for (text, gold) in variants {
            let samples = extractor.samples(&text).expect("extraction");
            out.push(Read { text, samples, gold });
        }
        if (n + 1) % 100 == 0 {
            eprintln!("{} / {} articles", n + 1, names.len());
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let (Some(cmd), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: learn train|score DIR [--commit HASH] [--out DIR] [--models DIR]");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let extractor = Extractor::from_models_file(root.join("models.toml"), None)?
        .with_rules(Rules::all().without(Rule::ContentEnd).without(Rule::Speech));
    match cmd.as_str() {
        "train" => {
            let reads = read_dir(dir, &extractor, true);
            let (mut ends, mut speech) = (Vec::new(), Vec::new());
            for r in &reads {
                for s in &r.samples {
                    if let Some(end) = gold_end(&r.text, s, &r.gold) {
                        label(s, end, trimmed_end(&r.text, &s.content), &mut ends);
                    }
                    speech.push((s.speech.clone(), annotated(s, &r.gold)));
                }
            }
            let d = TrainOptions::default();
            let num = |name: &str| flag(name).and_then(|v| v.parse::<f64>().ok());
            let options = TrainOptions {
                epochs: num("--epochs").map_or(d.epochs, |x| x as usize),
                l2: num("--l2").unwrap_or(d.l2),
                min_count: num("--min-count").map_or(d.min_count, |x| x as usize),
                ..d
            };
            let articles = reads.len() / 2;
            let provenance = |examples: &[(Vec<String>, bool)], features: &str| Provenance {
                corpus: "networkdynamics/PolNeAR".into(),
                commit: flag("--commit").unwrap_or_default(),
                split: "train".into(),
                articles,
                augmentation: "each article also with double quotation marks removed and apostrophes spaced".into(),
                examples: examples.len(),
                positives: examples.iter().filter(|e| e.1).count(),
                features: features.into(),
                epochs: options.epochs,
                l2: options.l2,
                seed: options.seed,
            };
            let fit = |task: &str, examples: &[(Vec<String>, bool)], threshold: f32, features: &str| {
                let (bias, weights) = train(examples, &options);
                LinearModel { task: task.into(), bias, threshold, weights, provenance: provenance(examples, features) }
            };
            let learned = Learned {
                // cut only when sure: a content run long still matches, one cut wrongly
                // may not (0.5 cost claims on the dev sets, 0.8 did not; docs/learned.md)
                content_end: fit("content_end", &ends, 0.8, "claims::content_end feature templates (b, p1, n1, n2, n1n2, n1s, n2s, p1p, n1p, n2p, segverb, segcue, rejoins, keptverb, kept, rest, k, rule, marks, closes, and pairs with b)"),
                // drop only what is unlikely speech (docs/learned.md)
                speech: fit("speech", &speech, SPEECH_THRESHOLD, "claims::speech feature templates (cw, cue, rule, stance, quote, marks, sp, splen, side, gap, clen, cverb, cfirst, cfirsts, that, and pairs with cw)"),
            };
            let out = flag("--out").map_or_else(|| root.join("models"), PathBuf::from);
            std::fs::create_dir_all(&out)?;
            for (model, file) in [(&learned.content_end, "content-end.json"), (&learned.speech, "speech.json")] {
                std::fs::write(out.join(file), serde_json::to_string_pretty(model)? + "\n")?;
                let p = &model.provenance;
                eprintln!(
                    "{}: {articles} articles, {} examples ({} positive), {} weights -> {}",
                    model.task,
                    p.examples,
                    p.positives,
                    model.weights.len(),
                    out.join(file).display()
                );
            }
            score(&reads, &learned, false);
        }
        "score" => {
            let learned = match flag("--models") {
                Some(p) => Learned {
                    content_end: LinearModel::from_file(Path::new(&p).join("content-end.json"))?,
                    speech: LinearModel::from_file(Path::new(&p).join("speech.json"))?,
                },
                None => Learned::builtin().clone(),
            };
            let reads = read_dir(dir, &extractor, args.iter().any(|a| a == "--strip"));
            score(&reads, &learned, args.iter().any(|a| a == "--show"));
        }
        _ => {
            eprintln!("unknown command {cmd}: train or score");
            std::process::exit(2);
        }
    }
    Ok(())
}

/// The probability below which rule `speech` drops a claim.
const SPEECH_THRESHOLD: f32 = 0.2;

/// How often the end of a content that overlaps an annotated one is right, without
/// and with the model, by threshold; and which claims `speech` keeps.
fn score(reads: &[Read], learned: &Learned, show: bool) {
    let model = &learned.content_end;
    let mut base = 0;
    let mut total = 0;
    let thresholds = [0.5f32, 0.6, 0.7, 0.8, 0.9];
    let mut with = [0usize; 5];
    let mut oracle = 0;
    for r in reads {
        for s in &r.samples {
            let Some(end) = gold_end(&r.text, s, &r.gold) else { continue };
            total += 1;
            let ours = trimmed_end(&r.text, &s.content);
            base += usize::from(ours.abs_diff(end) <= 2);
            if show && ours.abs_diff(end) > 2 {
                let hit = s.candidates.iter().find(|(e, _)| e.abs_diff(end) <= 2);
                let kept = &r.text[s.content.start..end.max(s.content.start)];
                let rest = &r.text[end.min(ours).max(s.content.start)..ours.max(end)];
                println!(
                    "{} {}| {} ||| {} || {:?}",
                    if hit.is_some() { "CAND" } else { "NONE" },
                    if end < ours { "short" } else { "long" },
                    kept,
                    rest,
                    hit.map(|h| h.1.iter().take(3).cloned().collect::<Vec<_>>())
                );
            }
            oracle += usize::from(ours.abs_diff(end) <= 2 || s.candidates.iter().any(|(e, _)| e.abs_diff(end) <= 2));
            for (k, t) in thresholds.iter().enumerate() {
                let cut = s.candidates.iter().find(|(_, f)| model.probability(f) >= *t).map_or(ours, |(e, _)| *e);
                with[k] += usize::from(cut.abs_diff(end) <= 2);
            }
        }
    }
    println!("{total} contents after their cue that overlap an annotated one; end right without the model: {base}, at best {oracle}");
    for (t, w) in thresholds.iter().zip(with) {
        println!("  threshold {t}: end right {w} ({:+})", w as i64 - base as i64);
    }
    let thresholds = [0.1f32, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
    let (mut pos, mut neg) = (0, 0);
    let (mut kept_pos, mut kept_neg) = ([0usize; 7], [0usize; 7]);
    for r in reads {
        for s in &r.samples {
            let a = annotated(s, &r.gold);
            let p = learned.speech.probability(&s.speech);
            if a {
                pos += 1
            } else {
                neg += 1
            }
            for (k, t) in thresholds.iter().enumerate() {
                if p >= *t {
                    if a {
                        kept_pos[k] += 1
                    } else {
                        kept_neg[k] += 1
                    }
                }
            }
        }
    }
    println!("{} claims: {pos} with an annotation, {neg} without", pos + neg);
    for (k, t) in thresholds.iter().enumerate() {
        println!(
            "  speech threshold {t}: kept {} with (-{}), {} without (-{})",
            kept_pos[k],
            pos - kept_pos[k],
            kept_neg[k],
            neg - kept_neg[k]
        );
    }
}

//! Runs the extractor over every `.txt` in a directory and prints articles/s,
//! wordpieces/s, the share of time in NER vs heuristics, peak memory, and how the
//! cost grows with article length (1×, 10×, 100× an article); articles/s both one
//! `extract` call an article and all in one `extract_batch` call (the line before
//! the last, `batched_articles_per_s=X.XX`). The last line is `articles_per_s=X.XX`.
//!
//! ```text
//! cargo run --release --example throughput -- DIR [--rounds N] [--no-scaling] [--profile]
//! cargo run --release --example throughput -- --ner-sentences FILE [--profile] [--passes N]  # NER only, one sentence a line
//! (every mode takes --engine auto|onnx|torch and --precision auto|f32|bf16|int8)
//! cargo run --release --example throughput -- --dump-sentences DIR    # the sentences of DIR's articles
//! cargo run --release --example throughput -- --ner-sentences FILE --caps 512,1024,4096 [--rounds N]
//! cargo run --release --example throughput -- DIR --caps 512,1024,4096 [--rounds N]
//!     # the batch plan's cap (padded wordpieces a forward pass) swept: rounds taken in
//!     # turns, every cap once a round, in one process; median and spread per cap
//! cargo run --release --example throughput -- --large MB DIR          # one document of MB megabytes
//! ```
mod common;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use attribution::attribute;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Where the NER time went (`--profile`): share of each stage, batch shapes.
fn print_profile(p: &attribution::ner::Profile) {
    let total = p.tokenize_s + p.inputs_s + p.forward_s + p.decode_s;
    let share = |s: f64| 100.0 * s / total.max(1e-9);
    println!(
        "profile: tokenize {:.1}%, inputs {:.1}%, forward {:.1}%, decode {:.1}% of {:.2} s; {} calls, {} batches of {:.1} sequences, \
         padding {:.1}% of {} computed wordpieces",
        share(p.tokenize_s),
        share(p.inputs_s),
        share(p.forward_s),
        share(p.decode_s),
        total,
        p.calls,
        p.batches,
        p.sequences as f64 / p.batches.max(1) as f64,
        100.0 * (p.padded - p.wordpieces) as f64 / p.padded.max(1) as f64,
        p.padded
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// `--caps 512,1024,4096`: the batch-plan caps to sweep, if given.
fn caps(rest: &[String]) -> Result<Option<Vec<usize>>, Box<dyn std::error::Error>> {
    let Some(i) = rest.iter().position(|a| a == "--caps") else { return Ok(None) };
    let list = rest.get(i + 1).ok_or("--caps needs a list such as 512,1024,4096")?;
    Ok(Some(list.split(',').map(|c| c.trim().parse::<usize>()).collect::<Result<_, _>>()?))
}

/// Times `run` at each cap, `rounds` rounds taken in turns (the order of the caps
/// turns each round, so no cap always follows the same one); prints per cap the
/// median of `work / seconds`, its spread, and the shape of its batches.
fn sweep_caps(
    x: &attribution::Extractor,
    caps: &[usize],
    rounds: usize,
    work: f64,
    unit: &str,
    mut run: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let default = x.ner().batch_wordpieces();
    let mut rates = vec![Vec::new(); caps.len()];
    let mut profiles = vec![attribution::ner::Profile::default(); caps.len()];
    for round in 0..rounds {
        for k in 0..caps.len() {
            let c = (k + round) % caps.len();
            x.ner().set_batch_wordpieces(caps[c]);
            x.ner().reset_profile();
            let t = Instant::now();
            run()?;
            rates[c].push(work / t.elapsed().as_secs_f64());
            profiles[c] = x.ner().profile();
        }
    }
    x.ner().set_batch_wordpieces(default);
    for (c, cap) in caps.iter().enumerate() {
        let p = &profiles[c];
        let (lo, hi) = rates[c].iter().fold((f64::MAX, 0.0f64), |(lo, hi), &r| (lo.min(r), hi.max(r)));
        println!(
            "cap={cap} median_{unit}_per_s={:.1} min={lo:.1} max={hi:.1} batches={} rows_per_batch={:.1} cells_per_batch={:.0} padding={:.1}%",
            median(rates[c].clone()),
            p.batches,
            p.rows as f64 / p.batches.max(1) as f64,
            p.padded as f64 / p.batches.max(1) as f64,
            100.0 * (p.padded - p.wordpieces) as f64 / p.padded.max(1) as f64,
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match common::parse_args() {
        Ok(a) if !a.rest.is_empty() => a,
        _ => {
            eprintln!("usage: throughput DIR [--rounds N] [--no-scaling] | --ner-sentences FILE");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::fail("throughput", &*e),
    }
}

fn run(args: &common::Args) -> Result<(), Box<dyn std::error::Error>> {
    let rest = &args.rest;
    let t0 = Instant::now();
    let x = args.extractor()?;
    if !rest.iter().any(|a| a == "--dump-sentences") {
        println!(
            "model loaded in {:.2} s ({:?}, {:?}), peak RSS {:.0} MB",
            t0.elapsed().as_secs_f64(),
            x.ner().engine(),
            x.ner().precision(),
            peak_rss_mb()
        );
    }

    if let Some(i) = rest.iter().position(|a| a == "--dump-sentences") {
        // the sentences of every .txt in DIR, one a line (input of --ner-sentences)
        let dir = PathBuf::from(rest.get(i + 1).ok_or("--dump-sentences needs a directory")?);
        let files = common::txt_files(&dir)?;
        for f in files {
            let text = common::read_input(&f.to_string_lossy())?;
            for r in attribution::text::sentence_spans(&text) {
                println!("{}", text[r].replace('\n', " "));
            }
        }
        return Ok(());
    }
    if let Some(i) = rest.iter().position(|a| a == "--ner-sentences") {
        // NER alone over a file of sentences (the side-by-side comparison uses this)
        let path = rest.get(i + 1).ok_or("--ner-sentences needs a file")?;
        let text = common::read_input(path)?;
        let sentences: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let pieces: usize = sentences.iter().map(|s| x.ner().count_wordpieces(s)).sum::<Result<_, _>>()?;
        let _ = x.ner().recognize_batch(&sentences[..sentences.len().min(64)])?; // warm-up
        if let Some(caps) = caps(rest)? {
            let rounds = rest.iter().position(|a| a == "--rounds").and_then(|i| rest.get(i + 1)?.parse().ok()).unwrap_or(10);
            println!("sentences={} wordpieces={pieces} default_cap={}", sentences.len(), x.ner().batch_wordpieces());
            return sweep_caps(&x, &caps, rounds, pieces as f64, "wordpieces", || {
                std::hint::black_box(x.ner().recognize_batch(&sentences)?);
                Ok(())
            });
        }
        let passes: usize = rest.iter().position(|a| a == "--passes").and_then(|i| rest.get(i + 1)?.parse().ok()).unwrap_or(5);
        let mut rates = Vec::new();
        x.ner().reset_profile();
        for _ in 0..passes.max(1) {
            let t = Instant::now();
            x.ner().recognize_batch(&sentences)?;
            rates.push(pieces as f64 / t.elapsed().as_secs_f64());
        }
        println!(
            "sentences={} wordpieces={} threads={}",
            sentences.len(),
            pieces,
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
        if rest.iter().any(|a| a == "--profile") {
            print_profile(&x.ner().profile());
        }
        // the best of the passes (five unless --passes), as scripts/engines.py
        // reports its best: this VM's neighbours slow single runs by up to a third
        println!("median_wordpieces_per_s={:.1}", median(rates.clone()));
        println!("wordpieces_per_s={:.1}", rates.iter().copied().fold(0.0, f64::max));
        return Ok(());
    }

    if let Some(i) = rest.iter().position(|a| a == "--large") {
        // one document of about N MB (the articles of DIR over and over): time, claims, memory
        let dir = PathBuf::from(rest.get(i + 2).ok_or("--large MB DIR")?);
        let mb: usize = rest.get(i + 1).and_then(|s| s.parse().ok()).ok_or("--large needs a size in MB")?;
        let files = common::txt_files(&dir)?;
        let texts: Vec<String> = files.iter().map(|p| common::read_input(&p.to_string_lossy())).collect::<Result<_, _>>()?;
        let mut doc = String::new();
        let mut copies = 0;
        while doc.len() < mb * 1024 * 1024 && !texts.is_empty() {
            doc.push_str(&texts[copies % texts.len()]);
            doc.push('\n');
            copies += 1;
        }
        let t = Instant::now();
        let a = x.extract(&doc)?;
        let s = t.elapsed().as_secs_f64();
        println!(
            "{:.1} MB ({copies} articles): {s:.1} s, {:.1} articles/s, {} claims, peak RSS {:.0} MB",
            doc.len() as f64 / 1048576.0,
            copies as f64 / s,
            a.claims.len(),
            peak_rss_mb()
        );
        return Ok(());
    }
    let dir = PathBuf::from(&rest[0]);
    let rounds: usize = rest.iter().position(|a| a == "--rounds").and_then(|i| rest.get(i + 1)?.parse().ok()).unwrap_or(5);
    let files = common::txt_files(&dir)?;
    let texts: Vec<String> = files.iter().map(|p| common::read_input(&p.to_string_lossy())).collect::<Result<_, _>>()?;
    if texts.is_empty() {
        return Err(format!("no .txt files in {}", dir.display()).into());
    }
    let pieces: usize = texts.iter().map(|t| x.ner().count_wordpieces(t)).sum::<Result<_, _>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    x.extract(&texts[0])?; // warm-up
    if let Some(caps) = caps(rest)? {
        println!(
            "{} articles, {pieces} wordpieces, default_cap={}; one `extract` call an article:",
            texts.len(),
            x.ner().batch_wordpieces()
        );
        sweep_caps(&x, &caps, rounds, texts.len() as f64, "articles", || {
            for text in &texts {
                std::hint::black_box(x.extract(text)?);
            }
            Ok(())
        })?;
        println!("one `extract_batch` call for all:");
        return sweep_caps(&x, &caps, rounds, texts.len() as f64, "articles", || {
            std::hint::black_box(x.extract_batch(&texts)?);
            Ok(())
        });
    }

    // whole extractor, article by article; then the heuristics alone on precomputed
    // entities, whose share of the extractor's time is reported
    let entities: Vec<Vec<attribution::Entity>> = texts.iter().map(|t| x.ner().recognize(t)).collect::<Result<_, _>>()?;
    let (mut per_s, mut heur_share) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        x.ner().reset_profile();
        let t = Instant::now();
        for text in &texts {
            std::hint::black_box(x.extract(text)?);
        }
        let total = t.elapsed().as_secs_f64();
        if round == 0 && rest.iter().any(|a| a == "--profile") {
            print!("  NER of one round: ");
            print_profile(&x.ner().profile());
        }
        let h = Instant::now();
        for (text, ents) in texts.iter().zip(&entities) {
            std::hint::black_box(attribute(text, ents));
        }
        per_s.push(texts.len() as f64 / total);
        heur_share.push(h.elapsed().as_secs_f64() / total);
    }
    // the same articles in one call, as the CLI reads a corpus: their sentences share batches
    let mut batched = Vec::new();
    for round in 0..rounds {
        x.ner().reset_profile();
        let t = Instant::now();
        std::hint::black_box(x.extract_batch(&texts)?);
        batched.push(texts.len() as f64 / t.elapsed().as_secs_f64());
        if round == 0 && rest.iter().any(|a| a == "--profile") {
            print!("  NER of one batched round: ");
            print_profile(&x.ner().profile());
        }
    }
    let aps = median(per_s);
    let hs = median(heur_share);
    println!("{} articles, {} bytes, {} wordpieces; median of {} rounds:", texts.len(), bytes, pieces, rounds);
    println!("  articles/s      {aps:.2} (one `extract` call an article)");
    println!("  batched         {:.2} articles/s (one `extract_batch` call for all)", median(batched.clone()));
    println!(
        "  wordpieces/s    {:.0} (of the whole articles; NER runs on the sentences with speakers)",
        aps * pieces as f64 / texts.len() as f64
    );
    println!("  NER share       {:.1}%", 100.0 * (1.0 - hs));
    println!("  heuristics      {:.2}%", 100.0 * hs);

    if !rest.iter().any(|a| a == "--no-scaling") {
        // cost against length: one article repeated 1, 10 and 100 times
        let base = &texts[0];
        let mut first = 0.0;
        for k in [1usize, 10, 100] {
            let doc = vec![base.as_str(); k].join("\n");
            let t = Instant::now();
            let a = x.extract(&doc)?;
            let s = t.elapsed().as_secs_f64();
            if k == 1 {
                first = s;
            }
            println!("  {k:>3}× article: {:>8.3} s, {:>5} claims, {:.2}× the time of 1×", s, a.claims.len(), s / first);
        }
    }
    println!("  peak RSS        {:.0} MB", peak_rss_mb());
    println!("batched_articles_per_s={:.2}", median(batched));
    println!("articles_per_s={aps:.2}");
    Ok(())
}

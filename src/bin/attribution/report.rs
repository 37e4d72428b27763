//! `attribution report OUTPUT.jsonl`: a corpus summed up, overall and per group.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use crate::{fail, Failure};

/// The report's figures (`Summary`, `Report`) are the library's: the text, the JSON and
/// the HTML page read the same structs.
use attribution::html::{Report, Summary};

/// One group's figures as they are summed up: the counts, then the shares and lists
/// of its [`Summary`].
#[derive(Debug, Default)]
struct Tally {
    out: Summary,
    counts: Counts,
}

#[derive(Debug, Default)]
struct Counts {
    /// The name shown for each name key (see `attribution::name_key`).
    names: BTreeMap<String, String>,
    anonymity: BTreeMap<String, usize>,
    stance: BTreeMap<String, usize>,
    sources: BTreeMap<String, usize>,
    anonymous: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, doc: &Value) {
        self.out.documents += 1;
        if doc.get("error").is_some() {
            self.out.failed += 1;
            return;
        }
        for c in doc.get("claims").and_then(Value::as_array).into_iter().flatten() {
            self.out.claims += 1;
            let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
            *self.counts.anonymity.entry(field("anonymity")).or_default() += 1;
            *self.counts.stance.entry(field("stance")).or_default() += 1;
            let speaker = c.get("speaker");
            if let Some(name) = speaker.and_then(|s| s.get("name")).and_then(Value::as_str) {
                // variants of one name count as one (`Donald J. Trump`, `Donald Trump`),
                // shown by the shortest
                let key = attribution::name_key(name);
                let shown = self.counts.names.entry(key.clone()).or_insert_with(|| name.to_owned());
                if name.len() < shown.len() {
                    *shown = name.to_owned();
                }
                *self.counts.sources.entry(key).or_default() += 1;
            }
            let unresolved = speaker.is_some_and(|s| {
                s.get("resolved").is_none_or(Value::is_null)
                    && s.get("text").and_then(Value::as_str).is_some_and(|t| attribution::names_no_source(&t.to_lowercase()))
            });
            if unresolved {
                self.out.unresolved_pronouns += 1;
            } else if field("anonymity") == "anonymous" {
                // role (affiliation), else the mention it resolves to
                let d = speaker.and_then(|s| s.get("descriptor"));
                let text = |k: &str| speaker.and_then(|s| s.get(k)).and_then(|v| v.get("text").or(Some(v))).and_then(Value::as_str);
                let mention = text("resolved").or(text("text")).unwrap_or("?").to_lowercase();
                let aff: Vec<&str> = d
                    .and_then(|d| d.get("affiliation"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let key = match d.and_then(|d| d.get("role")).and_then(Value::as_str) {
                    Some(role) if aff.is_empty() => role.to_owned(),
                    Some(role) => format!("{role} ({})", aff.join(", ")),
                    None => mention,
                };
                *self.counts.anonymous.entry(key).or_default() += 1;
            }
        }
    }

    fn finish(self, top: usize) -> Summary {
        let (mut out, counts) = (self.out, self.counts);
        let ok = out.documents - out.failed;
        out.claims_per_document = if ok == 0 { 0.0 } else { out.claims as f64 / ok as f64 };
        let share = |m: &BTreeMap<String, usize>, n: usize| -> BTreeMap<String, f64> {
            m.iter().map(|(k, &v)| (k.clone(), if n == 0 { 0.0 } else { v as f64 / n as f64 })).collect()
        };
        out.anonymity = share(&counts.anonymity, out.claims);
        for k in ["named", "institutional", "anonymous"] {
            out.anonymity.entry(k.to_owned()).or_insert(0.0);
        }
        out.stance = share(&counts.stance, out.claims);
        let ranked = |m: &BTreeMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.iter().map(|(k, &n)| (k.clone(), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(top);
            v
        };
        let by_name: BTreeMap<String, usize> =
            counts.sources.iter().map(|(k, &n)| (counts.names.get(k).cloned().unwrap_or_else(|| k.clone()), n)).collect();
        out.top_sources = ranked(&merge_surnames(&by_name));
        out.top_anonymous = ranked(&counts.anonymous);
        out
    }
}

/// Source counts with a one-word name (`Trump`) folded into the longer name that
/// ends in it (`Donald Trump`): the only one, or one quoted at least twice as often
/// as any other (`Ivanka Trump`).
fn merge_surnames(counts: &BTreeMap<String, usize>) -> BTreeMap<String, usize> {
    // the longer names by their last word, most quoted first (one pass, not one per name)
    let mut by_last: BTreeMap<&str, Vec<(&String, usize)>> = BTreeMap::new();
    for (name, &n) in counts {
        if let Some((_, last)) = name.rsplit_once(' ') {
            by_last.entry(last).or_default().push((name, n));
        }
    }
    let mut out = counts.clone();
    for (name, &n) in counts {
        if name.contains(' ') {
            continue;
        }
        let Some(longer) = by_last.get_mut(name.as_str()) else { continue };
        longer.sort_by_key(|x| std::cmp::Reverse(x.1));
        let dominant = match longer.as_slice() {
            [only] => Some(only.0),
            [first, second, ..] if first.1 >= 2 * second.1 => Some(first.0),
            _ => None,
        };
        if let Some(full) = dominant {
            *out.entry(full.clone()).or_default() += n;
            out.remove(name);
        }
    }
    out
}

/// The group of a document: the value of `field`; `month` is the `YYYY-MM` of its
/// `date` when it has no `month` field.
fn group_of(doc: &Value, field: &str) -> String {
    match doc.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None if field == "month" => {
            doc.get("date").and_then(Value::as_str).map_or("(none)".to_owned(), |d| d.chars().take(7).collect())
        }
        Some(Value::Null) | None => "(none)".to_owned(),
        Some(v) => v.to_string(),
    }
}

/// Sums up the lines of an `extract` output.
pub fn summarize(lines: impl Iterator<Item = Value>, by: Option<&str>, top: usize) -> Report {
    let mut overall = Tally::default();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    for doc in lines {
        overall.add(&doc);
        if let Some(field) = by {
            groups.entry(group_of(&doc, field)).or_default().add(&doc);
        }
    }
    Report {
        overall: overall.finish(top),
        by: by.map(str::to_owned),
        groups: groups.into_iter().map(|(g, t)| (g, t.finish(top))).collect(),
    }
}

/// `report`'s command line.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// The output of `attribution extract` (JSON Lines)
    #[arg(value_name = "OUTPUT.jsonl")]
    path: String,
    /// Also sum up per value of this field (any field extract carried; `month` is the YYYY-MM of `date`)
    #[arg(long, value_name = "FIELD")]
    by: Option<String>,
    /// The report as JSON instead of text
    #[arg(long)]
    json: bool,
    /// The report as one self-contained HTML page with its charts instead of text
    #[arg(long, conflicts_with = "json")]
    html: bool,
    /// Draw the anonymous share per group as an SVG bar chart into FILE.svg
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<String>,
    /// How many sources and anonymous descriptors to list
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// No progress bar (there is none either when stderr is not a terminal)
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &ReportArgs) -> Result<ExitCode, Failure> {
    let path = &args.path;
    let file = File::open(path).map_err(|e| fail(format!("cannot open {path}: {e}")))?;
    // progress over the file's bytes, on a terminal (a corpus's output can be gigabytes)
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(file.metadata().ok().map(|m| m.len()), ProgressDrawTarget::stderr());
        let style =
            ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {bytes}/{total_bytes}, {bytes_per_sec}, ETA {eta}").map_err(fail)?;
        bar.set_style(style.progress_chars("=> "));
        bar
    };
    let mut bad = 0usize;
    let lines = BufReader::new(bar.wrap_read(file)).lines().map_while(Result::ok).filter(|l| !l.trim().is_empty()).filter_map(|l| {
        let v = serde_json::from_str::<Value>(&l).ok().filter(Value::is_object);
        bad += usize::from(v.is_none());
        v
    });
    let report = summarize(lines, args.by.as_deref(), args.top);
    bar.finish_and_clear();
    if bad > 0 {
        eprintln!("attribution: {bad} lines of {path} are not JSON objects, skipped");
    }
    if args.html {
        print!("{}", attribution::html::report_html(&report));
    } else if args.json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(fail)?);
    } else {
        print!("{}", render(&report));
    }
    if let Some(svg) = &args.plot {
        std::fs::write(svg, attribution::html::anonymous_share_svg(&report)).map_err(|e| fail(format!("cannot write {svg}: {e}")))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render_summary(name: &str, s: &Summary, out: &mut String) {
    let pct = |m: &BTreeMap<String, f64>, k: &str| 100.0 * m.get(k).copied().unwrap_or(0.0);
    out.push_str(&format!(
        "{name}: {} documents ({} failed), {} claims, {:.2} per document\n",
        s.documents, s.failed, s.claims, s.claims_per_document
    ));
    out.push_str(&format!(
        "  anonymity: named {:.1}%, institutional {:.1}%, anonymous {:.1}%\n",
        pct(&s.anonymity, "named"),
        pct(&s.anonymity, "institutional"),
        pct(&s.anonymity, "anonymous")
    ));
    let stances: Vec<String> = s.stance.iter().map(|(k, v)| format!("{k} {:.1}%", 100.0 * v)).collect();
    out.push_str(&format!("  stance: {}\n", stances.join(", ")));
    let list = |v: &[(String, usize)]| v.iter().map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join("; ");
    out.push_str(&format!("  most quoted: {}\n", list(&s.top_sources)));
    out.push_str(&format!("  anonymous sources: {}\n", list(&s.top_anonymous)));
    out.push_str(&format!("  unresolved pronoun speakers: {}\n", s.unresolved_pronouns));
}

/// The report as a readable text.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    render_summary("all", &r.overall, &mut out);
    if let Some(by) = &r.by {
        out.push_str(&format!("\nby {by}:\n"));
        out.push_str(&format!("{:<24} {:>9} {:>8} {:>10} {:>10}\n", by, "documents", "claims", "per doc", "anonymous"));
        for (g, s) in &r.groups {
            out.push_str(&format!(
                "{:<24} {:>9} {:>8} {:>10.2} {:>9.1}%\n",
                crate::show::cut(g, 24),
                s.documents,
                s.claims,
                s.claims_per_document,
                100.0 * s.anonymous_share()
            ));
        }
        for (g, s) in &r.groups {
            out.push('\n');
            render_summary(g, s, &mut out);
        }
    }
    out
}

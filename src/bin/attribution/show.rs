//! `attribution show FILE`: one article as a person reads it.

use std::process::ExitCode;

use attribution::{Anonymity, Article};

use crate::{chain, fail, Failure, ModelArgs};

/// `show`'s command line.
#[derive(clap::Args)]
pub struct ShowArgs {
    /// The article: a UTF-8 text file
    #[arg(value_name = "FILE")]
    path: String,
    /// The article's claims and sources as JSON instead of a table
    #[arg(long)]
    json: bool,
    /// A column with the rule that found each claim
    #[arg(long)]
    explain: bool,
    /// One self-contained HTML page instead: the article with each claim's speaker, cue and
    /// content highlighted, badges, and the sources beside the text
    #[arg(long, conflicts_with_all = ["json", "explain"])]
    html: bool,
    #[command(flatten)]
    model: ModelArgs,
}

pub fn run(args: &ShowArgs) -> Result<ExitCode, Failure> {
    let text = crate::input::text_file(&args.path).map_err(|u| fail(u.error))?.text;
    let extractor = args.model.extractor()?;
    let article = extractor.extract(&text).map_err(|e| fail(chain(&e)))?;
    if args.html {
        let title = std::path::Path::new(&args.path).file_name().map_or_else(|| args.path.clone(), |n| n.to_string_lossy().into_owned());
        print!("{}", attribution::html::article_html_titled(&text, &article, &title));
    } else if args.json {
        println!("{}", serde_json::to_string_pretty(&article).map_err(fail)?);
    } else {
        // the table fits the terminal's width (COLUMNS), 120 columns elsewhere
        let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(120usize);
        print!("{}", render(&article, width, args.explain));
    }
    Ok(ExitCode::SUCCESS)
}

/// `s` cut to `n` characters, with `…` when cut; newlines as spaces.
pub fn cut(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn anonymity(a: Anonymity) -> &'static str {
    match a {
        Anonymity::Named => "named",
        Anonymity::Institutional => "institutional",
        Anonymity::Anonymous => "anonymous",
        _ => "other",
    }
}

/// The table of claims and the list of sources, fitted to `width` columns; with
/// `explain`, the rule that found each claim in a column of its own.
pub fn render(article: &Article, width: usize, explain: bool) -> String {
    let mut out = String::new();
    let rows: Vec<Vec<String>> = article
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let resolved = c.speaker.resolved.as_ref().map(|r| r.text.clone()).or(c.speaker.name.clone()).unwrap_or_default();
            let mut row = vec![
                (i + 1).to_string(),
                cut(&c.speaker.text, 28),
                cut(if resolved == c.speaker.text { "" } else { &resolved }, 24),
                anonymity(c.anonymity).to_owned(),
                format!("{:?}", c.stance).to_lowercase(),
                cut(&c.cue.text, 16),
            ];
            if explain {
                row.push(c.rule.to_string());
            }
            row
        })
        .collect();
    let mut heads = vec!["#", "speaker", "stands for", "anonymity", "stance", "cue"];
    if explain {
        heads.push("rule");
    }
    let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let used: usize = widths.iter().sum::<usize>() + 2 * widths.len();
    let content_width = width.saturating_sub(used).max(20);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut header = String::new();
    for (h, w) in heads.iter().zip(&widths) {
        header.push_str(&pad(h, *w));
        header.push_str("  ");
    }
    header.push_str("content");
    out.push_str(&format!("{} claims, {:.0}% anonymous\n\n{header}\n", article.claims.len(), 100.0 * article.anonymous_share));
    for (r, c) in rows.iter().zip(&article.claims) {
        for (cell, w) in r.iter().zip(&widths) {
            out.push_str(&pad(cell, *w));
            out.push_str("  ");
        }
        out.push_str(&cut(c.text.as_ref().map_or("", |t| t.text.as_str()), content_width));
        out.push('\n');
    }
    out.push_str(&format!("\n{} sources\n", article.sources.len()));
    for s in &article.sources {
        let claims: Vec<String> = s.claims.iter().map(|i| (i + 1).to_string()).collect();
        out.push_str(&format!(
            "  {} ({}): claims {}\n",
            s.name.as_deref().unwrap_or(&s.mention),
            anonymity(s.anonymity),
            claims.join(", ")
        ));
    }
    out
}

//! Claims you can look at: one article, or a corpus report, as one self-contained
//! HTML page.
//!
//! [`article_html`] draws the article's text with each claim's speaker, cue and
//! content highlighted in colours of their own (in the spirit of displaCy's entity
//! view): anonymity and stance as badges, a resolved mention linked on hover to the
//! mention it stands for, and the source inventory ([`Article::sources`]) beside the
//! text. [`report_html`] draws the figures of `attribution report --json` (a
//! [`Report`]) as tables and inline SVG charts.
//!
//! Both are pure functions of their input (no model, no file, no network) and the
//! pages they return carry their CSS, JavaScript and charts inline: they load
//! nothing when viewed. Every piece of input text is escaped; spans outside the text
//! or off `char` boundaries are left undrawn (and counted on the page), never a panic.
//!
//! ```
//! use attribution::{attribute, html, Entity, EntityKind};
//!
//! let text = "Ana Silva said the port would reopen.";
//! let ents = vec![Entity::new(EntityKind::Person, text, 0, 9).unwrap()];
//! let article = attribution::Article::from_claims(attribute(text, &ents));
//! let page = html::article_html(text, &article);
//! assert!(page.contains(r#"class="m speaker anon-named" data-claim="1""#));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{Anonymity, Article, Claim, Error, QuoteKind, Result, SpeakerKind, Stance};

/// `s` with `&`, `<`, `>`, `"` and `'` escaped: safe as HTML text and as a quoted
/// attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` cut to `n` characters, with `…` when cut; line breaks (control characters) as spaces.
fn cut(s: &str, n: usize) -> String {
    let s = s.replace(char::is_control, " ");
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `1 claim`, `2 claims`.
fn claims_count(n: usize) -> String {
    format!("{n} claim{}", if n == 1 { "" } else { "s" })
}

const fn anonymity_name(a: Anonymity) -> &'static str {
    match a {
        Anonymity::Named => "named",
        Anonymity::Institutional => "institutional",
        Anonymity::Anonymous => "anonymous",
    }
}

const fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::Assert => "assert",
        Stance::Deny => "deny",
        Stance::Confirm => "confirm",
        Stance::Decline => "decline",
        Stance::Hedge => "hedge",
    }
}

fn quote_name(q: QuoteKind) -> &'static str {
    match q {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Unknown => "unknown",
    }
}

fn kind_name(k: SpeakerKind) -> &'static str {
    match k {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organization",
        SpeakerKind::Group => "group",
        SpeakerKind::Document => "document",
        SpeakerKind::Unknown => "unknown",
    }
}

/// What a highlighted stretch is. The order is the nesting order of stretches over
/// the same range: the first is outermost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Content,
    Antecedent,
    Speaker,
    Cue,
    Marker,
}

/// One highlighted stretch of the text and the opening tag that draws it.
struct Mark {
    start: usize,
    end: usize,
    part: Part,
    /// The claim's number (1-based), for the parts of a claim.
    claim: Option<usize>,
    open: String,
}

/// The id that ties a resolved speaker to the mention it stands for.
fn mention_id(start: usize, end: usize) -> String {
    format!("m{start}-{end}")
}

fn speaker_title(n: usize, c: &Claim) -> String {
    let s = &c.speaker;
    let mut t = format!("claim {n} · speaker · {} · {}", anonymity_name(c.anonymity), kind_name(s.kind));
    if let Some(r) = &s.resolved {
        t.push_str(&format!(" · stands for “{}”", cut(&r.text, 60)));
    }
    if let Some(name) = &s.name {
        t.push_str(&format!(" · name: {name}"));
    }
    let d = &s.descriptor;
    if let Some(role) = &d.role {
        t.push_str(&format!(" · role: {role}"));
    }
    if !d.affiliation.is_empty() {
        t.push_str(&format!(" · affiliation: {}", d.affiliation.join(", ")));
    }
    if let Some(count) = d.count {
        t.push_str(&format!(" · count: {count}"));
    }
    if let Some(k) = &d.knowledge {
        t.push_str(&format!(" · {k}"));
    }
    t
}

/// The highlighted stretches of an article, and how many spans could not be drawn.
fn marks(text: &str, article: &Article) -> (Vec<Mark>, usize) {
    let valid = |s: usize, e: usize| s < e && text.get(s..e).is_some();
    let mut out = Vec::new();
    let mut dropped = 0;
    let mut push = |out: &mut Vec<Mark>, start: usize, end: usize, part: Part, claim: Option<usize>, open: String| {
        if valid(start, end) {
            out.push(Mark { start, end, part, claim, open });
        } else {
            dropped += 1;
        }
    };
    // antecedents: one mark per mention, titled with the claims that point to it
    let mut antecedents: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    let mut bad_antecedents = 0;
    for (i, c) in article.claims.iter().enumerate() {
        let n = i + 1;
        let s = &c.speaker;
        let ante = s.resolved.as_ref().filter(|r| valid(r.start, r.end));
        bad_antecedents += usize::from(s.resolved.is_some() && ante.is_none());
        if let Some(r) = ante {
            antecedents.entry((r.start, r.end)).or_default().push(n);
        }
        let link = ante.map_or(String::new(), |r| format!(" data-ante=\"{}\"", mention_id(r.start, r.end)));
        let anon = anonymity_name(c.anonymity);
        push(
            &mut out,
            s.start,
            s.end,
            Part::Speaker,
            Some(n),
            format!("<span class=\"m speaker anon-{anon}\" data-claim=\"{n}\"{link} title=\"{}\">", escape(&speaker_title(n, c))),
        );
        let stance = stance_name(c.stance);
        push(
            &mut out,
            c.cue.start,
            c.cue.end,
            Part::Cue,
            Some(n),
            format!(
                "<span class=\"m cue stance-{stance}\" data-claim=\"{n}\" title=\"claim {n} · cue · stance: {stance} · rule: {}\">",
                c.rule
            ),
        );
        if let Some(t) = &c.text {
            let q = quote_name(c.quote);
            push(
                &mut out,
                t.start,
                t.end,
                Part::Content,
                Some(n),
                format!("<span class=\"m content quote-{q}\" data-claim=\"{n}\" title=\"claim {n} · content · quotation: {q}\">"),
            );
        }
        for m in &c.anonymity_markers {
            push(
                &mut out,
                m.start,
                m.end,
                Part::Marker,
                Some(n),
                format!("<span class=\"m marker\" data-claim=\"{n}\" title=\"claim {n} · anonymity marker\">"),
            );
        }
    }
    for ((start, end), claims) in antecedents {
        let list: Vec<String> = claims.iter().map(|n| n.to_string()).collect();
        let title = format!("what the speaker of claim {} stands for", list.join(", "));
        let open = format!("<span class=\"m antecedent\" data-mention=\"{}\" title=\"{title}\">", mention_id(start, end));
        out.push(Mark { start, end, part: Part::Antecedent, claim: None, open });
    }
    // outer before inner: earlier start, then later end, then the part's order
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.part.cmp(&b.part)).then(a.claim.cmp(&b.claim)));
    (out, dropped + bad_antecedents)
}

/// The badges after a speaker (its claim's number and anonymity) and after a cue
/// (its stance), by byte offset; one of each kind per place.
fn badges(text: &str, article: &Article) -> BTreeMap<usize, BTreeSet<String>> {
    let mut out: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (i, c) in article.claims.iter().enumerate() {
        let n = i + 1;
        if c.speaker.start < c.speaker.end && text.get(c.speaker.start..c.speaker.end).is_some() {
            let a = anonymity_name(c.anonymity);
            out.entry(c.speaker.end).or_default().insert(format!("<span class=\"badge anon-{a}\" data-claim=\"{n}\">{n} {a}</span>"));
        }
        if c.cue.start < c.cue.end && text.get(c.cue.start..c.cue.end).is_some() {
            let s = stance_name(c.stance);
            out.entry(c.cue.end).or_default().insert(format!("<span class=\"badge stance-{s}\" data-claim=\"{n}\">{s}</span>"));
        }
    }
    out
}

/// The article's text with its marks as properly nested elements: the text is cut
/// at every mark's start and end; across a cut, the elements both sides share stay
/// open and the others are closed and (re)opened, so overlapping marks nest.
fn marked_text(text: &str, article: &Article) -> (String, usize) {
    let (marks, dropped) = marks(text, article);
    let mut badges = badges(text, article);
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for m in &marks {
        cuts.insert(m.start);
        cuts.insert(m.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut open: Vec<usize> = Vec::new();
    let mut anchored: BTreeSet<usize> = BTreeSet::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let active: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].start <= a && marks[i].end >= b).collect();
        let kept = open.iter().zip(&active).take_while(|(x, y)| x == y).count();
        for _ in kept..open.len() {
            out.push_str("</span>");
        }
        open.truncate(kept);
        for badge in badges.remove(&a).into_iter().flatten() {
            out.push_str(&badge);
        }
        for &i in &active[kept..] {
            let m = &marks[i];
            match m.claim {
                // the first piece of a claim in the text is where its links lead
                Some(n) if anchored.insert(n) => {
                    out.push_str(&m.open.replacen("<span ", &format!("<span id=\"c{n}\" "), 1));
                }
                _ => out.push_str(&m.open),
            }
            open.push(i);
        }
        // cuts are mark ends and the text's ends, all on char boundaries
        out.push_str(&escape(text.get(a..b).unwrap_or("")));
    }
    for _ in 0..open.len() {
        out.push_str("</span>");
    }
    for badge in badges.into_values().flatten() {
        out.push_str(&badge);
    }
    (out, dropped)
}

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;background:#f6f6f4;color:#222;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
header{padding:.9em 1.5em;background:#fff;border-bottom:1px solid #ddd}
header h1{margin:0;font-size:1.15em;font-weight:600}
header p{margin:.2em 0 0;color:#555;font-size:.9em}
.page{display:grid;grid-template-columns:minmax(0,1fr) 24rem;gap:1.5em;padding:1.5em;max-width:86rem;margin:0 auto}
@media (max-width:900px){.page{grid-template-columns:1fr}}
article.text{white-space:pre-wrap;background:#fff;padding:1.5em 2em;border:1px solid #e2e2e2;border-radius:6px;
  font:17px/2.1 Georgia,"Times New Roman",serif}
aside{font-size:14px;align-self:start;position:sticky;top:1em;max-height:calc(100vh - 2em);overflow:auto}
aside section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:.8em 1em;margin-bottom:1em}
aside h2{font-size:1em;margin:0 0 .5em}
aside ol,aside ul{margin:0;padding-left:1.2em}
aside li{margin:.25em 0}
aside a{color:inherit;text-decoration:none}
aside a:hover{text-decoration:underline}
.m{border-radius:3px;padding:.1em 0}
.content{background:rgba(46,160,67,.13);border-bottom:2px solid rgba(46,160,67,.7)}
.speaker{background:#cfe2ff;border-bottom:2px solid #2f6fd1;padding:.15em .15em}
.cue{background:#ffe0b8;border-bottom:2px solid #e8590c;padding:.15em .15em}
.antecedent{outline:1px dashed #8e44ad;outline-offset:1px}
.marker{text-decoration:underline wavy #777}
.m.lit{outline:2px solid #222;outline-offset:1px}
.antecedent.lit{background:#ead7ff;outline:2px dashed #8e44ad}
.speaker[data-ante]{cursor:help;border-bottom-style:dotted}
.badge{display:inline-block;font:600 10px/1.5 system-ui,sans-serif;letter-spacing:.03em;text-transform:uppercase;
  padding:0 .45em;margin:0 .25em;border-radius:8px;vertical-align:.35em;color:#fff;background:#888;
  user-select:none;white-space:nowrap}
.anon-named.badge{background:#2f6fd1}.anon-institutional.badge{background:#5a8f29}.anon-anonymous.badge{background:#c2410c}
.stance-assert.badge{background:#6b7280}.stance-deny.badge{background:#b91c1c}.stance-confirm.badge{background:#15803d}
.stance-decline.badge{background:#7c3aed}.stance-hedge.badge{background:#b45309}
.legend span{margin-right:.4em}
.muted{color:#666}
table{border-collapse:collapse;font-size:14px}
th,td{padding:.25em .7em;text-align:left;border-bottom:1px solid #eee}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
main.report{max-width:72rem;margin:0 auto;padding:1.5em}
main.report section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:1em 1.5em;margin-bottom:1.5em}
main.report h2{font-size:1.1em;margin:0 0 .6em}
.tables{display:flex;gap:2.5em;flex-wrap:wrap;align-items:flex-start}
.charts svg{margin:0 1em 1em 0;vertical-align:top}
details.group{margin:.5em 0}details.group summary{cursor:pointer;font-weight:600}
"#;

/// Hover: a claim's pieces light up together, and a resolved speaker lights the
/// mention it stands for. The last line marks the page as scripted without error
/// (`data-ready="ok"` on `<body>`), which the headless-browser check reads.
const SCRIPT: &str = r#"
(function () {
  'use strict';
  var lit = [];
  function clear() { lit.forEach(function (e) { e.classList.remove('lit'); }); lit = []; }
  function light(selector) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (e) { e.classList.add('lit'); lit.push(e); });
  }
  document.addEventListener('mouseover', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) { return; }
    clear();
    var speaker = t.closest('[data-ante]');
    if (speaker) { light('[data-mention="' + speaker.getAttribute('data-ante') + '"]'); }
    var part = t.closest('[data-claim]');
    if (part) { light('.m[data-claim="' + part.getAttribute('data-claim') + '"]'); }
  });
  document.body.setAttribute('data-ready', 'ok');
})();
"#;

fn page(title: &str, header: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"attribution {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<header>{header}</header>\n{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

/// The page of one article: its text with the claims drawn on it, and the sources
/// beside it. `text` is the text the claims were extracted from (their spans are
/// byte offsets into it); the page's title is the text's first line.
pub fn article_html(text: &str, article: &Article) -> String {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("article");
    article_html_titled(text, article, &cut(first, 80))
}

/// [`article_html`] with a title of the caller's (a file name, a headline).
pub fn article_html_titled(text: &str, article: &Article, title: &str) -> String {
    let (marked, dropped) = marked_text(text, article);
    let claims = &article.claims;
    let mut header = format!(
        "<h1>{}</h1><p>{} · {} sources · {:.0}% of claims by anonymous sources</p>",
        escape(title),
        claims_count(claims.len()),
        article.sources.len(),
        100.0 * article.anonymous_share
    );
    if dropped > 0 {
        header.push_str(&format!("<p class=\"warning\">{dropped} spans lie outside the text and are not drawn</p>"));
    }
    let mut aside = String::from(
        "<section class=\"legend\"><h2>Legend</h2>\
         <span class=\"m speaker\">speaker</span> <span class=\"m cue\">cue</span> \
         <span class=\"m content\">content</span> <span class=\"m antecedent\">stands for</span> \
         <span class=\"m marker\">anonymity marker</span>\
         <p class=\"muted\">Hover a piece to light its claim; hover a resolved speaker (dotted) to light the mention it \
         stands for.</p></section>\n",
    );
    aside.push_str(&format!("<section class=\"sources\"><h2>Sources ({})</h2><ol>\n", article.sources.len()));
    for s in &article.sources {
        let a = anonymity_name(s.anonymity);
        let shown = s.name.as_deref().unwrap_or(&s.mention);
        aside.push_str(&format!(
            "<li class=\"source\"><strong>{}</strong> <span class=\"badge anon-{a}\">{a}</span> <span class=\"muted\">{}</span><ul>\n",
            escape(shown),
            claims_count(s.claims.len())
        ));
        for &i in &s.claims {
            let Some(c) = claims.get(i) else { continue };
            let n = i + 1;
            let st = stance_name(c.stance);
            let content = c.text.as_ref().map_or(String::new(), |t| format!(" “{}”", escape(&cut(&t.text, 90))));
            aside.push_str(&format!(
                "<li><a href=\"#c{n}\" data-claim=\"{n}\">#{n} <span class=\"badge stance-{st}\">{st}</span> {} {}{content}</a></li>\n",
                escape(&cut(&c.speaker.text, 40)),
                escape(&cut(&c.cue.text, 30)),
            ));
        }
        aside.push_str("</ul></li>\n");
    }
    aside.push_str("</ol></section>\n");
    let body = format!("<main class=\"page\">\n<article class=\"text\">{marked}</article>\n<aside>\n{aside}</aside>\n</main>");
    page(title, &header, &body)
}

/// The figures of one group of documents (or of all), as `attribution report --json`
/// prints them: shares are fractions (0..=1) of the group's claims.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Documents in the group.
    pub documents: usize,
    /// Documents whose output line is an error.
    pub failed: usize,
    /// Claims in the group.
    pub claims: usize,
    /// Claims per document that did not fail.
    pub claims_per_document: f64,
    /// Share of claims by anonymity (`named`, `institutional`, `anonymous`).
    pub anonymity: BTreeMap<String, f64>,
    /// Share of claims by stance (`assert`, `deny`, ...).
    pub stance: BTreeMap<String, f64>,
    /// The most quoted sources by name, with their claim counts.
    pub top_sources: Vec<(String, usize)>,
    /// The most frequent descriptors of anonymous sources, with their claim counts.
    pub top_anonymous: Vec<(String, usize)>,
    /// Claims whose speaker is a pronoun nothing resolved.
    pub unresolved_pronouns: usize,
}

impl Summary {
    /// The share of the group's claims by anonymous sources.
    pub fn anonymous_share(&self) -> f64 {
        self.anonymity.get("anonymous").copied().unwrap_or(0.0)
    }
}

/// A corpus report as `attribution report --json` prints it: all documents, and,
/// with `--by FIELD`, each value of that field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// All documents.
    pub overall: Summary,
    /// The field the documents are grouped by, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The groups, by the field's value.
    #[serde(default)]
    pub groups: BTreeMap<String, Summary>,
}

impl Report {
    /// Reads the JSON that `attribution report --json` prints.
    pub fn from_json(json: &str) -> Result<Report> {
        serde_json::from_str(json).map_err(|source| Error::ReportJson { source })
    }
}

/// A share as drawn: a finite number in 0..=1.
fn clamp(share: f64) -> f64 {
    if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

fn colour(key: &str, i: usize) -> &'static str {
    match key {
        "named" => "#2f6fd1",
        "institutional" => "#5a8f29",
        "anonymous" => "#c2410c",
        "assert" => "#6b7280",
        "deny" => "#b91c1c",
        "confirm" => "#15803d",
        "decline" => "#7c3aed",
        "hedge" => "#b45309",
        _ => match i % 4 {
            0 => "#0e7490",
            1 => "#a21caf",
            2 => "#4d7c0f",
            _ => "#9a3412",
        },
    }
}

/// A bar chart (SVG) of the share of claims by anonymous sources, per group (or of
/// all documents when the report has no groups): the chart `attribution report
/// --plot` writes.
pub fn anonymous_share_svg(report: &Report) -> String {
    let bars: Vec<(String, f64)> = if report.groups.is_empty() {
        vec![("all".to_owned(), report.overall.anonymous_share())]
    } else {
        report.groups.iter().map(|(g, s)| (g.clone(), s.anonymous_share())).collect()
    };
    let title = format!("Share of claims by anonymous sources{}", report.by.as_ref().map_or(String::new(), |b| format!(", by {b}")));
    bar_svg(&title, &bars)
}

/// Horizontal bars, one per `(label, share)`, scaled to the largest share.
fn bar_svg(title: &str, bars: &[(String, f64)]) -> String {
    let (bar_h, label_w, chart_w) = (26.0, 180.0, 420.0);
    let height = 60.0 + bar_h * bars.len() as f64;
    let max = bars.iter().map(|b| clamp(b.1)).fold(0.0f64, f64::max).max(0.01);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">\n\
         <text x=\"10\" y=\"22\" font-size=\"15\">{}</text>\n",
        label_w + chart_w + 80.0,
        escape(title)
    );
    for (i, (label, share)) in bars.iter().enumerate() {
        let share = clamp(*share);
        let y = 40.0 + bar_h * i as f64;
        let w = chart_w * share / max;
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_w:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#4a78b5\"><title>{}: {:.1}%</title></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\">{:.1}%</text>\n",
            label_w - 8.0,
            y + bar_h * 0.65,
            escape(&cut(label, 24)),
            bar_h - 6.0,
            escape(label),
            100.0 * share,
            label_w + w + 6.0,
            y + bar_h * 0.65,
            100.0 * share
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// Stacked bars (SVG), one per row, each split into its shares by key; `keys` in
/// the order they are stacked and listed in the legend.
fn stacked_svg(title: &str, rows: &[(String, &BTreeMap<String, f64>)], keys: &[String]) -> String {
    let (bar_h, label_w, chart_w) = (26.0, 180.0, 420.0);
    let legend_y = 42.0;
    let top = 58.0;
    let height = top + 10.0 + bar_h * rows.len() as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">\n\
         <text x=\"10\" y=\"22\" font-size=\"15\">{}</text>\n",
        label_w + chart_w + 20.0,
        escape(title)
    );
    let mut x = label_w;
    for (i, k) in keys.iter().enumerate() {
        svg.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{legend_y:.1}\">{}</text>\n",
            legend_y - 10.0,
            colour(k, i),
            x + 16.0,
            escape(k)
        ));
        x += 16.0 + 7.5 * k.chars().count() as f64 + 16.0;
    }
    for (r, (label, shares)) in rows.iter().enumerate() {
        let y = top + bar_h * r as f64;
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y + bar_h * 0.65,
            escape(&cut(label, 24))
        ));
        let mut x = label_w;
        for (i, k) in keys.iter().enumerate() {
            let share = clamp(shares.get(k).copied().unwrap_or(0.0));
            let w = (chart_w * share).min(label_w + chart_w - x).max(0.0);
            if w > 0.0 {
                svg.push_str(&format!(
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}, {}: {:.1}%</title></rect>",
                    bar_h - 6.0,
                    colour(k, i),
                    escape(label),
                    escape(k),
                    100.0 * share
                ));
            }
            x += w;
        }
        svg.push('\n');
    }
    svg.push_str("</svg>\n");
    svg
}

/// The keys of `maps`, the `known` ones first in their order, then the others.
fn keys_of<'a>(maps: impl Iterator<Item = &'a BTreeMap<String, f64>>, known: &[&str]) -> Vec<String> {
    let all: BTreeSet<&String> = maps.flat_map(BTreeMap::keys).collect();
    let mut keys: Vec<String> = known.iter().filter(|k| all.iter().any(|a| a == *k)).map(|k| (*k).to_owned()).collect();
    keys.extend(all.into_iter().filter(|a| !known.contains(&a.as_str())).cloned());
    keys
}

fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * clamp(share))
}

fn ranked_table(head: &str, rows: &[(String, usize)]) -> String {
    if rows.is_empty() {
        return format!("<p class=\"muted\">{}: none</p>\n", escape(head));
    }
    let mut t = format!("<table class=\"ranked\"><tr><th>{}</th><th class=\"num\">claims</th></tr>\n", escape(head));
    for (name, n) in rows {
        t.push_str(&format!("<tr><td>{}</td><td class=\"num\">{n}</td></tr>\n", escape(name)));
    }
    t.push_str("</table>\n");
    t
}

fn summary_html(s: &Summary) -> String {
    let mut out = format!(
        "<p>{} documents ({} failed) · {} · {:.2} per document · {} of claims by anonymous sources · \
         {} by an unresolved pronoun</p>\n",
        s.documents,
        s.failed,
        claims_count(s.claims),
        if s.claims_per_document.is_finite() { s.claims_per_document } else { 0.0 },
        pct(s.anonymous_share()),
        claims_count(s.unresolved_pronouns)
    );
    let row = |m: &BTreeMap<String, f64>, known: &[&str]| {
        keys_of(std::iter::once(m), known)
            .iter()
            .map(|k| format!("{} {}", escape(k), pct(m.get(k).copied().unwrap_or(0.0))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("<p>anonymity: {}<br>stance: {}</p>\n", row(&s.anonymity, &ANONYMITY), row(&s.stance, &STANCES)));
    out.push_str("<div class=\"tables\">");
    out.push_str(&ranked_table("most quoted", &s.top_sources));
    out.push_str(&ranked_table("anonymous sources", &s.top_anonymous));
    out.push_str("</div>\n");
    out
}

/// The anonymity and stance names in the order the charts stack them.
const ANONYMITY: [&str; 3] =
    [anonymity_name(Anonymity::Named), anonymity_name(Anonymity::Institutional), anonymity_name(Anonymity::Anonymous)];
const STANCES: [&str; 5] = [
    stance_name(Stance::Assert),
    stance_name(Stance::Deny),
    stance_name(Stance::Confirm),
    stance_name(Stance::Decline),
    stance_name(Stance::Hedge),
];

/// The page of a corpus report: the overall figures, the anonymity and stance of
/// claims as stacked bars (per group when grouped), the anonymous share per group,
/// the table of groups, and each group's figures.
pub fn report_html(report: &Report) -> String {
    let title = match &report.by {
        Some(by) => format!("Claims in {} documents, by {by}", report.overall.documents),
        None => format!("Claims in {} documents", report.overall.documents),
    };
    let header = format!("<h1>{}</h1><p>attribution report</p>", escape(&title));
    let mut body = String::from("<main class=\"report\">\n<section><h2>All documents</h2>\n");
    body.push_str(&summary_html(&report.overall));
    body.push_str("</section>\n<section class=\"charts\"><h2>Charts</h2>\n");
    let rows: Vec<(String, &Summary)> =
        std::iter::once(("all".to_owned(), &report.overall)).chain(report.groups.iter().map(|(g, s)| (g.clone(), s))).collect();
    let anonymity: Vec<(String, &BTreeMap<String, f64>)> = rows.iter().map(|(g, s)| (g.clone(), &s.anonymity)).collect();
    let stance: Vec<(String, &BTreeMap<String, f64>)> = rows.iter().map(|(g, s)| (g.clone(), &s.stance)).collect();
    let by = report.by.as_ref().map_or(String::new(), |b| format!(", by {b}"));
    body.push_str(&stacked_svg(
        &format!("Claims by anonymity of the source{by}"),
        &anonymity,
        &keys_of(anonymity.iter().map(|r| r.1), &ANONYMITY),
    ));
    body.push_str(&stacked_svg(&format!("Claims by stance{by}"), &stance, &keys_of(stance.iter().map(|r| r.1), &STANCES)));
    if !report.groups.is_empty() {
        body.push_str(&anonymous_share_svg(report));
    }
    body.push_str("</section>\n");
    if let Some(by) = &report.by {
        body.push_str(&format!(
            "<section><h2>By {0}</h2>\n<table class=\"groups\"><tr><th>{0}</th><th class=\"num\">documents</th>\
             <th class=\"num\">failed</th><th class=\"num\">claims</th><th class=\"num\">per document</th>\
             <th class=\"num\">anonymous</th></tr>\n",
            escape(by)
        ));
        for (g, s) in &report.groups {
            body.push_str(&format!(
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{:.2}</td><td class=\"num\">{}</td></tr>\n",
                escape(g),
                s.documents,
                s.failed,
                s.claims,
                if s.claims_per_document.is_finite() { s.claims_per_document } else { 0.0 },
                pct(s.anonymous_share())
            ));
        }
        body.push_str("</table>\n");
        for (g, s) in &report.groups {
            body.push_str(&format!("<details class=\"group\"><summary>{}</summary>\n{}</details>\n", escape(g), summary_html(s)));
        }
        body.push_str("</section>\n");
    }
    body.push_str("</main>");
    page(&title, &header, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Descriptor, Rule, Span, Speaker};

    /// The span of the `nth` occurrence of `needle` in `text`.
    fn span(text: &str, needle: &str, nth: usize) -> Span {
        let start = text.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in text");
        Span::of(text, start, start + needle.len()).unwrap()
    }

    fn claim(speaker: Span, resolved: Option<Span>, cue: Span, content: Option<Span>, anonymity: Anonymity, stance: Stance) -> Claim {
        Claim {
            speaker: Speaker {
                start: speaker.start,
                end: speaker.end,
                text: speaker.text,
                resolved,
                name: None,
                kind: SpeakerKind::Person,
                descriptor: Descriptor::default(),
            },
            anonymity,
            anonymity_markers: Vec::new(),
            stance,
            cue,
            text: content,
            quote: QuoteKind::Direct,
            rule: Rule::ContentAfter,
        }
    }

    /// The text inside `<article ...>…</article>`.
    fn article_part(page: &str) -> &str {
        let start = page.find("<article").unwrap();
        let open_end = start + page[start..].find('>').unwrap() + 1;
        let end = page.rfind("</article>").unwrap();
        &page[open_end..end]
    }

    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
    }

    /// Walks the spans of marked text (which has no other elements): checks that they
    /// nest, and returns the text under each `(part, claim)` (badges left out) and the
    /// text with every badge and tag removed.
    fn walk(marked: &str) -> (BTreeMap<(String, String), String>, String) {
        let mut stack: Vec<Option<(String, String)>> = Vec::new();
        let mut under: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut plain = String::new();
        let mut rest = marked;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("</span>") {
                assert!(stack.pop().is_some(), "a closing tag with nothing open");
                rest = r;
            } else if rest.starts_with("<span ") {
                let end = rest.find('>').unwrap();
                let tag = &rest[..end];
                assert!(!tag[1..].contains('<'), "a tag inside a tag: {tag}");
                let attr =
                    |name: &str| tag.split(&format!("{name}=\"")).nth(1).map(|v| v[..v.find('"').unwrap()].to_owned()).unwrap_or_default();
                let class = attr("class");
                let key = if class.starts_with("badge") {
                    None
                } else {
                    Some((class.split(' ').nth(1).unwrap_or("").to_owned(), attr("data-claim")))
                };
                stack.push(key);
                rest = &rest[end + 1..];
            } else {
                assert!(!rest.starts_with('<'), "an unexpected tag: {}", &rest[..rest.len().min(40)]);
                let end = rest.find('<').unwrap_or(rest.len());
                let chunk = unescape(&rest[..end]);
                if stack.iter().all(Option::is_some) {
                    plain.push_str(&chunk);
                    for key in stack.iter().flatten() {
                        under.entry(key.clone()).or_default().push_str(&chunk);
                    }
                }
                rest = &rest[end..];
            }
        }
        assert!(stack.is_empty(), "{} spans left open", stack.len());
        (under, plain)
    }

    fn key(part: &str, n: usize) -> (String, String) {
        (part.to_owned(), n.to_string())
    }

    /// Curly quotes, accents and an em dash before and inside the spans: each piece
    /// holds exactly its span's text, the text comes back whole, and the second
    /// claim's speaker and cue sit inside the first claim's content.
    #[test]
    fn multibyte_and_nested_claims() {
        let text = "« Ça suffit », a dit Zoë Müller — “the mayor’s aide said the café stays shut,” she added.";
        let c1 = claim(
            span(text, "she", 0),
            Some(span(text, "Zoë Müller", 0)),
            span(text, "added", 0),
            Some(span(text, "the mayor’s aide said the café stays shut,", 0)),
            Anonymity::Named,
            Stance::Assert,
        );
        let c2 = claim(
            span(text, "the mayor’s aide", 0),
            None,
            span(text, "said", 0),
            Some(span(text, "the café stays shut", 0)),
            Anonymity::Anonymous,
            Stance::Deny,
        );
        let article = Article::from_claims(vec![c1, c2]);
        let page = article_html(text, &article);
        let (under, plain) = walk(article_part(&page));
        assert_eq!(plain, text);
        assert_eq!(under[&key("speaker", 1)], "she");
        assert_eq!(under[&key("cue", 1)], "added");
        assert_eq!(under[&key("content", 1)], "the mayor’s aide said the café stays shut,");
        assert_eq!(under[&key("speaker", 2)], "the mayor’s aide");
        assert_eq!(under[&key("cue", 2)], "said");
        assert_eq!(under[&key("content", 2)], "the café stays shut");
        assert_eq!(under[&("antecedent".to_owned(), String::new())].as_str(), "Zoë Müller");
        // the resolved speaker points at its antecedent's id
        let ante = span(text, "Zoë Müller", 0);
        let id = mention_id(ante.start, ante.end);
        assert!(page.contains(&format!("data-ante=\"{id}\"")), "{page}");
        assert!(page.contains(&format!("data-mention=\"{id}\"")));
        // badges: anonymity after each speaker, stance after each cue
        assert!(page.contains("she</span><span class=\"badge anon-named\" data-claim=\"1\">1 named</span>"));
        assert!(page.contains("aide</span><span class=\"badge anon-anonymous\" data-claim=\"2\">2 anonymous</span>"));
        assert!(page.contains("said</span><span class=\"badge stance-deny\" data-claim=\"2\">deny</span>"));
        // the first piece of each claim in text order carries its anchor
        assert_eq!(page.matches("id=\"c1\"").count(), 1);
        assert_eq!(page.matches("id=\"c2\"").count(), 1);
        // the source inventory lists both sources and links to the claims
        assert!(page.contains("<strong>Zoë Müller</strong>"), "sources: {page}");
        assert!(page.contains("href=\"#c2\""));
    }

    /// Two contents that overlap without nesting: the shared stretch belongs to both,
    /// and the elements still nest.
    #[test]
    fn overlapping_spans_nest() {
        let text = "Officials said alpha beta gamma delta, and aides said beta gamma delta epsilon.";
        let first = span(text, "alpha beta gamma", 0);
        let second = Span::of(text, first.start + "alpha ".len(), text.find(" epsilon").unwrap() + " epsilon".len()).unwrap();
        let c1 = claim(span(text, "Officials", 0), None, span(text, "said", 0), Some(first.clone()), Anonymity::Anonymous, Stance::Assert);
        let c2 = claim(span(text, "aides", 0), None, span(text, "said", 1), Some(second.clone()), Anonymity::Anonymous, Stance::Hedge);
        let page = article_html(text, &Article::from_claims(vec![c1, c2]));
        let (under, plain) = walk(article_part(&page));
        assert_eq!(plain, text);
        assert_eq!(under[&key("content", 1)], first.text);
        assert_eq!(under[&key("content", 2)], second.text);
        assert_eq!(under[&key("speaker", 2)], "aides");
        assert_eq!(under[&key("cue", 2)], "said");
    }

    /// `<`, `&` and `>` in the text, in a speaker and in a title are escaped; nothing
    /// of the input reaches the page as markup.
    #[test]
    fn escapes_markup_in_text() {
        let text = "<b>Smith & Co</b> said \"x < y && y > z\" — <script>alert(1)</script>";
        let c = claim(
            span(text, "<b>Smith & Co</b>", 0),
            None,
            span(text, "said", 0),
            Some(span(text, "x < y && y > z", 0)),
            Anonymity::Institutional,
            Stance::Confirm,
        );
        let page = article_html_titled(text, &Article::from_claims(vec![c]), "<i>title</i>");
        assert!(!page.contains("<b>") && !page.contains("<script>alert") && !page.contains("<i>"), "{page}");
        assert!(page.contains("&lt;b&gt;Smith &amp; Co&lt;/b&gt;"));
        assert!(page.contains("<title>&lt;i&gt;title&lt;/i&gt;</title>"));
        let (under, plain) = walk(article_part(&page));
        assert_eq!(plain, text);
        assert_eq!(under[&key("speaker", 1)], "<b>Smith & Co</b>");
        assert_eq!(under[&key("content", 1)], "x < y && y > z");
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }

    /// Spans outside the text or inside a character are not drawn, and counted; the
    /// rest of the page is still right.
    #[test]
    fn bad_spans_are_skipped() {
        let text = "Él dijo: sí.";
        let good = claim(span(text, "Él", 0), None, span(text, "dijo", 0), Some(span(text, "sí", 0)), Anonymity::Named, Stance::Assert);
        let mut bad = good.clone();
        bad.speaker.start = 1; // inside `É`
        bad.cue = Span { start: 40, end: 44, text: "gone".into() };
        bad.speaker.resolved = Some(Span { start: 3, end: 100, text: "far".into() });
        let page = article_html(text, &Article::from_claims(vec![good, bad]));
        let (under, plain) = walk(article_part(&page));
        assert_eq!(plain, text);
        assert_eq!(under[&key("speaker", 1)], "Él");
        assert!(!under.contains_key(&key("speaker", 2)) && !under.contains_key(&key("cue", 2)));
        assert_eq!(under[&key("content", 2)], "sí");
        assert!(page.contains("3 spans lie outside the text"), "{page}");
        assert!(!page.contains("data-ante=\""));
    }

    /// An article without claims is the text and empty lists; the page loads nothing
    /// from elsewhere.
    #[test]
    fn empty_article_and_no_network() {
        let text = "Nothing is attributed here.\nA second line.";
        let page = article_html(text, &Article::from_claims(Vec::new()));
        assert_eq!(walk(article_part(&page)).1, text);
        assert!(page.contains("<title>Nothing is attributed here.</title>"));
        assert!(page.contains("0 claims · 0 sources"));
        assert_eq!(claims_count(1), "1 claim");
        for outside in ["src=", "href=\"http", "url(", "@import", "<link"] {
            assert!(!page.contains(outside), "{outside}");
        }
    }

    fn summary(documents: usize, claims: usize, anonymous: f64, deny: f64) -> Summary {
        Summary {
            documents,
            failed: 1,
            claims,
            claims_per_document: claims as f64 / documents as f64,
            anonymity: BTreeMap::from([
                ("named".into(), 1.0 - anonymous - 0.1),
                ("institutional".into(), 0.1),
                ("anonymous".into(), anonymous),
            ]),
            stance: BTreeMap::from([("assert".into(), 1.0 - deny), ("deny".into(), deny)]),
            top_sources: vec![("Zoë Müller".into(), 3), ("R&D <Board>".into(), 2)],
            top_anonymous: vec![("official (U.S.)".into(), 4)],
            unresolved_pronouns: 2,
        }
    }

    /// The report page: the groups' table and details, three charts with a bar per
    /// group and the right widths, escaped names.
    #[test]
    fn report_page() {
        let report = Report {
            overall: summary(10, 40, 0.25, 0.1),
            by: Some("outlet".into()),
            groups: BTreeMap::from([("nyt".into(), summary(6, 30, 0.3, 0.2)), ("<west>".into(), summary(4, 10, 0.1, 0.0))]),
        };
        let page = report_html(&report);
        assert_eq!(page.matches("<svg ").count(), 3);
        assert!(page.contains("<title>Claims in 10 documents, by outlet</title>"));
        assert!(page.contains("<td>&lt;west&gt;</td>") && !page.contains("<west>"));
        assert!(page.contains("R&amp;D &lt;Board&gt;"));
        assert_eq!(page.matches("<details class=\"group\">").count(), 2);
        // the anonymous-share bars: the largest (nyt, 30%) is the chart's full width
        let svg = anonymous_share_svg(&report);
        assert!(svg.contains("width=\"420.0\" height=\"20.0\" fill=\"#4a78b5\"><title>nyt: 30.0%</title>"), "{svg}");
        assert!(svg.contains("width=\"140.0\" height=\"20.0\" fill=\"#4a78b5\"><title>&lt;west&gt;: 10.0%</title>"), "{svg}");
        // stacked: the stance bar of nyt is 80% assert then 20% deny of 420
        assert!(page.contains("width=\"336.0\" height=\"20.0\" fill=\"#6b7280\"><title>nyt, assert: 80.0%</title>"), "{page}");
        assert!(page.contains("x=\"516.0\" y=\"110.0\" width=\"84.0\" height=\"20.0\" fill=\"#b91c1c\"><title>nyt, deny: 20.0%</title>"));
    }

    /// The report JSON as the CLI prints it reads back; a broken one is an error,
    /// and shares outside 0..=1 are drawn clamped.
    #[test]
    fn report_from_json() {
        let json = r#"{"overall": {"documents": 2, "failed": 0, "claims": 3, "claims_per_document": 1.5,
            "anonymity": {"named": 0.5, "institutional": 0.0, "anonymous": 7.0}, "stance": {"assert": 1.0},
            "top_sources": [["Ana", 2]], "top_anonymous": [], "unresolved_pronouns": 0}, "groups": {}}"#;
        let report = Report::from_json(json).unwrap();
        assert_eq!(report.overall.top_sources, vec![("Ana".to_owned(), 2)]);
        assert!(report.by.is_none());
        let svg = anonymous_share_svg(&report);
        assert!(svg.contains("<title>all: 100.0%</title>"), "{svg}");
        assert!(report_html(&report).contains("anonymous 100.0%"));
        assert!(matches!(Report::from_json("{\"overall\": 3}"), Err(Error::ReportJson { .. })));
    }
}

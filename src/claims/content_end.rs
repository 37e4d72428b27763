//! Rule `content_end` (learned): where a content that follows its cue ends.
//!
//! The rules before it run a content after its cue (`X said Y`) to the end of the
//! sentence or to a later cue. Whether the reported clause stops earlier — before
//! `, as both camps raced …`, a dash aside, `, securing …`, `and then left` — turns
//! on the words around each break, which a list cannot weigh; a linear model
//! learned from annotated news ([`LinearModel`], `models/content-end.json`) does.
//! Each break inside the content and outside quotation marks is a candidate; the
//! content ends at the first the model accepts.
//!
//! Feature templates (their names are the keys of the model's weights): the break
//! (`b:`), the words and shapes around it (`p1:`, `n1:`, `n2:`, `n1n2:`, `n1s:`,
//! the tags the model gave, `n1p:` …), whether the next segment has a verb or a cue
//! (`segverb:`, `segcue:`), whether the clause goes on after it (`rejoins:`), whether
//! the part kept has a verb (`keptverb:`), lengths
//! (`kept:`, `rest:`), the candidate's rank (`k:`), the finding rule (`rule:`) and
//! whether the text has quotation marks (`marks:`), and pairs of the break with the
//! strongest of these.

use super::sentence::{is_aux, Ctx};
use super::RawClaim;
use crate::cues::Cue;
use crate::learned::{length_class, LinearModel};
use crate::lexicon::{CONTENT_END_MARKS, CONTENT_END_WORDS};
use crate::text::tokens::starting_in;

/// A place where a content may end: cut there, the content ends at byte `end`.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) end: usize,
    pub(crate) features: Vec<String>,
}

/// Rule `content_end`: ends `claim`'s content at the first candidate `model` accepts.
pub(super) fn end(ctx: &Ctx, cues: &[Cue], claim: &mut RawClaim, model: &LinearModel) {
    let Some(content) = claim.content.clone() else { return };
    if let Some(c) = candidates(ctx, cues, claim).into_iter().find(|c| model.decides(&c.features)) {
        let cut = content.start..c.end;
        claim.quote = ctx.quote_kind(&cut);
        claim.content = Some(cut);
    }
}

/// The candidates of a claim whose content follows its cue, in text order, with
/// their features. None for a content before its cue or inside quotation marks.
pub(crate) fn candidates(ctx: &Ctx, cues: &[Cue], claim: &RawClaim) -> Vec<Candidate> {
    let Some(content) = claim.content.clone() else { return Vec::new() };
    if content.start < claim.cue.end {
        return Vec::new();
    }
    let toks = ctx.toks;
    let inside = starting_in(toks, &content);
    let (a, b) = (inside.start.max(ctx.lo), inside.end.min(ctx.hi));
    if a >= b {
        return Vec::new();
    }
    // (not right after a complementiser: "that, while …, workers will" — the aside
    // opens the clause)
    let breaks: Vec<usize> =
        (a + 1..b).filter(|&m| is_break(ctx, m) && ctx.quote_at(toks[m].start).is_none() && !ctx.complementizer(m - 1)).collect();
    let mut out = Vec::new();
    for (k, &m) in breaks.iter().enumerate() {
        let Some(kept) = ctx.trim_content(content.start..toks[m].start) else { continue };
        let seg_end = breaks.get(k + 1).copied().unwrap_or(b);
        let features = features(ctx, cues, claim, (a, m, seg_end, b), k);
        out.push(Candidate { end: kept.end, features });
    }
    out
}

/// Whether token `m` may end a content: a mark or a clause word (a dash only with
/// space before it: `well-known` is one token, `X - Y` is not).
fn is_break(ctx: &Ctx, m: usize) -> bool {
    let w = ctx.lower(m);
    let t = &ctx.toks[m];
    if CONTENT_END_MARKS.contains(&w) {
        return w != "-" || ctx.text[..t.start].ends_with(' ');
    }
    // a clause word right after a mark is read with the mark
    CONTENT_END_WORDS.contains(&w) && !ctx.tok(m - 1).is_some_and(|p| CONTENT_END_MARKS.contains(&p.lower.as_str()))
}

/// A word's shape: capitalised, lower-case, a number, or a mark.
fn shape(ctx: &Ctx, i: usize) -> &'static str {
    match ctx.tok(i) {
        None => "end",
        Some(t) if !t.word => "mark",
        Some(t) if t.lower.starts_with(|c: char| c.is_ascii_digit()) => "num",
        Some(t) if t.cap => "cap",
        Some(t) if t.lower.len() > 4 && t.lower.ends_with("ing") => "ing",
        Some(t) if t.lower.len() > 4 && t.lower.ends_with("ed") => "ed",
        Some(_) => "low",
    }
}

/// The features of cutting the content (tokens `a..b`) before token `m`, whose
/// segment runs to `seg_end`; `k` is its rank among the candidates.
fn features(ctx: &Ctx, cues: &[Cue], claim: &RawClaim, (a, m, seg_end, b): (usize, usize, usize, usize), k: usize) -> Vec<String> {
    let w = |i: usize| ctx.lower(i).to_owned();
    let pos = |i: usize| ctx.tok(i).and_then(|t| ctx.pos_of(t)).map_or("none", |p| p.as_str());
    let brk = w(m);
    let seg_verb = (m + 1..seg_end).any(|j| ctx.verbish(&ctx.toks[j]));
    let seg_cue = cues.iter().any(|c| c.first > m && c.first < seg_end.max(m + 2));
    let kept_verb = (a..m).any(|j| ctx.verbish(&ctx.toks[j]));
    let closes = brk == "(" && (m + 1..b).any(|j| ctx.lower(j) == ")");
    // an aside closes and the clause goes on: ", which was drafted in May, would cut"
    let rejoins = seg_end < b && ctx.tok(seg_end + 1).is_some_and(|t| ctx.verbish(t) || is_aux(t));
    let mut f = vec![
        format!("b:{brk}"),
        format!("p1:{}", w(m - 1)),
        format!("n1:{}", w(m + 1)),
        format!("n2:{}", w(m + 2)),
        format!("n1n2:{}|{}", w(m + 1), w(m + 2)),
        format!("n1s:{}", shape(ctx, m + 1)),
        format!("n2s:{}", shape(ctx, m + 2)),
        format!("p1p:{}", pos(m - 1)),
        format!("n1p:{}", pos(m + 1)),
        format!("n2p:{}", pos(m + 2)),
        format!("segverb:{seg_verb}"),
        format!("segcue:{seg_cue}"),
        format!("keptverb:{kept_verb}"),
        format!("kept:{}", length_class(m - a)),
        format!("rest:{}", length_class(b - m - 1)),
        format!("k:{}", k.min(3)),
        format!("rule:{}", claim.rule),
        format!("marks:{}", ctx.doc_quotes),
        format!("closes:{closes}"),
        format!("rejoins:{rejoins}"),
        format!("b|rejoins:{brk}|{rejoins}"),
        format!("n1|segverb:{}|{seg_verb}", w(m + 1)),
        format!("b|n1:{brk}|{}", w(m + 1)),
        format!("b|n1s:{brk}|{}", shape(ctx, m + 1)),
        format!("b|segverb:{brk}|{seg_verb}"),
        format!("b|segcue:{brk}|{seg_cue}"),
        format!("b|kept:{brk}|{}", length_class(m - a)),
        format!("b|rule:{brk}|{}", claim.rule),
    ];
    f.push(format!("n1s|segverb:{}|{seg_verb}", shape(ctx, m + 1)));
    f
}

#[cfg(test)]
mod tests {
    use super::super::{learned_features, raw_claims, Rule, Rules};
    use crate::doc::Doc;
    use crate::learned::{Learned, LinearModel, Provenance};

    /// For each claim of `text` (found with `content_end` off): (kept, rest,
    /// probability) of each candidate under `model`.
    fn cuts(text: &str, model: &LinearModel) -> Vec<(String, String, f32)> {
        let doc = Doc::new(text);
        let learned = Learned { content_end: model.clone(), speech: Learned::builtin().speech.clone() };
        let claims = raw_claims(&doc, Rules::all().without(Rule::ContentEnd).without(Rule::Speech), &learned);
        let mut out = Vec::new();
        for (c, (cands, _)) in claims.iter().zip(learned_features(&doc, &claims)) {
            let start = c.content.as_ref().map_or(0, |r| r.start);
            for cand in cands {
                out.push((text[start..cand.end].to_owned(), text[cand.end..].trim().to_owned(), model.probability(&cand.features)));
            }
        }
        out
    }

    fn accepting(feature: &str) -> LinearModel {
        LinearModel {
            task: "content_end".into(),
            bias: -5.0,
            threshold: 0.5,
            weights: [(feature.to_owned(), 10.0)].into_iter().collect(),
            provenance: Provenance::default(),
        }
    }

    #[test]
    fn candidates_are_breaks_after_the_cue_outside_quotations() {
        let none = accepting("nothing");
        let got: Vec<(String, String)> =
            cuts("Ruiz said the port, the airport and the rail line would reopen.", &none).into_iter().map(|(k, r, _)| (k, r)).collect();
        assert_eq!(
            got,
            [
                ("the port".to_owned(), ", the airport and the rail line would reopen.".to_owned()),
                ("the port, the airport".to_owned(), "and the rail line would reopen.".to_owned()),
            ]
        );
        // a quotation has none; nor has a content before its cue
        assert!(cuts("Ruiz said: “We will appeal, and we will win.”", &none).is_empty());
        assert!(cuts("The port will reopen, and soon, Ruiz said.", &none).is_empty());
    }

    #[test]
    fn the_first_candidate_the_model_accepts_ends_the_content() {
        let text = "Ruiz said the port would reopen, the council agreed -- and the ferries would run, as planned.";
        let doc = Doc::new(text);
        let learned = Learned { content_end: accepting("b:-"), speech: Learned::builtin().speech.clone() };
        let claims = raw_claims(&doc, Rules::all().without(Rule::Speech), &learned);
        let contents: Vec<&str> = claims.iter().filter_map(|c| c.content.clone()).map(|r| &text[r]).collect();
        assert_eq!(contents, ["the port would reopen, the council agreed"]);
    }

    #[test]
    fn the_built_in_model_weighs_an_aside_of_the_writer_above_one_inside_the_clause() {
        let model = &Learned::builtin().content_end;
        let p = |text: &str, kept: &str| {
            cuts(text, model).into_iter().find(|(k, _, _)| k == kept).map(|(_, _, p)| p).expect("a candidate there")
        };
        let appositive =
            p("The minister said the plant would reopen in March, a decision that angered farmers.", "the plant would reopen in March");
        let relative = p("The minister said the plan, which was drafted in May, would cut costs.", "the plan");
        let list = p("The minister said the port, the airport and the rail line would reopen.", "the port");
        assert!(appositive > relative + 0.2 && appositive > list + 0.2, "{appositive} {relative} {list}");
        assert!(relative < model.threshold && list < model.threshold);
    }
}

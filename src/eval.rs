//! Scoring claims against gold annotations (the corpus format of
//! `shared/corpus/*.gold.json`), with the matching rules of the reference scorer:
//! a predicted claim matches a gold claim when their contents overlap enough
//! (or, for a gold claim without content, their cues overlap).

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::claim::{name_key, source_key, Anonymity, Claim, Stance};
use crate::conll::{harmonic, ratio};
use crate::error::{Error, Result};
use crate::lexicon::COUNTING_DETERMINERS;

/// One gold claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldClaim {
    /// 1-based line of the article the claim is on, when known.
    #[serde(default)]
    pub paragraph: Option<usize>,
    /// The speaker mention.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The mention a pronoun or back-reference resolves to.
    #[serde(default)]
    pub speaker_resolved: Option<String>,
    /// The proper name of the source.
    #[serde(default)]
    pub speaker_name: Option<String>,
    /// Gold anonymity (`None` where the corpus has none, as PolNeAR).
    #[serde(default)]
    pub anonymity: Option<Anonymity>,
    /// Gold stance (`None` where the corpus has none).
    #[serde(default)]
    pub stance: Option<Stance>,
    /// The cue as written.
    #[serde(default)]
    pub cue: Option<String>,
    /// The content as written (empty for declines without a topic).
    #[serde(default)]
    pub text: Option<String>,
    /// Whether the claim must be found (optional claims neither reward nor cost).
    #[serde(default = "yes")]
    pub required: bool,
    /// Which occurrence of `text` is meant (1-based).
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// The content as `[start, end)` char offsets (corpora converted from span
    /// annotations, e.g. PolNeAR); when any span is given, spans replace the strings.
    #[serde(default)]
    pub text_span: Option<[usize; 2]>,
    /// The cue as char offsets.
    #[serde(default)]
    pub cue_span: Option<[usize; 2]>,
    /// The speaker mention as char offsets.
    #[serde(default)]
    pub speaker_span: Option<[usize; 2]>,
}

fn yes() -> bool {
    true
}

/// A gold file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldFile {
    /// The gold claims.
    pub claims: Vec<GoldClaim>,
}

impl GoldFile {
    /// Reads a `.gold.json` file.
    pub fn from_file(path: &Path) -> Result<GoldFile> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&text).map_err(|source| Error::Json { path: path.to_owned(), source })
    }
}

/// Scores of one article or of a set of articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Required gold claims.
    pub gold: usize,
    /// Predicted claims, less those matched to optional gold claims.
    pub predicted: usize,
    /// Required gold claims found.
    pub matched: usize,
    /// Matched claims whose speaker, anonymity and stance are all right.
    pub full: usize,
    /// Matched claims with the right speaker.
    pub speaker_ok: usize,
    /// Matched claims with the right anonymity.
    pub anonymity_ok: usize,
    /// Matched claims with the right stance.
    pub stance_ok: usize,
    /// Contents (or cues) of the required gold claims not found.
    pub missed: Vec<String>,
    /// Contents of the predicted claims that match nothing.
    pub spurious: Vec<String>,
    /// Articles scored.
    pub articles: usize,
    /// Distinct sources of the predicted claims, grouped as [`crate::Article::sources`]
    /// groups them (summed over articles).
    pub sources_predicted: usize,
    /// Distinct sources of the gold claims (the required ones and the optional ones
    /// a predicted claim matched), grouped by `speaker_name`, else `speaker_resolved`,
    /// else `speaker` (summed over articles).
    pub sources_gold: usize,
    /// Articles whose predicted source count is within 1 of the gold count.
    pub sources_within_one: usize,
}

impl Scores {
    /// Claim precision.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// Claim recall.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Claim F1.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
    /// Share of matched claims with the right speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_ok, self.matched)
    }
    /// Share of matched claims with the right anonymity.
    pub fn anonymity_accuracy(&self) -> f64 {
        ratio(self.anonymity_ok, self.matched)
    }
    /// Share of matched claims with the right stance.
    pub fn stance_accuracy(&self) -> f64 {
        ratio(self.stance_ok, self.matched)
    }
    /// F1 counting only claims with speaker, anonymity and stance all right.
    pub fn full_f1(&self) -> f64 {
        harmonic(ratio(self.full, self.predicted), ratio(self.full, self.gold))
    }
    /// Share of articles whose count of distinct sources is within 1 of the gold count.
    pub fn sources_within_one_share(&self) -> f64 {
        ratio(self.sources_within_one, self.articles)
    }
    /// One line on the source inventory: articles whose source count is within 1 of
    /// the gold count, and the counts summed.
    pub fn summary_sources(&self) -> String {
        format!(
            "sources_within_1={}/{} ({:.3}) sources_pred={} sources_gold={}",
            self.sources_within_one,
            self.articles,
            self.sources_within_one_share(),
            self.sources_predicted,
            self.sources_gold
        )
    }
    /// Adds another article's counts.
    pub fn add(&mut self, other: &Scores) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.full += other.full;
        self.speaker_ok += other.speaker_ok;
        self.anonymity_ok += other.anonymity_ok;
        self.stance_ok += other.stance_ok;
        self.articles += other.articles;
        self.sources_predicted += other.sources_predicted;
        self.sources_gold += other.sources_gold;
        self.sources_within_one += other.sources_within_one;
        self.missed.extend(other.missed.iter().cloned());
        self.spurious.extend(other.spurious.iter().cloned());
    }
    /// One line in the reference scorer's `--spans` format (corpora without
    /// anonymity or stance).
    pub fn summary_spans(&self, articles: usize) -> String {
        format!(
            "articles={articles} gold={} pred={} matched={} precision={:.3} recall={:.3} f1={:.3} speaker_acc={:.3}",
            self.gold,
            self.predicted,
            self.matched,
            self.precision(),
            self.recall(),
            self.f1(),
            self.speaker_accuracy()
        )
    }

    /// One line in the reference scorer's format.
    pub fn summary(&self) -> String {
        format!(
            "gold={} pred={} matched={} precision={:.3} recall={:.3} f1={:.3} speaker_acc={:.3} anonymity_acc={:.3} stance_acc={:.3} full_f1={:.3}",
            self.gold, self.predicted, self.matched, self.precision(), self.recall(), self.f1(),
            self.speaker_accuracy(), self.anonymity_accuracy(), self.stance_accuracy(), self.full_f1()
        )
    }
}

/// Char-offset view of an article (the reference scorer counts characters).
struct Chars<'a> {
    text: &'a str,
    /// byte offset of each char, plus the total length
    starts: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Chars<'a> {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Chars { text, starts }
    }
    fn len(&self) -> usize {
        self.starts.len() - 1
    }
    fn char_of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
    fn byte_of(&self, ch: usize) -> usize {
        self.starts[ch.min(self.len())]
    }
    /// Char offset of the first occurrence of `s` at or after char `from`.
    fn find(&self, s: &str, from: usize) -> Option<usize> {
        let b = self.byte_of(from);
        self.text[b..].find(s).map(|i| self.char_of(b + i))
    }
    /// The occurrence of `s` nearest to `pos` starting in `[lo, hi)`.
    fn nearest(&self, s: &str, pos: usize, lo: usize, hi: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        let mut i = self.find(s, lo);
        while let Some(x) = i {
            if x >= hi {
                break;
            }
            if best.is_none_or(|b| x.abs_diff(pos) < b.abs_diff(pos)) {
                best = Some(x);
            }
            i = self.find(s, x + 1);
        }
        best
    }
}

type CharSpan = Option<(usize, usize)>;

fn overlap(a: CharSpan, b: CharSpan) -> usize {
    match (a, b) {
        (Some(a), Some(b)) => b.1.min(a.1).saturating_sub(a.0.max(b.0)),
        _ => 0,
    }
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase().split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Whether `w` is a determiner left out when names are compared (`two officials`
/// and `officials` match).
fn is_determiner(w: &str) -> bool {
    COUNTING_DETERMINERS.contains(&w) || w == "several"
}

fn name_match(pred: &[String], gold: &[&str]) -> bool {
    pred.iter().any(|p| {
        let pw: Vec<String> = words(p).into_iter().filter(|w| !is_determiner(w)).collect();
        gold.iter().any(|g| {
            let gw: Vec<String> = words(g).into_iter().filter(|w| !is_determiner(w)).collect();
            if pw.is_empty() || gw.is_empty() {
                return false;
            }
            let ps: BTreeSet<&String> = pw.iter().collect();
            let gs: BTreeSet<&String> = gw.iter().collect();
            let common = ps.intersection(&gs).count();
            pw.last() == gw.last() || (common > 0 && common >= gs.len().min(2))
        })
    })
}

/// The source a gold claim belongs to: its folded `speaker_name`, else its
/// `speaker_resolved`, else its `speaker`, case-blind; `None` when all are empty.
fn gold_source_key(c: &GoldClaim) -> Option<String> {
    let given = |x: &Option<String>| x.as_deref().map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned);
    given(&c.speaker_name)
        .map(|n| name_key(&n))
        .or_else(|| given(&c.speaker_resolved).or_else(|| given(&c.speaker)).map(|m| m.to_lowercase()))
}

/// Scores one article's predicted claims against its gold claims, with the count of
/// distinct sources on both sides.
pub fn score_article(text: &str, gold: &[GoldClaim], predicted: &[Claim]) -> Scores {
    let ch = Chars::new(text);
    let lines: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut o = 0;
        for l in text.split('\n') {
            let n = l.chars().count();
            v.push((o, n));
            o += n + 1;
        }
        v
    };
    struct G<'a> {
        c: &'a GoldClaim,
        text: CharSpan,
        cue: CharSpan,
        speaker: CharSpan,
    }
    let gs: Vec<G> = gold
        .iter()
        .map(|c| {
            if c.text_span.is_some() || c.cue_span.is_some() || c.speaker_span.is_some() {
                let span = |s: Option<[usize; 2]>| s.map(|[a, b]| (a, b));
                return G { c, text: span(c.text_span), cue: span(c.cue_span), speaker: span(c.speaker_span) };
            }
            let (lo, hi) = match c.paragraph.and_then(|p| p.checked_sub(1)).and_then(|p| lines.get(p)) {
                Some(&(s, n)) => (s, s + n),
                None => (0, ch.len()),
            };
            let t = c.text.as_deref().unwrap_or("");
            let ts = if t.is_empty() {
                None
            } else {
                let mut i: Option<usize> = lo.checked_sub(1);
                let mut found = None;
                for _ in 0..c.occurrence.unwrap_or(1) {
                    found = ch.find(t, i.map_or(0, |x| x + 1));
                    i = found;
                }
                found.map(|s| (s, s + t.chars().count()))
            };
            let anchor = ts.map_or(lo, |x| x.0);
            let cue = c.cue.as_deref().filter(|s| !s.is_empty());
            let cs = cue.and_then(|s| ch.nearest(s, anchor, lo, hi).map(|x| (x, x + s.chars().count())));
            let reference = cs.map_or(anchor, |x| x.0);
            let sp = c.speaker.as_deref().filter(|s| !s.is_empty());
            let ss = sp.and_then(|s| ch.nearest(s, reference, lo, hi).map(|x| (x, x + s.chars().count())));
            G { c, text: ts, cue: cs, speaker: ss }
        })
        .collect();
    let span = |s: usize, e: usize| Some((ch.char_of(s), ch.char_of(e)));
    let ps: Vec<(CharSpan, CharSpan, CharSpan)> = predicted
        .iter()
        .map(|p| (p.text.as_ref().and_then(|t| span(t.start, t.end)), span(p.cue.start, p.cue.end), span(p.speaker.start, p.speaker.end)))
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gs.iter().enumerate() {
        for (pi, p) in ps.iter().enumerate() {
            if let Some(gt) = g.text {
                let ov = overlap(g.text, p.0);
                if ov == 0 {
                    continue;
                }
                let glen = gt.1 - gt.0;
                let plen = p.0.map_or(1, |x| (x.1 - x.0).max(1));
                let q = ov as f64 / glen.max(plen) as f64;
                if q >= 0.5 || (ov as f64 / glen as f64 >= 0.8 && ov as f64 / plen as f64 >= 0.4) {
                    pairs.push((q, gi, pi));
                }
            } else if g.cue.is_some() && overlap(g.cue, p.1) > 0 {
                pairs.push((0.5, gi, pi));
            }
        }
    }
    // best pairs first; ties as the reference scorer breaks them (higher indices first)
    pairs.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let mut gm: Vec<Option<usize>> = vec![None; gs.len()];
    let mut pm: Vec<Option<usize>> = vec![None; ps.len()];
    for (_, gi, pi) in pairs {
        if gm[gi].is_none() && pm[pi].is_none() {
            gm[gi] = Some(pi);
            pm[pi] = Some(gi);
        }
    }
    let mut s = Scores::default();
    for (gi, g) in gs.iter().enumerate() {
        if !g.c.required {
            continue;
        }
        s.gold += 1;
        let Some(pi) = gm[gi] else {
            let from_span = |sp: CharSpan| sp.map(|(a, b)| ch.text[ch.byte_of(a)..ch.byte_of(b)].to_owned());
            let what =
                g.c.text
                    .clone()
                    .filter(|t| !t.is_empty())
                    .or_else(|| g.c.cue.clone())
                    .or_else(|| from_span(g.text))
                    .or_else(|| from_span(g.cue));
            s.missed.push(what.unwrap_or_default());
            continue;
        };
        s.matched += 1;
        let p = &predicted[pi];
        let names: Vec<String> =
            [Some(p.speaker.text.clone()), p.speaker.name.clone(), p.speaker.resolved.as_ref().map(|r| r.text.clone())]
                .into_iter()
                .flatten()
                .filter(|x| !x.is_empty())
                .collect();
        let gold_names: Vec<&str> = [&g.c.speaker, &g.c.speaker_resolved, &g.c.speaker_name]
            .into_iter()
            .filter_map(|x| x.as_deref())
            .filter(|x| !x.is_empty())
            .collect();
        let sp_ok = overlap(g.speaker, ps[pi].2) > 0 || name_match(&names, &gold_names);
        let an_ok = Some(p.anonymity) == g.c.anonymity;
        let st_ok = Some(p.stance) == g.c.stance;
        s.speaker_ok += usize::from(sp_ok);
        s.anonymity_ok += usize::from(an_ok);
        s.stance_ok += usize::from(st_ok);
        s.full += usize::from(sp_ok && an_ok && st_ok);
    }
    let optional_matched = pm.iter().flatten().filter(|&&gi| !gs[gi].c.required).count();
    s.articles = 1;
    s.sources_predicted = predicted.iter().map(source_key).collect::<BTreeSet<_>>().len();
    s.sources_gold = gs
        .iter()
        .zip(&gm)
        .filter(|(g, m)| g.c.required || m.is_some())
        .filter_map(|(g, _)| gold_source_key(g.c))
        .collect::<BTreeSet<_>>()
        .len();
    s.sources_within_one = usize::from(s.sources_predicted.abs_diff(s.sources_gold) <= 1);
    s.predicted = predicted.len() - optional_matched;
    for (pi, p) in predicted.iter().enumerate() {
        if pm[pi].is_none() {
            s.spurious.push(p.text.as_ref().map_or(String::new(), |t| t.text.clone()));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Descriptor, QuoteKind, Speaker, SpeakerKind};
    use crate::span::Span;

    fn claim(text: &str, speaker: &str, content: &str, anonymity: Anonymity, stance: Stance) -> Claim {
        let s = text.find(speaker).unwrap();
        let c = text.find(content).unwrap();
        Claim {
            speaker: Speaker {
                start: s,
                end: s + speaker.len(),
                text: speaker.into(),
                resolved: None,
                name: None,
                kind: SpeakerKind::Person,
                descriptor: Descriptor::default(),
            },
            anonymity,
            anonymity_markers: vec![],
            stance,
            cue: Span::of(text, 0, 1).unwrap(),
            text: Span::of(text, c, c + content.len()),
            quote: QuoteKind::Unknown,
            rule: crate::Rule::ContentAfter,
        }
    }

    fn gold(speaker: &str, content: &str, anonymity: Anonymity, stance: Stance, required: bool) -> GoldClaim {
        GoldClaim {
            paragraph: None,
            speaker: Some(speaker.into()),
            speaker_resolved: None,
            speaker_name: None,
            anonymity: Some(anonymity),
            stance: Some(stance),
            cue: Some("said".into()),
            text: Some(content.into()),
            required,
            occurrence: None,
            text_span: None,
            cue_span: None,
            speaker_span: None,
        }
    }

    #[test]
    fn matches_overlapping_content_in_chars() {
        let text = "Zürich’s mayor said “prices will fall” soon. Büro said no.";
        let g = vec![gold("Zürich’s mayor", "prices will fall", Anonymity::Anonymous, Stance::Assert, true)];
        let p = vec![claim(text, "Zürich’s mayor", "prices will fall” soon", Anonymity::Anonymous, Stance::Assert)];
        let s = score_article(text, &g, &p);
        assert_eq!((s.gold, s.predicted, s.matched, s.full), (1, 1, 1, 1));
        // a wrong stance costs the full claim, not the match
        let p = vec![claim(text, "Zürich’s mayor", "prices will fall", Anonymity::Anonymous, Stance::Deny)];
        let s = score_article(text, &g, &p);
        assert_eq!((s.matched, s.full, s.stance_ok), (1, 0, 0));
    }

    #[test]
    fn optional_and_spurious() {
        let text = "A said x y z. B said p q r.";
        let g = vec![gold("A", "x y z", Anonymity::Named, Stance::Assert, false)];
        let p =
            vec![claim(text, "A", "x y z", Anonymity::Named, Stance::Assert), claim(text, "B", "p q r", Anonymity::Named, Stance::Assert)];
        let s = score_article(text, &g, &p);
        assert_eq!((s.gold, s.predicted, s.matched), (0, 1, 0));
        assert_eq!(s.spurious, ["p q r"]);
        assert_eq!(s.f1(), 0.0);
    }

    /// Gold sources group by `speaker_name`, else `speaker_resolved`, else the
    /// mention; optional gold claims count only when found; predicted sources group
    /// as `Article::sources` does.
    #[test]
    fn counts_distinct_sources_both_sides() {
        use Anonymity::*;
        let text = "Mara Lind said rents rose. Lind said wages fell. A clerk said queues grew. She said it rained. Police said roads shut.";
        let g = |speaker: &str, resolved: Option<&str>, name: Option<&str>, content: &str, required: bool| GoldClaim {
            speaker_resolved: resolved.map(str::to_owned),
            speaker_name: name.map(str::to_owned),
            ..gold(speaker, content, Named, Stance::Assert, required)
        };
        let gold = vec![
            g("Mara Lind", None, Some("Mara Lind"), "rents rose", true),
            g("Lind", None, Some("Mara  Lind"), "wages fell", true),
            g("A clerk", None, None, "queues grew", true),
            g("She", Some("a clerk"), None, "it rained", true),
            g("Police", None, None, "roads shut", false),
        ];
        // gold: Lind, the clerk (her claims through speaker_resolved); the police's
        // optional claim is not found, so not counted
        let named = |speaker: &str, name: &str, content: &str| {
            let mut c = claim(text, speaker, content, Named, Stance::Assert);
            c.speaker.name = Some(name.into());
            c
        };
        let p = vec![
            named("Mara Lind", "Mara Lind", "rents rose"),
            named("Lind", "Mara Lind", "wages fell"),
            claim(text, "A clerk", "queues grew", Anonymous, Stance::Assert),
        ];
        let s = score_article(text, &gold, &p);
        assert_eq!((s.articles, s.sources_predicted, s.sources_gold, s.sources_within_one), (1, 2, 2, 1));
        // "She" unresolved is a source of its own: 3 against 2 is still within 1
        let mut p3 = p.clone();
        p3.push(claim(text, "She", "it rained", Named, Stance::Assert));
        let s3 = score_article(text, &gold, &p3);
        assert_eq!((s3.sources_predicted, s3.sources_gold, s3.sources_within_one), (3, 2, 1));
        // the optional claim found adds the police to the gold count
        p3.push(claim(text, "Police", "roads shut", Institutional, Stance::Assert));
        let s4 = score_article(text, &gold, &p3);
        assert_eq!((s4.sources_predicted, s4.sources_gold, s4.sources_within_one), (4, 3, 1));
        // the name unfolded (no name given): each mention its own source, 4 against 2
        let unfolded = vec![
            claim(text, "Mara Lind", "rents rose", Named, Stance::Assert),
            claim(text, "Lind", "wages fell", Named, Stance::Assert),
            claim(text, "A clerk", "queues grew", Anonymous, Stance::Assert),
            claim(text, "She", "it rained", Named, Stance::Assert),
        ];
        let s5 = score_article(text, &gold, &unfolded);
        assert_eq!((s5.sources_predicted, s5.sources_gold, s5.sources_within_one), (4, 2, 0));
        let mut total = Scores::default();
        for x in [&s, &s5] {
            total.add(x);
        }
        assert_eq!((total.articles, total.sources_within_one), (2, 1));
        assert_eq!(total.sources_within_one_share(), 0.5);
        assert_eq!(total.summary_sources(), "sources_within_1=1/2 (0.500) sources_pred=6 sources_gold=4");
    }

    #[test]
    fn names_match_like_the_reference() {
        assert!(name_match(&["Qasemi".into()], &["Bahram Qasemi"]));
        assert!(name_match(&["the official".into()], &["A senior official"]));
        assert!(!name_match(&["he".into()], &["Bahram Qasemi"]));
    }
}

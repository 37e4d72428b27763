//! Rule `speech` (learned): whether a cue is speech here.
//!
//! The cue lexicon lists words that report speech, but many of them also name acts
//! (`posted photos`, `the economy added jobs`, `conceded a penalty`, `maintained
//! costs`). Which reading a sentence has turns on the frame around the cue: what
//! follows it, whether a clause does, who the subject is. A linear model learned
//! from annotated news ([`LinearModel`], `models/speech.json`) weighs the frame, and a
//! claim it finds unlikely to be speech is dropped.
//!
//! Feature templates (the keys of the model's weights): the cue's words (`cw:`,
//! `cue:`), the finding rule, stance and quote kind (`rule:`, `stance:`, `quote:`),
//! whether the text has quotation marks (`marks:`), which side of the cue the content
//! is on (`side:`), the content's length, first word and shape, whether it has a verb
//! and opens with `that` (`clen:`, `cfirst:`, `cfirsts:`, `cverb:`, `that:`), the gap
//! between cue and content (`gap:`), the speaker's kind and length (`sp:`, `splen:`),
//! and pairs of the cue's first word with the strongest of these.

use std::ops::Range;

use super::sentence::Ctx;
use super::RawClaim;
use crate::entity::EntityKind;
use crate::learned::{length_class, LinearModel};
use crate::lexicon::{is_pronoun, AUX, NEGATIONS};
use crate::text::tokens::starting_in;

/// Rule `speech`: whether `claim` is kept.
pub(super) fn keeps(ctx: &Ctx, claim: &RawClaim, model: &LinearModel) -> bool {
    model.decides(&features(ctx, claim))
}

/// The features of `claim` in its sentence.
pub(crate) fn features(ctx: &Ctx, claim: &RawClaim) -> Vec<String> {
    let toks = ctx.toks;
    let Range { start: ca, end: cb } = starting_in(ctx.toks, &claim.cue);
    let cue_words: Vec<&str> = toks[ca..cb].iter().filter(|t| t.word).map(|t| t.lower.as_str()).take(3).collect();
    // the verb of the cue, past auxiliaries and negation ("did not respond")
    let head = cue_words.iter().copied().find(|w| !AUX.contains(w) && !NEGATIONS.contains(w)).unwrap_or("");
    let mut f = vec![
        format!("cw:{head}"),
        format!("cue:{}", cue_words.join(" ")),
        format!("rule:{}", claim.rule),
        format!("stance:{:?}", claim.stance),
        format!("quote:{:?}", claim.quote),
        format!("marks:{}", ctx.doc_quotes),
    ];
    // the speaker
    let sp = &claim.speaker;
    let entity = ctx.entities.iter().find(|e| e.start < sp.end && sp.start < e.end).map(|e| e.kind);
    let sp_text = ctx.text.get(sp.clone()).unwrap_or("");
    let sp_kind = match entity {
        _ if is_pronoun(sp_text) => "pronoun",
        Some(EntityKind::Person) => "person",
        Some(EntityKind::Organization) => "org",
        Some(EntityKind::Location) => "loc",
        Some(EntityKind::Misc) => "misc",
        None if sp_text.starts_with(char::is_uppercase) => "cap",
        None => "other",
    };
    let Range { start: sa, end: sb } = starting_in(ctx.toks, sp);
    f.push(format!("sp:{sp_kind}"));
    f.push(format!("splen:{}", length_class(sb - sa)));
    f.push(format!("cw|sp:{head}|{sp_kind}"));
    // the content
    let Some(content) = claim.content.clone() else {
        f.push("side:none".to_owned());
        f.push(format!("cw|side:{head}|none"));
        return f;
    };
    let Range { start: a, end: b } = starting_in(ctx.toks, &content);
    let side = if content.start >= claim.cue.end { "after" } else { "before" };
    let gap = if side == "after" { a.saturating_sub(cb) } else { ca.saturating_sub(b) };
    let verb = (a..b).any(|j| ctx.verbish(&toks[j]));
    let first = toks.get(a).map_or("", |t| t.lower.as_str());
    let shape = match toks.get(a) {
        None => "none",
        Some(t) if !t.word => "mark",
        Some(t) if t.cap => "cap",
        Some(t) if t.lower.ends_with("ing") => "ing",
        Some(_) => "low",
    };
    let that = a > 0 && toks[a - 1].lower == "that";
    let len = length_class(b - a);
    f.extend([
        format!("side:{side}"),
        format!("gap:{}", length_class(gap)),
        format!("clen:{len}"),
        format!("cverb:{verb}"),
        format!("cfirst:{first}"),
        format!("cfirsts:{shape}"),
        format!("that:{that}"),
        format!("cw|side:{head}|{side}"),
        format!("cw|cverb:{head}|{verb}"),
        format!("cw|clen:{head}|{len}"),
        format!("cw|that:{head}|{that}"),
        format!("cw|cfirsts:{head}|{shape}"),
        format!("cw|quote:{head}|{:?}", claim.quote),
        format!("cverb|clen:{verb}|{len}"),
    ]);
    f
}

#[cfg(test)]
mod tests {
    use super::super::{learned_features, raw_claims, Rule, Rules};
    use crate::doc::Doc;
    use crate::learned::{Learned, LinearModel, Provenance};

    /// The probability that each claim of `text` (found with `speech` off) is speech.
    fn speech(text: &str, model: &LinearModel) -> Vec<f32> {
        let doc = Doc::new(text);
        let claims = raw_claims(&doc, Rules::all().without(Rule::Speech), Learned::builtin());
        learned_features(&doc, &claims).into_iter().map(|(_, f)| model.probability(&f)).collect()
    }

    #[test]
    fn a_claim_the_model_finds_no_speech_is_dropped() {
        let refusing = LinearModel {
            task: "speech".into(),
            bias: 5.0,
            threshold: 0.5,
            weights: [("cw:posted".to_owned(), -10.0)].into_iter().collect(),
            provenance: Provenance::default(),
        };
        let learned = Learned { speech: refusing, ..Learned::builtin().clone() };
        let text = "The mayor posted that the bridge would reopen. Ruiz said the ferry would run.";
        let doc = Doc::new(text);
        let kept: Vec<&str> = raw_claims(&doc, Rules::all(), &learned).into_iter().filter_map(|c| c.content).map(|r| &text[r]).collect();
        assert_eq!(kept, ["the ferry would run"]);
        let all = raw_claims(&doc, Rules::all().without(Rule::Speech), &learned);
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn the_built_in_model_weighs_the_frame_of_the_cue() {
        let m = &Learned::builtin().speech;
        let p = |text: &str| speech(text, m)[0];
        // a clause after the verb is speech; an object of trade or sport is less so
        assert!(
            p("The mayor posted that the bridge would reopen in May.") > p("The company posted a loss of $3 million in the quarter.") + 0.1
        );
        assert!(p("He claimed the prize had been rigged.") > p("He claimed the prize after a long wait.") + 0.1);
        assert!(
            p("The ministry maintained that the figures were correct.") > p("The firm maintained its costs at last year's level.") + 0.2
        );
        // below the threshold: dropped
        assert!(p("The firm maintained its costs at last year's level.") < m.threshold);
        assert!(p("Ruiz added that the talks would resume on Monday.") >= m.threshold);
    }
}

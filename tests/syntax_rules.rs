//! The rules that read phrases, on hand-made POS tags and chunks (what a syntax
//! model gives): no model needed. Each row holds a sentence, its tagging as
//! `word_POS_CHUNK` (IOB2), and the claims expected with the tags and without them
//! (the word-shape reading the rules fall back to).

use attribution::syntax::{iob_chunks, Chunk, Phrase, Pos, Syntax, Word};
use attribution::{attribute, attribute_with_syntax};

/// Syntax over `text` from `word_POS_CHUNK` items, each word found after the
/// previous one.
fn tagged(text: &str, tagging: &str) -> Syntax {
    let mut words = Vec::new();
    let mut tags = Vec::new();
    let mut at = 0;
    for item in tagging.split_whitespace() {
        let mut parts = item.rsplitn(3, '_');
        let (chunk, pos, word) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        let start = at + text[at..].find(word).unwrap_or_else(|| panic!("{word:?} not in {text:?} after {at}"));
        at = start + word.len();
        words.push(Word { start, end: at, pos: Pos::parse(pos).unwrap_or_else(|| panic!("tag {pos}")) });
        tags.push(chunk.to_owned());
    }
    let chunks = iob_chunks(&tags)
        .into_iter()
        .map(|(a, z, k)| Chunk { kind: Phrase::parse(&k).unwrap(), start: words[a].start, end: words[z - 1].end })
        .collect();
    Syntax { words, chunks }
}

/// (speaker, content) of each claim.
fn claims(text: &str, syntax: Option<&Syntax>) -> Vec<(String, String)> {
    let found = match syntax {
        Some(s) => attribute_with_syntax(text, &[], s),
        None => attribute(text, &[]),
    };
    if std::env::var("DEBUG_RULES").is_ok() {
        for c in &found {
            eprintln!("{:?} cue={:?} text={:?}", c.speaker.text, c.cue.text, c.text.as_ref().map(|t| &t.text));
        }
    }
    found.into_iter().map(|c| (c.speaker.text, c.text.map_or(String::new(), |t| t.text))).collect()
}

type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a [(&'a str, &'a str)]);

fn check(rows: &[Row]) {
    for (text, tagging, with, without) in rows {
        let syntax = tagged(text, tagging);
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(claims(text, None), pairs(without), "without syntax: {text}");
        assert_eq!(claims(text, Some(&syntax)), pairs(with), "with syntax: {text}");
    }
}

#[test]
fn a_phrase_without_a_verb_after_the_cue_is_circumstance() {
    check(&[
        (
            // a participle clause after a subordinator, longer than the word lists reach
            "The plant will close, the senator said while touring a steel plant in Ohio with union leaders.",
            "The_DT_B-NP plant_NN_I-NP will_MD_B-VP close_VB_I-VP ,_,_O the_DT_B-NP senator_NN_I-NP said_VBD_B-VP while_IN_B-SBAR touring_VBG_B-VP a_DT_B-NP steel_NN_I-NP \
             plant_NN_I-NP in_IN_B-PP Ohio_NNP_B-NP with_IN_B-PP union_NN_B-NP leaders_NNS_I-NP ._._O",
            &[("the senator", "The plant will close")],
            // (word shapes take the circumstance for what was said)
            &[("the senator", "while touring a steel plant in Ohio with union leaders")],
        ),
        (
            // prepositional phrases with a place after the comma
            "The deal is dead, Smith said at a fundraising dinner for donors in Kenansville, N.C.",
            "The_DT_B-NP deal_NN_I-NP is_VBZ_B-VP dead_JJ_B-ADJP ,_,_O Smith_NNP_B-NP said_VBD_B-VP at_IN_B-PP a_DT_B-NP \
             fundraising_NN_I-NP dinner_NN_I-NP for_IN_B-PP donors_NNS_B-NP in_IN_B-PP Kenansville_NNP_B-NP ,_,_O N.C._NNP_B-NP",
            &[("Smith", "The deal is dead")],
            &[("Smith", "at a fundraising dinner for donors in Kenansville, N.C")],
        ),
        (
            // a clause after the phrases: its subject opens the content
            "The senator said after the vote the bill would fail.",
            "The_DT_B-NP senator_NN_I-NP said_VBD_B-VP after_IN_B-PP the_DT_B-NP vote_NN_I-NP the_DT_B-NP bill_NN_I-NP \
             would_MD_B-VP fail_VB_I-VP ._._O",
            &[("The senator", "the bill would fail")],
            &[("The senator", "after the vote the bill would fail")],
        ),
    ]);
}

#[test]
fn circumstance_ends_at_a_complementiser() {
    check(&[(
        "Clinton said during a long campaign stop at a union hall in Des Moines on Monday morning that the plan would fail.",
        "Clinton_NNP_B-NP said_VBD_B-VP during_IN_B-PP a_DT_B-NP long_JJ_I-NP campaign_NN_I-NP stop_NN_I-NP at_IN_B-PP \
         a_DT_B-NP union_NN_I-NP hall_NN_I-NP in_IN_B-PP Des_NNP_B-NP Moines_NNP_I-NP on_IN_B-PP Monday_NNP_B-NP \
         morning_NN_I-NP that_IN_B-SBAR the_DT_B-NP plan_NN_I-NP would_MD_B-VP fail_VB_I-VP ._._O",
        &[("Clinton", "the plan would fail")],
        &[("Clinton", "during a long campaign stop at a union hall in Des Moines on Monday morning that the plan would fail")],
    )]);
}

#[test]
fn a_relative_that_does_not_open_the_content() {
    check(&[(
        "China warned North Korea to refrain from actions that would worsen the situation.",
        "China_NNP_B-NP warned_VBD_B-VP North_NNP_B-NP Korea_NNP_I-NP to_TO_B-VP refrain_VB_I-VP from_IN_B-PP \
         actions_NNS_B-NP that_WDT_B-NP would_MD_B-VP worsen_VB_I-VP the_DT_B-NP situation_NN_I-NP ._._O",
        &[("China", "North Korea to refrain from actions that would worsen the situation")],
        &[("China", "would worsen the situation")],
    )]);
}

#[test]
fn verbs_by_their_tags_make_a_clause() {
    // "holds" is a verb only by its tag: with it, what stands before the comma is a
    // clause, so the cue closes it
    check(&[(
        "Mrs. Clinton now holds a wide lead among black voters, Jones said, in the poll.",
        "Mrs._NNP_B-NP Clinton_NNP_I-NP now_RB_B-ADVP holds_VBZ_B-VP a_DT_B-NP wide_JJ_I-NP lead_NN_I-NP among_IN_B-PP \
         black_JJ_B-NP voters_NNS_I-NP ,_,_O Jones_NNP_B-NP said_VBD_B-VP ,_,_O in_IN_B-PP the_DT_B-NP poll_NN_I-NP ._._O",
        &[("Jones", "Mrs. Clinton now holds a wide lead among black voters")],
        &[("Jones", "Mrs. Clinton now holds a wide lead among black voters")],
    )]);
}

#[test]
fn a_subordinate_clause_is_not_the_content() {
    check(&[(
        "The embassy has not responded to questions about the fine since she was arrested.",
        "The_DT_B-NP embassy_NN_I-NP has_VBZ_B-VP not_RB_I-VP responded_VBN_I-VP to_TO_B-PP questions_NNS_B-NP \
         about_IN_B-PP the_DT_B-NP fine_NN_I-NP since_IN_B-SBAR she_PRP_B-NP was_VBD_B-VP arrested_VBN_I-VP ._._O",
        &[("The embassy", "the fine")],
        &[("The embassy", "the fine")],
    )]);
}

#[test]
fn content_after_a_cue_is_a_clause_or_a_quotation() {
    check(&[
        (
            // the clause's verb is a verb only by its tag
            "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.",
            "Lenox_NNP_B-NP was_VBD_B-VP a_DT_B-NP juggernaut_NN_I-NP ,_,_O Mr._NNP_B-NP Clarke_NNP_I-NP said_VBD_B-VP ,_,_O \
             until_IN_B-SBAR it_PRP_B-NP went_VBD_B-VP bankrupt_JJ_B-ADJP in_IN_B-PP 1999_CD_B-NP ._._O",
            &[("Mr. Clarke", "Lenox was a juggernaut"), ("Mr. Clarke", "until it went bankrupt in 1999")],
            &[("Mr. Clarke", "Lenox was a juggernaut")],
        ),
        (
            // a noun phrase on what was said is narration
            "This is the finest orchestra in the country, she said, a boast that soon drew laughter.",
            "This_DT_B-NP is_VBZ_B-VP the_DT_B-NP finest_JJS_I-NP orchestra_NN_I-NP in_IN_B-PP the_DT_B-NP country_NN_I-NP ,_,_O \
             she_PRP_B-NP said_VBD_B-VP ,_,_O a_DT_B-NP boast_NN_I-NP that_WDT_B-NP soon_RB_B-ADVP drew_VBD_B-VP laughter_NN_B-NP ._._O",
            &[("she", "This is the finest orchestra in the country")],
            &[("she", "This is the finest orchestra in the country")],
        ),
    ]);
}

#[test]
fn a_subject_is_the_noun_phrase_its_determiner_opens() {
    check(&[(
        "The billionaire businessman began by talking about the crisis, saying it had hit his state hard.",
        "The_DT_B-NP billionaire_NN_I-NP businessman_NN_I-NP began_VBD_B-VP by_IN_B-PP talking_VBG_B-VP about_IN_B-PP \
         the_DT_B-NP crisis_NN_I-NP ,_,_O saying_VBG_B-VP it_PRP_B-NP had_VBD_B-VP hit_VBN_I-VP his_PRP$_B-NP \
         state_NN_I-NP hard_RB_B-ADVP ._._O",
        &[("The billionaire businessman", "it had hit his state hard")],
        // without the tags, the title (`businessman`) a few words on ends the subject
        &[("The billionaire businessman", "it had hit his state hard")],
    )]);
}

/// A cue set off by commas inside its sentence: the part after it is content too
/// when the part before cannot stand alone (a fronted subordinate clause or
/// infinitive) or was the subject of a verb that follows the cue.
#[test]
fn a_sentence_goes_on_after_a_cue_inside_it() {
    check(&[
        (
            "Though the first handover was smooth, she said, a second one would be far harder.",
            "Though_IN_B-SBAR the_DT_B-NP first_JJ_I-NP handover_NN_I-NP was_VBD_B-VP smooth_JJ_B-ADJP ,_,_O she_PRP_B-NP said_VBD_B-VP \
             ,_,_O a_DT_B-NP second_JJ_I-NP one_NN_I-NP would_MD_B-VP be_VB_I-VP far_RB_B-ADJP harder_JJR_I-ADJP ._._O",
            &[("she", "Though the first handover was smooth"), ("she", "a second one would be far harder")],
            &[("she", "Though the first handover was smooth"), ("she", "a second one would be far harder")],
        ),
        (
            "But the levers the port holds, he added, are like weapons nobody can fire.",
            "But_CC_O the_DT_B-NP levers_NNS_I-NP the_DT_B-NP port_NN_I-NP holds_VBZ_B-VP ,_,_O he_PRP_B-NP added_VBD_B-VP ,_,_O \
             are_VBP_B-VP like_IN_B-PP weapons_NNS_B-NP nobody_NN_B-NP can_MD_B-VP fire_VB_I-VP ._._O",
            &[("he", "But the levers the port holds"), ("he", "are like weapons nobody can fire")],
            // (word shapes take "holds" for the verb of a clause before the cue)
            &[("he", "are like weapons nobody can fire")],
        ),
        (
            // a phrase on what was said is no content
            "The port will stay open, the mayor said, an assurance that drew scorn.",
            "The_DT_B-NP port_NN_I-NP will_MD_B-VP stay_VB_I-VP open_JJ_B-ADJP ,_,_O the_DT_B-NP mayor_NN_I-NP said_VBD_B-VP ,_,_O \
             an_DT_B-NP assurance_NN_I-NP that_WDT_B-NP drew_VBD_B-VP scorn_NN_B-NP ._._O",
            &[("the mayor", "The port will stay open")],
            &[("the mayor", "The port will stay open")],
        ),
    ]);
}

/// A cue word that is also a noun (`claims`, `notes`, `reports`) is no cue where the
/// model tagged it a noun, unless a clause follows it (a tagger's slip on a verb).
#[test]
fn a_cue_word_the_model_tags_a_noun() {
    check(&[
        (
            "He has been mocked for years for making dubious medical claims on-air and for placing ratings above sound, scientific research.",
            "He_PRP_B-NP has_VBZ_B-VP been_VBN_I-VP mocked_VBN_I-VP for_IN_B-PP years_NNS_B-NP for_IN_B-PP making_VBG_B-VP \
             dubious_JJ_B-NP medical_JJ_I-NP claims_NNS_I-NP on-air_JJ_B-ADVP and_CC_O for_IN_B-PP placing_VBG_B-VP \
             ratings_NNS_B-NP above_IN_B-PP sound_JJ_B-NP ,_,_I-NP scientific_JJ_I-NP research_NN_I-NP ._._O",
            &[],
            // (word shapes read a verb)
            &[("He has been mocked for years for making dubious medical", "on-air and for placing ratings above sound, scientific research")],
        ),
        (
            "Ms. Okafor notes they were hired before she arrived.",
            "Ms._NNP_B-NP Okafor_NNP_I-NP notes_NNS_I-NP they_PRP_B-NP were_VBD_B-VP hired_VBN_I-VP before_IN_B-SBAR she_PRP_B-NP \
             arrived_VBD_B-VP ._._O",
            &[("Ms. Okafor", "they were hired before she arrived")],
            &[("Ms. Okafor", "they were hired before she arrived")],
        ),
        (
            // a subject pronoun before it
            "She notes the agency had no choice.",
            "She_PRP_B-NP notes_NNS_B-NP the_DT_B-NP agency_NN_I-NP had_VBD_B-VP no_DT_B-NP choice_NN_I-NP ._._O",
            &[("She", "the agency had no choice")],
            &[("She", "the agency had no choice")],
        ),
    ]);
}

#[test]
fn what_a_cue_of_writing_takes_may_be_no_content() {
    check(&[
        (
            // the work written is the act's object
            "The author wrote a children's book about the war.",
            "The_DT_B-NP author_NN_I-NP wrote_VBD_B-VP a_DT_B-NP children_NNS_I-NP 's_POS_B-NP book_NN_I-NP about_IN_B-PP the_DT_B-NP \
             war_NN_I-NP ._._O",
            &[],
            &[("The author", "a children's book about the war")],
        ),
        (
            // the reader is circumstance
            "The investor wrote to clients on Monday.",
            "The_DT_B-NP investor_NN_I-NP wrote_VBD_B-VP to_TO_B-PP clients_NNS_B-NP on_IN_B-PP Monday_NNP_B-NP ._._O",
            &[],
            &[("The investor", "to clients on Monday")],
        ),
        (
            // what was written keeps its claim
            "The investor wrote that the stock was cheap.",
            "The_DT_B-NP investor_NN_I-NP wrote_VBD_B-VP that_IN_B-SBAR the_DT_B-NP stock_NN_I-NP was_VBD_B-VP cheap_JJ_B-ADJP ._._O",
            &[("The investor", "the stock was cheap")],
            &[("The investor", "the stock was cheap")],
        ),
    ]);
}

#[test]
fn a_noun_phrase_content_by_its_chunk_ends_before_the_cues_tail() {
    check(&[(
        "Ruiz denied the charges through a spokeswoman on Friday.",
        "Ruiz_NNP_B-NP denied_VBD_B-VP the_DT_B-NP charges_NNS_I-NP through_IN_B-PP a_DT_B-NP spokeswoman_NN_I-NP on_IN_B-PP \
         Friday_NNP_B-NP ._._O",
        &[("Ruiz", "the charges")],
        &[("Ruiz", "the charges")],
    )]);
}

#[test]
fn an_apposition_with_a_participle_is_part_of_the_speaker() {
    check(&[(
        "Rosa Vidal, 58, a nurse raised in Lima, said the clinic was short of staff.",
        "Rosa_NNP_B-NP Vidal_NNP_I-NP ,_,_O 58_CD_B-NP ,_,_O a_DT_B-NP nurse_NN_I-NP raised_VBN_B-VP in_IN_B-PP Lima_NNP_B-NP ,_,_O \
         said_VBD_B-VP the_DT_B-NP clinic_NN_I-NP was_VBD_B-VP short_JJ_B-ADJP of_IN_B-PP staff_NN_B-NP ._._O",
        &[("Rosa Vidal, 58, a nurse raised in Lima", "the clinic was short of staff")],
        // (word shapes read "raised" as a clause's verb)
        &[],
    )]);
}

/// A fronted `As X noted …,` closes at its comma after a phrase of manner, which the
/// chunks show (a prepositional phrase with no verb); the clause after the comma is
/// X's. Without the chunks the phrase is read as what was noted.
#[test]
fn a_fronted_as_clause_closes_after_a_phrase_of_manner() {
    check(&[(
        "As one reader noted with a chart, the gap between the two plans is vast.",
        "As_IN_B-SBAR one_CD_B-NP reader_NN_I-NP noted_VBD_B-VP with_IN_B-PP a_DT_B-NP chart_NN_I-NP ,_,_O the_DT_B-NP gap_NN_I-NP \
         between_IN_B-PP the_DT_B-NP two_CD_I-NP plans_NNS_I-NP is_VBZ_B-VP vast_JJ_B-ADJP ._._O",
        &[("one reader", "the gap between the two plans is vast")],
        &[("one reader", "with a chart")],
    )]);
}

/// What follows a cue may be only when, how or where it was said: a phrase of
/// manner or place with no verb, a clause of time whose verb is its last, a verb
/// joined to the cue. With the tags that is no claim; a phrase of a topic (`argued
/// for`) and a clause of time before the reported one stay claims.
#[test]
fn circumstance_alone_after_a_cue_is_no_claim() {
    check(&[
        (
            "The mayor responded with a shrug and a smile.",
            "The_DT_B-NP mayor_NN_I-NP responded_VBD_B-VP with_IN_B-PP a_DT_B-NP shrug_NN_I-NP and_CC_I-NP a_DT_I-NP smile_NN_I-NP ._._O",
            &[],
            &[("The mayor", "with a shrug and a smile")],
        ),
        (
            "The senator quipped when the lights failed.",
            "The_DT_B-NP senator_NN_I-NP quipped_VBD_B-VP when_WRB_B-ADVP the_DT_B-NP lights_NNS_I-NP failed_VBD_B-VP ._._O",
            &[],
            &[("The senator", "when the lights failed")],
        ),
        (
            "The mayor said and did the same things.",
            "The_DT_B-NP mayor_NN_I-NP said_VBD_B-VP and_CC_O did_VBD_B-VP the_DT_B-NP same_JJ_I-NP things_NNS_I-NP ._._O",
            &[],
            &[("The mayor", "and did the same things")],
        ),
        (
            "The senator noted when the race began she led by ten points.",
            "The_DT_B-NP senator_NN_I-NP noted_VBD_B-VP when_WRB_B-ADVP the_DT_B-NP race_NN_I-NP began_VBD_B-VP she_PRP_B-NP \
             led_VBD_B-VP by_IN_B-PP ten_CD_B-NP points_NNS_I-NP ._._O",
            &[("The senator", "when the race began she led by ten points")],
            &[("The senator", "when the race began she led by ten points")],
        ),
        (
            "The governor argued for the new levy.",
            "The_DT_B-NP governor_NN_I-NP argued_VBD_B-VP for_IN_B-PP the_DT_B-NP new_JJ_I-NP levy_NN_I-NP ._._O",
            &[("The governor", "for the new levy")],
            &[("The governor", "for the new levy")],
        ),
    ]);
}

/// A `that` the model tagged as a determiner opens a noun phrase, not a clause: it
/// stays in the content (`rejected that argument`); without the tags every
/// lower-case `that` after the cue is read as the complementiser.
#[test]
fn a_demonstrative_that_stays_in_the_content() {
    check(&[(
        "The judge rejected that argument on Thursday.",
        "The_DT_B-NP judge_NN_I-NP rejected_VBD_B-VP that_DT_B-NP argument_NN_I-NP on_IN_B-PP Thursday_NNP_B-NP ._._O",
        &[("The judge", "that argument")],
        &[("The judge", "argument on Thursday")],
    )]);
}

/// What is no circumstance after a cue: a clause of time with a modal is a question
/// answered (`announced when the summit would take place`), a second verb of saying
/// has its clause (`said and repeated that …`); and a trailing subordinate clause
/// with a cue runs on past a relative clause or an aside inside its content.
#[test]
fn questions_second_verbs_and_asides_stay_in_the_content() {
    check(&[
        (
            "The palace announced when the summit would take place.",
            "The_DT_B-NP palace_NN_I-NP announced_VBD_B-VP when_WRB_B-ADVP the_DT_B-NP summit_NN_I-NP would_MD_B-VP take_VB_I-VP \
             place_NN_B-NP ._._O",
            &[("The palace", "when the summit would take place")],
            &[("The palace", "when the summit would take place")],
        ),
        (
            "The mayor said and repeated on Tuesday that the plan was dead.",
            "The_DT_B-NP mayor_NN_I-NP said_VBD_B-VP and_CC_O repeated_VBD_B-VP on_IN_B-PP Tuesday_NNP_B-NP that_IN_B-SBAR the_DT_B-NP \
             plan_NN_I-NP was_VBD_B-VP dead_JJ_B-ADJP ._._O",
            &[("The mayor", "and repeated on Tuesday that the plan was dead")],
            &[("The mayor", "and repeated on Tuesday that the plan was dead")],
        ),
        (
            "Stocks rose because the bank said inflation, which had run hot for months, was easing.",
            "Stocks_NNS_B-NP rose_VBD_B-VP because_IN_B-SBAR the_DT_B-NP bank_NN_I-NP said_VBD_B-VP inflation_NN_B-NP ,_,_O which_WDT_B-NP \
             had_VBD_B-VP run_VBN_I-VP hot_JJ_B-ADJP for_IN_B-PP months_NNS_B-NP ,_,_O was_VBD_B-VP easing_VBG_I-VP ._._O",
            &[("the bank", "inflation, which had run hot for months, was easing")],
            &[("the bank", "inflation, which had run hot for months, was easing")],
        ),
    ]);
}

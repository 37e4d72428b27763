//! The rule table: every claim names the rule that found it, and switching a rule
//! off removes exactly that rule's claims. Pure heuristics, no model; sentences of
//! our own.

use attribution::{attribute, attribute_with_rules, Claim, Entity, EntityKind, Error, Rule, Rules};

/// One sentence (or two) per rule, each read by that rule alone.
const ARTICLE: &str = "\
“We will rebuild the bridge by spring,” Mayor Elena Voss said on Tuesday.
The budget is tight, Tomas Berg said, but the school will stay open.
According to the harbour authority, ferry traffic fell by a third last year.
The toll increase was rejected by the regional council.
The transport ministry declined to comment.
The drivers union staged a walkout, saying wages had not kept pace with rents.
Councillor Ana Ruiz said the vote would be held in May.
The Daily Courier, citing two officials, reported that the port would close.
“The plan is sound,” Voss said. “It will save money.”
As the harbour master put it, the channel is too shallow for the new ferries.
Engineers doubted Voss’s claim that the tunnel was safe.
";

/// The entities a NER model would give (persons and organisations).
fn entities(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    for (kind, name) in [
        (EntityKind::Person, "Elena Voss"),
        (EntityKind::Person, "Tomas Berg"),
        (EntityKind::Person, "Ana Ruiz"),
        (EntityKind::Organization, "Daily Courier"),
    ] {
        for (at, _) in text.match_indices(name) {
            out.push(Entity::new(kind, text, at, at + name.len()).expect("a span of the text"));
        }
    }
    out.push(Entity::new(EntityKind::Person, text, text.rfind("Voss").unwrap(), text.rfind("Voss").unwrap() + 4).unwrap());
    out
}

/// (rule, content) of each claim, in order.
fn found(claims: &[Claim]) -> Vec<(Rule, String)> {
    claims.iter().map(|c| (c.rule, c.text.as_ref().map_or(String::new(), |t| t.text.clone()))).collect()
}

/// (rule, cue start, content) of each claim, in order.
fn found_at(claims: &[Claim]) -> Vec<(Rule, usize, String)> {
    claims.iter().map(|c| (c.rule, c.cue.start, c.text.as_ref().map_or(String::new(), |t| t.text.clone()))).collect()
}

#[test]
fn every_claim_names_its_rule() {
    let claims = attribute(ARTICLE, &entities(ARTICLE));
    let want: Vec<(Rule, &str)> = vec![
        (Rule::ContentBefore, "We will rebuild the bridge by spring"),
        (Rule::ContentBefore, "The budget is tight"),
        (Rule::SplitQuote, "the school will stay open"),
        (Rule::AccordingTo, "ferry traffic fell by a third last year"),
        (Rule::Passive, "The toll increase"),
        (Rule::Decline, ""),
        (Rule::Participle, "wages had not kept pace with rents"),
        (Rule::ContentAfter, "the vote would be held in May"),
        (Rule::Citing, "the port would close"),
        (Rule::ContentAfter, "the port would close"),
        (Rule::ContentBefore, "The plan is sound"),
        (Rule::ContinuedQuote, "It will save money"),
        (Rule::AsPutIt, "the channel is too shallow for the new ferries"),
        (Rule::Nominal, "the tunnel was safe"),
    ];
    let mut got = found(&claims);
    let mut want: Vec<(Rule, String)> = want.into_iter().map(|(r, t)| (r, t.to_owned())).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // every rule of the table that finds claims has one here, so the test below
    // covers them all (`content_end` ends contents: tests/content_end.rs)
    for rule in Rule::ALL.into_iter().filter(|r| r.finds_claims()) {
        assert!(claims.iter().any(|c| c.rule == rule), "no claim of {rule}");
    }
}

/// The rules whose claims here come from a rule's claims (the second half of a
/// split quotation, a quotation after the cue, the source a report cites): they go
/// when it goes.
fn continuing(rule: Rule) -> &'static [Rule] {
    match rule {
        Rule::ContentBefore => &[Rule::SplitQuote, Rule::ContinuedQuote],
        Rule::ContentAfter => &[Rule::Citing],
        _ => &[],
    }
}

#[test]
fn switching_a_rule_off_removes_exactly_its_claims() {
    let ents = entities(ARTICLE);
    let syntax = Default::default();
    let all = found_at(&attribute_with_rules(ARTICLE, &ents, &syntax, Rules::all()));
    let order = |r: Rule| Rule::ALL.iter().position(|&x| x == r).unwrap();
    for rule in Rule::ALL.into_iter().filter(|r| r.finds_claims()) {
        let without = found_at(&attribute_with_rules(ARTICLE, &ents, &syntax, Rules::all().without(rule)));
        let gone = |r: Rule| r == rule || continuing(rule).contains(&r);
        // every other claim stays
        let kept: Vec<_> = all.iter().filter(|(r, _, _)| !gone(*r)).cloned().collect();
        let stayed: Vec<_> = without.iter().filter(|c| all.contains(c)).cloned().collect();
        assert_eq!(stayed, kept, "with {rule} off");
        let read_again = matches!(rule, Rule::ContentBefore | Rule::AsPutIt);
        assert!(without.len() < all.len() || read_again, "{rule} found nothing");
        // what is new is a cue the rule had, read by a later row of the table (the
        // sieve): here only `Tomas Berg said, but ...`, which `content_after` reads
        // once `content_before` is off, and `As the harbour master put it, Y`, whose
        // Y `content_after` reads once `as_put_it` is off (its rule is new)
        let new: Vec<_> = without.iter().filter(|c| !all.contains(c)).collect();
        for (r, at, _) in &new {
            assert!(order(*r) > order(rule) && all.iter().any(|(q, a, _)| gone(*q) && a == at), "with {rule} off: {new:?}");
        }
        let expected_new = match rule {
            Rule::ContentBefore => vec!["but the school will stay open"],
            Rule::AsPutIt => vec!["the channel is too shallow for the new ferries"],
            _ => vec![],
        };
        assert_eq!(new.iter().map(|(_, _, t)| t.as_str()).collect::<Vec<_>>(), expected_new, "with {rule} off");
    }
    // with every rule off there is nothing; one rule on finds only its own claims
    let none = Rule::ALL.into_iter().fold(Rules::all(), Rules::without);
    assert!(attribute_with_rules(ARTICLE, &ents, &syntax, none).is_empty());
    let only = none.with(Rule::Passive);
    let passive = found(&attribute_with_rules(ARTICLE, &ents, &syntax, only));
    assert_eq!(passive, [(Rule::Passive, "The toll increase".to_owned())]);
}

#[test]
fn rules_by_name() {
    for rule in Rule::ALL {
        assert_eq!(rule.name().parse::<Rule>().unwrap(), rule);
        assert_eq!(rule.to_string(), rule.name());
        // serialized as its name
        assert_eq!(serde_json::to_value(rule).unwrap(), serde_json::Value::String(rule.name().to_owned()));
    }
    assert_eq!("according-to".parse::<Rule>().unwrap(), Rule::AccordingTo);
    let e = "quoted".parse::<Rule>().unwrap_err();
    assert!(matches!(&e, Error::UnknownRule { name, known } if name == "quoted" && known.contains("content_before")), "{e:?}");
    assert_eq!(Rules::all().iter().collect::<Vec<_>>(), Rule::ALL);
    assert!(!Rules::all().without(Rule::Citing).contains(Rule::Citing));
    assert_eq!(Rules::default(), Rules::all());
}

#[test]
fn a_claim_serializes_its_rule() {
    let claims = attribute(ARTICLE, &entities(ARTICLE));
    let json = serde_json::to_value(&claims[0]).unwrap();
    assert_eq!(json["rule"], claims[0].rule.name());
}

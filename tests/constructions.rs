//! Constructions of reporting, one row each, in sentences of our own: the cue the
//! rules read and the content they give. Pure heuristics, no model.

use attribution::{attribute, Stance};

/// (sentence, cue, stance, content; `None` where the claim has no content).
type Row = (&'static str, &'static str, Stance, Option<&'static str>);

fn check(table: &[Row]) {
    for &(text, cue, stance, content) in table {
        let claims = attribute(text, &[]);
        let found = claims.iter().find(|c| c.cue.text == cue);
        let Some(c) = found else {
            panic!("{text:?}: no claim with cue {cue:?}; got {:?}", claims.iter().map(|c| &c.cue.text).collect::<Vec<_>>())
        };
        assert_eq!(c.stance, stance, "{text:?}");
        assert_eq!(c.text.as_ref().map(|t| t.text.as_str()), content, "{text:?}");
    }
}

/// Words that are no cue where they stand: no claim at all.
fn none(texts: &[&str]) {
    for text in texts {
        let claims = attribute(text, &[]);
        assert!(claims.is_empty(), "{text:?}: {:?}", claims.iter().map(|c| (&c.cue.text, &c.text)).collect::<Vec<_>>());
    }
}

#[test]
fn a_decline_keeps_its_topic() {
    check(&[
        (
            "The port authority declined to comment on the dredging contract.",
            "declined to comment",
            Stance::Decline,
            Some("the dredging contract"),
        ),
        ("The regulator declined to comment about the merger.", "declined to comment", Stance::Decline, Some("the merger")),
        // a time is circumstance, not a topic
        ("The regulator declined to comment on Friday.", "declined to comment on Friday", Stance::Decline, None),
        ("The mayor's office has yet to respond.", "has yet to respond", Stance::Decline, None),
        ("The coach could not explain why the team had lost.", "could not explain", Stance::Decline, Some("why the team had lost")),
    ]);
}

#[test]
fn verbs_of_speech_next_to_what_was_said() {
    check(&[
        ("The minister clarified that the tax would apply from June.", "clarified", Stance::Assert, Some("the tax would apply from June")),
        ("Prosecutors charged that the broker had hidden the losses.", "charged", Stance::Assert, Some("the broker had hidden the losses")),
        ("The engineers reasoned that the cracks were old.", "reasoned", Stance::Assert, Some("the cracks were old")),
        ("Conservation groups acknowledge that the herd has grown.", "acknowledge", Stance::Confirm, Some("the herd has grown")),
        ("Residents wondered aloud whether the dam would hold.", "wondered aloud", Stance::Hedge, Some("whether the dam would hold")),
        ("The farmers assert that the river is drying up.", "assert", Stance::Assert, Some("the river is drying up")),
    ]);
    // the same words as nouns, or not next to a clause, are no cue
    none(&[
        "The prosecutors dropped the charges in May.",
        "He clarified his position on the budget.",
        "Editor's note: the story was updated.",
    ]);
}

#[test]
fn a_reporting_verb_after_going_on_or_trying() {
    check(&[
        ("The coach went on to say that the season was over.", "went on to say", Stance::Assert, Some("the season was over")),
        (
            "The governor continues to insist that the budget is balanced.",
            "continues to insist",
            Stance::Assert,
            Some("the budget is balanced"),
        ),
        ("Her lawyers tried to argue that the contract was void.", "tried to argue", Stance::Assert, Some("the contract was void")),
        ("Rival bidders were quick to note that the price was low.", "were quick to note", Stance::Assert, Some("the price was low")),
    ]);
    none(&["Prices went on to rise for a year.", "The committee tried to meet in May."]);
}

/// `the mayor` stands for the person named with that title before it.
#[test]
fn a_definite_title_stands_for_the_person_so_titled() {
    use attribution::{Anonymity, Entity, EntityKind};
    let rows: &[(&str, &str, Option<&str>)] = &[
        ("Mayor Ana Ruiz opened the bridge on Monday. The mayor said traffic would ease.", "Ana Ruiz", Some("Ana Ruiz")),
        ("Tom Berg, the senator from Ohio, voted against the bill. The senator said he regretted it.", "Tom Berg", Some("Tom Berg")),
        ("Sen. Ann Lee met the farmers. The senator said the subsidy would stay.", "Ann Lee", Some("Ann Lee")),
        // a person with another title is no antecedent; the mayor is still one
        // identified person (named, as an unresolved `he`), not an anonymous source
        ("Governor Ann Lee met the farmers. The mayor said the subsidy would stay.", "Ann Lee", None),
    ];
    for &(text, name, want) in rows {
        let at = text.find(name).unwrap();
        let ents = vec![Entity::new(EntityKind::Person, text, at, at + name.len()).unwrap()];
        let claims = attribute(text, &ents);
        let c = claims.iter().find(|c| c.speaker.text.to_lowercase().starts_with("the ")).unwrap_or_else(|| panic!("{text:?}: {claims:?}"));
        assert_eq!(c.speaker.resolved.as_ref().map(|r| r.text.as_str()), want, "{text:?}");
        assert_eq!(c.anonymity, Anonymity::Named, "{text:?}");
    }
}

/// Outside quotations, the reported clause ends where a clause of the writer's begins.
#[test]
fn the_content_ends_with_the_reported_clause() {
    check(&[
        (
            "Envoys insisted the talks would go on, as both camps raced toward a summit.",
            "insisted",
            Stance::Assert,
            Some("the talks would go on"),
        ),
        (
            "The union said the strike would end on Monday, though the ferries were still idle.",
            "said",
            Stance::Assert,
            Some("the strike would end on Monday"),
        ),
        // also after a comma closed inside a quotation, where a clause of its own may
        // report again
        (
            "The mayor said the budget was “tight but fair,” though she noted that the reserve had shrunk.",
            "said",
            Stance::Assert,
            Some("the budget was “tight but fair"),
        ),
        (
            "The mayor said the budget was “tight but fair,” though she noted that the reserve had shrunk.",
            "noted",
            Stance::Assert,
            Some("the reserve had shrunk"),
        ),
        // a cue in a subordinate clause before the main one, the subordinator right
        // before its speaker
        ("Back when he argued the case, Tom Berg said he regretted nothing.", "argued", Stance::Assert, Some("the case")),
        ("Back when he argued the case, Tom Berg said he regretted nothing.", "said", Stance::Assert, Some("he regretted nothing")),
        (
            "The talks resumed, and once the envoy had said his piece, the delegates walked out.",
            "had said",
            Stance::Assert,
            Some("his piece"),
        ),
        // an aside right after `that` opens the clause
        (
            "Economists argue that, while the levy may lower premiums, workers will pay more.",
            "argue",
            Stance::Assert,
            Some("while the levy may lower premiums, workers will pay more"),
        ),
        (
            "The Courier reported that, according to her diary, she met the donors twice.",
            "reported",
            Stance::Assert,
            Some("according to her diary, she met the donors twice"),
        ),
        // an aside that has no subject of its own is part of the clause
        (
            "The clerk said the ledger, while marked as secret, was mostly a list of invoices.",
            "said",
            Stance::Assert,
            Some("the ledger, while marked as secret, was mostly a list of invoices"),
        ),
        // a cue in a fronted subordinate clause: its content ends with the clause
        (
            "When the mayor said the bridge was safe, engineers were already closing it.",
            "said",
            Stance::Assert,
            Some("the bridge was safe"),
        ),
        // inside a quotation, the clause is the speaker's
        (
            "She said “the talks will go on, as they always have.”",
            "said",
            Stance::Assert,
            Some("the talks will go on, as they always have"),
        ),
    ]);
}

/// The capital of a sentence's first word is no name when the text writes the word
/// in lower case too, nor ever on a determiner.
#[test]
fn a_sentence_capital_is_no_name() {
    use attribution::Anonymity;
    let rows: &[(&str, Anonymity, Option<&str>)] = &[
        ("One blogger admitted the post was false. Only one reader had noticed.", Anonymity::Anonymous, None),
        ("Another analyst said the bank would cut rates. The bank gave another warning.", Anonymity::Anonymous, None),
        // the writer's "I" is no name: counted apart, like an unresolved "he"
        ("I said the bank would cut rates.", Anonymity::Anonymous, None),
        // a determiner is never a name, in lower case in the text or not
        ("Another 19 percent said they would not vote at all.", Anonymity::Anonymous, None),
        ("Several said the bank would cut rates.", Anonymity::Anonymous, None),
        // a word the text never writes in lower case keeps its capital's weight
        ("Westbank said the bank would cut rates.", Anonymity::Institutional, Some("Westbank")),
    ];
    for &(text, anonymity, name) in rows {
        let claims = attribute(text, &[]);
        assert_eq!(claims.len(), 1, "{text:?}: {claims:?}");
        assert_eq!((claims[0].anonymity, claims[0].speaker.name.as_deref()), (anonymity, name), "{text:?}");
    }
}

/// Aides, lawyers or advisers of a named person are not that person: anonymous.
#[test]
fn a_persons_aides_are_anonymous() {
    use attribution::{Anonymity, Entity, EntityKind};
    let text = "Ruiz aides said the senator would skip the vote.";
    let ents = vec![Entity::new(EntityKind::Person, text, 0, 4).unwrap()];
    let claims = attribute(text, &ents);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].anonymity, Anonymity::Anonymous);
    assert_eq!(claims[0].speaker.text, "Ruiz aides");
    // the person alone is named
    let text = "Ruiz said the senator would skip the vote.";
    let ents = vec![Entity::new(EntityKind::Person, text, 0, 4).unwrap()];
    assert_eq!(attribute(text, &ents)[0].anonymity, Anonymity::Named);
}

/// A back-reference stands for the earlier source whose words it repeats, not only
/// the latest of its role.
#[test]
fn a_back_reference_repeats_its_antecedents_words() {
    let text = "A senior ministry official said the royalty would rise. \
                A former mining official said the rise was too steep. \
                The senior ministry official said the decision was final.";
    let claims = attribute(text, &[]);
    let last = claims.last().expect("three claims");
    assert_eq!(last.speaker.text, "The senior ministry official");
    assert_eq!(last.speaker.resolved.as_ref().map(|r| r.text.as_str()), Some("A senior ministry official"));
    // with nothing repeated beyond the role, the latest of the role
    let text = "A senior ministry official said the royalty would rise. \
                A former mining official said the rise was too steep. \
                The official said the decision was final.";
    let claims = attribute(text, &[]);
    assert_eq!(claims.last().unwrap().speaker.resolved.as_ref().map(|r| r.text.as_str()), Some("A former mining official"));
    // a role of its own is a new source; a generic one may stand for any earlier source
    let resolved = |text: &str| attribute(text, &[]).last().unwrap().speaker.resolved.as_ref().map(|r| r.text.clone());
    assert_eq!(resolved("A senior diplomat said the talks had stalled. The trader said prices would fall."), None);
    assert_eq!(
        resolved("A senior diplomat said the talks had stalled. The source said a deal was still possible."),
        Some("A senior diplomat".to_owned())
    );
}

/// `he` or `she` with no antecedent in reach is a person the text names elsewhere,
/// not an anonymous source.
#[test]
fn an_unresolved_he_is_no_anonymous_source() {
    use attribution::Anonymity;
    let claims = attribute("He said the plant would reopen in March.", &[]);
    assert_eq!(claims.len(), 1);
    assert_eq!(
        (claims[0].anonymity, claims[0].speaker.resolved.as_ref(), claims[0].speaker.name.as_deref()),
        (Anonymity::Named, None, None)
    );
}

/// A clause of its own after `, but` / `, and` / `;`, with a pronoun for its subject,
/// is a claim of its own, not part of the first claim's content.
#[test]
fn two_claims_in_one_sentence_stay_two() {
    check(&[
        (
            "The mayor said the tunnel was safe, but she denied that the inspection had been rushed.",
            "said",
            Stance::Assert,
            Some("the tunnel was safe"),
        ),
        (
            "The mayor said the tunnel was safe, but she denied that the inspection had been rushed.",
            "denied",
            Stance::Deny,
            Some("the inspection had been rushed"),
        ),
        ("Officials said the road would reopen; they added that tolls would rise.", "added", Stance::Assert, Some("tolls would rise")),
        // a participle after a comma closed inside a quotation continues the subject
        (
            "The coach said the squad was “in great shape,” adding that two players were injured.",
            "said",
            Stance::Assert,
            Some("the squad was “in great shape"),
        ),
        (
            "The coach said the squad was “in great shape,” adding that two players were injured.",
            "adding",
            Stance::Assert,
            Some("two players were injured"),
        ),
        // a subject of common nouns, not only a name or a pronoun
        (
            "The minister emphasized that the reform was fair, and human rights groups warned that it would fail.",
            "emphasized",
            Stance::Assert,
            Some("the reform was fair"),
        ),
        (
            "The minister emphasized that the reform was fair, and human rights groups warned that it would fail.",
            "warned",
            Stance::Assert,
            Some("it would fail"),
        ),
    ]);
}

/// A cue set off by commas right after a relative pronoun or a joiner interrupts
/// that clause: what follows is the claim, the pronoun alone is none.
#[test]
fn a_cue_inside_a_relative_clause_gives_what_follows_it() {
    for (text, want) in [
        ("The ferry docks near the old mill, which, the harbour master said, is due to be demolished.", "is due to be demolished"),
        ("She hired Tom Berg, who ran the depot and, she said, has never missed a day.", "has never missed a day"),
    ] {
        let claims = attribute(text, &[]);
        let said: Vec<&str> =
            claims.iter().filter(|c| c.cue.text == "said").filter_map(|c| c.text.as_ref().map(|t| t.text.as_str())).collect();
        assert_eq!(said, [want], "{text:?}");
    }
}

/// `as X put it` gives its host clause to X; `put it` elsewhere is no speech.
#[test]
fn as_someone_put_it() {
    check(&[
        ("As one trader put it, the rally has run out of buyers.", "put it", Stance::Assert, Some("the rally has run out of buyers")),
        ("The rally has run out of buyers, as one trader put it.", "put it", Stance::Assert, Some("The rally has run out of buyers")),
        // a fronted `as` clause with its time and place before the comma
        ("As the harbour master said last week, the channel is too shallow.", "said", Stance::Assert, Some("the channel is too shallow")),
        (
            "As the Gazette reported on Monday, the mill will close in March.",
            "reported",
            Stance::Assert,
            Some("the mill will close in March"),
        ),
        ("As the coach told reporters in Leeds, the squad is tired.", "told", Stance::Assert, Some("the squad is tired")),
        // a speaker with an apposition
        (
            "As many engineers, including Ana Ruiz, have pointed out, the bridge is too narrow.",
            "have pointed out",
            Stance::Assert,
            Some("the bridge is too narrow"),
        ),
        // between a subject and its predicate the clause goes on after the cue
        ("The port, as one pilot noted, has never closed in winter.", "noted", Stance::Assert, Some("has never closed in winter")),
        // a cue with a content of its own is no parenthetical
        (
            "The talks stalled, as Ruiz said she had warned the board they would.",
            "said",
            Stance::Assert,
            Some("she had warned the board they would"),
        ),
    ]);
    // the apposition's closing comma is no part of the speaker
    let claims = attribute("As many engineers, including Ana Ruiz, have pointed out, the bridge is too narrow.", &[]);
    assert_eq!(claims[0].speaker.text, "many engineers, including Ana Ruiz");
    // a relative clause after the parenthetical is the writer's
    let claims = attribute("Turnout was low, as officials had predicted, which hurt the incumbents.", &[]);
    let found: Vec<(&str, Option<&str>)> =
        claims.iter().map(|c| (c.speaker.text.as_str(), c.text.as_ref().map(|t| t.text.as_str()))).collect();
    assert_eq!(found, [("officials", Some("Turnout was low"))]);
    // a cue inside a clause a joiner opens keeps both halves
    let claims = attribute("Prices will rise because, the trader said, supply is short.", &[]);
    assert!(claims.iter().any(|c| c.text.as_ref().is_some_and(|t| t.text == "supply is short")), "{claims:?}");
    assert!(claims.iter().any(|c| c.text.as_ref().is_some_and(|t| t.text.starts_with("Prices will rise"))), "{claims:?}");
    // an `as` of time or cause takes an object: the clause after it is no one's claim
    let claims = attribute("As the mayor announced the new budget on Monday, the bond market fell.", &[]);
    assert!(claims.iter().all(|c| c.text.as_ref().is_none_or(|t| !t.text.contains("market"))), "{claims:?}");
    let claims = attribute("As one trader put it, the rally has run out of buyers.", &[]);
    assert_eq!(claims[0].speaker.text, "one trader");
    none(&["She put it on the table before the vote.", "The board put it to a vote in May."]);
}

/// A head ending in a person's title with no name in it (`the Boston
/// businesswoman`) is one person, not the body its capitalised words name; a
/// definite one (`the`, a possessive) is an identified individual (named, as an
/// unresolved `he`), an indefinite one is only described (anonymous). A role noun
/// after a body's name (`Globe journalists`) is people, not the body.
#[test]
fn a_title_after_a_place_or_body_is_a_person() {
    use attribution::{Anonymity, Entity, EntityKind};
    type Row<'a> = (&'a str, &'a [(&'a str, EntityKind)], &'a str, Anonymity);
    let rows: &[Row] = &[
        (
            "The Boston businesswoman said the tax plan would fail.",
            &[("Boston", EntityKind::Location)],
            "The Boston businesswoman",
            Anonymity::Named,
        ),
        (
            "Ohio’s deputy commissioner said the roads would reopen.",
            &[("Ohio", EntityKind::Location)],
            "Ohio’s deputy commissioner",
            Anonymity::Named,
        ),
        (
            "The Green Party nominee said the debate was rigged.",
            &[("Green Party", EntityKind::Organization)],
            "The Green Party nominee",
            Anonymity::Named,
        ),
        ("A Texas senator said the bill was dead.", &[("Texas", EntityKind::Location)], "A Texas senator", Anonymity::Anonymous),
        (
            "Several former Globe journalists said the paper had changed.",
            &[("Globe", EntityKind::Organization)],
            "Several former Globe journalists",
            Anonymity::Anonymous,
        ),
        // a body itself still speaks as a body, and a spokesman for it too
        (
            "The Ohio Senate said the bill was dead.",
            &[("Ohio Senate", EntityKind::Organization)],
            "The Ohio Senate",
            Anonymity::Institutional,
        ),
        (
            "A Globe spokesman said the paper had changed.",
            &[("Globe", EntityKind::Organization)],
            "A Globe spokesman",
            Anonymity::Institutional,
        ),
    ];
    for &(text, list, speaker, anonymity) in rows {
        let ents: Vec<Entity> = list
            .iter()
            .map(|(s, k)| {
                let i = text.find(s).unwrap();
                Entity::new(*k, text, i, i + s.len()).unwrap()
            })
            .collect();
        let claims = attribute(text, &ents);
        assert_eq!(claims.len(), 1, "{text:?}: {claims:?}");
        assert_eq!(claims[0].speaker.text, speaker, "{text:?}");
        assert_eq!(claims[0].anonymity, anonymity, "{text:?}");
        // the place or body before the title is not the person's name
        if anonymity != Anonymity::Institutional {
            assert_eq!(claims[0].speaker.name, None, "{text:?}");
        }
    }
}

/// `one official` opens a source of its own, like `another official`; only `one
/// of them` / `one of the officials` refers back to an earlier group.
#[test]
fn one_official_is_a_new_source() {
    let text = "One senior border official said the crossing would close. \
                One former customs official said the queues were growing. \
                Two port officials said the ferries were full. One of the officials said the ferries would stop.";
    let claims = attribute(text, &[]);
    let resolved: Vec<Option<&str>> = claims.iter().map(|c| c.speaker.resolved.as_ref().map(|r| r.text.as_str())).collect();
    assert_eq!(resolved, [None, None, None, Some("Two port officials")], "{claims:?}");
    assert_eq!(attribution::Article::from_claims(claims).sources.len(), 3);
}

#[test]
fn a_bare_noun_hearer_of_told_is_not_content() {
    check(&[
        ("Voters told pollsters they distrusted both parties.", "told pollsters", Stance::Assert, Some("they distrusted both parties")),
        ("The minister told lawmakers it would take a year.", "told lawmakers", Stance::Assert, Some("it would take a year")),
        // a determiner's object as before
        ("The minister told the committee it would take a year.", "told the committee", Stance::Assert, Some("it would take a year")),
    ]);
}

#[test]
fn documents_requests_shouts_and_fronted_cues() {
    check(&[
        // a document's words, right after a document noun
        ("“The pools will stay open,” the notice reads.", "reads", Stance::Assert, Some("The pools will stay open")),
        ("The memo reads: “Staff must return by Monday.”", "reads", Stance::Assert, Some("Staff must return by Monday")),
        ("A page on the club's website states that members vote in May.", "states", Stance::Assert, Some("members vote in May")),
        // requests, like urged
        ("Two neighbours implored the council to keep the library.", "implored", Stance::Assert, Some("the council to keep the library")),
        ("The coach pleaded with the board to delay the vote.", "pleaded with", Stance::Assert, Some("the board to delay the vote")),
        // shouts, and a hearer between the cue and what was said
        ("Marchers chanted, “Open the gates!”", "chanted", Stance::Assert, Some("Open the gates!")),
        ("She yelled to the guards that her son was unarmed.", "yelled to the guards", Stance::Assert, Some("her son was unarmed")),
        // a quotation the content opens with ends before the subject's next act
        ("Marchers chanted, “Open the gates!” and marched on until dawn.", "chanted", Stance::Assert, Some("Open the gates!")),
        // a cue that opens its sentence, its speaker after it
        ("Said Ortega: “Nobody asked the fishermen.”", "Said", Stance::Assert, Some("Nobody asked the fishermen")),
        ("Added the harbour master, “The channel is too shallow.”", "Added", Stance::Assert, Some("The channel is too shallow")),
    ]);
    none(&[
        "She read the report twice before the meeting.",
        "The states that voted early saw long lines.",
        "He pleaded guilty to fraud in March.",
        "Said to be the richest man in town, he bought the mill.",
        "The video shows her pleading with the guards.",
    ]);
}

#[test]
fn an_appositive_with_its_own_relative_clause() {
    let text = "The transit authority, the agency that runs the buses, said it was adding routes.";
    let claims = attribute(text, &[]);
    let c = claims.iter().find(|c| c.cue.text == "said").expect("a claim for said");
    assert!(c.speaker.text.starts_with("The transit authority"), "{:?}", c.speaker.text);
    assert_eq!(c.text.as_ref().map(|t| t.text.as_str()), Some("it was adding routes"));
}

#[test]
fn a_quotation_after_the_cues_sentence_goes_on_with_it() {
    let contents = |text: &str, cue: &str| -> Vec<String> {
        attribute(text, &[]).into_iter().filter(|c| c.cue.text == cue).filter_map(|c| c.text.map(|t| t.text)).collect()
    };
    for (text, want) in [
        // a tail of circumstance closes the cue's sentence
        (
            "“We will not leave,” Ana Ruiz said as she and other marchers crossed the bridge early Sunday. “They cannot ignore us.”",
            &["We will not leave", "They cannot ignore us"][..],
        ),
        // also after the speaker's appositions
        (
            "“We will not leave,” Ana Ruiz, 34, a nurse, said as she and other marchers crossed the bridge. “They cannot ignore us.”",
            &["We will not leave", "They cannot ignore us"][..],
        ),
        // the report before the cue is no quotation
        (
            "The board may delay the vote until spring, Ruiz said. “Nobody wants a fight before the holidays.”",
            &["The board may delay the vote until spring", "Nobody wants a fight before the holidays"][..],
        ),
        // so is one after an opening phrase and its comma
        ("Because of the vote, “the council needs her,” Ruiz said.", &["the council needs her"][..]),
        // a quotation a colon introduces is the content, not the sentence around it
        ("The chair scolded him: “The figures you gave us were wrong,” she said.", &["The figures you gave us were wrong"][..]),
    ] {
        assert_eq!(contents(text, "said"), want, "{text:?}");
    }
    // a sentence of its own between them: the quotation is no longer the cue's
    let text = "“We will not leave,” Ruiz said. Then the police arrived. “Move back.”";
    assert_eq!(contents(text, "said"), ["We will not leave"], "{text:?}");
}

#[test]
fn clauses_without_that_fronted_participles_and_requests_with_appositions() {
    check(&[
        // a clause without `that`, opened by a pronoun and its auxiliary
        ("Analysts agreed it was still a risky plan.", "agreed", Stance::Assert, Some("it was still a risky plan")),
        // a shout after a quotation, a clause of circumstance after it
        ("“Did you see him?” she yells while running along the fence.", "yells", Stance::Assert, Some("Did you see him?")),
        // a refusal to make a statement of a kind
        ("The council declined to endorse the plan.", "declined to endorse", Stance::Decline, Some("the plan")),
        // a day between `called` and `for`
        ("The mayor called Friday for a recount.", "called Friday for", Stance::Assert, Some("a recount")),
        // a participle that opens the sentence: its content ends with its clause
        ("Claiming the count was rigged, the senator demanded a new vote.", "Claiming", Stance::Assert, Some("the count was rigged")),
        // a hedge after a report is the speaker's, not the writer's inference
        (
            "“We won every ward,” Ruiz recalled, suggesting the second count would change nothing.",
            "suggesting",
            Stance::Hedge,
            Some("the second count would change nothing"),
        ),
    ]);
    none(&["Oil prices rose, suggesting demand is strong."]);
    // the speaker of a fronted participle is the subject after its clause
    let claims = attribute("Claiming the count was rigged, the senator demanded a new vote.", &[]);
    assert_eq!(claims[0].speaker.text, "the senator");
    // the object of `asked` with an apposition set off by commas
    let text = "The union has asked Ana Ruiz, the head of the transit board, to delay the fare increase.";
    let claims = attribute(text, &[]);
    let c = claims.iter().find(|c| c.cue.text.starts_with("has asked")).expect("a claim for asked");
    assert_eq!(c.text.as_ref().map(|t| t.text.as_str()), Some("to delay the fare increase"), "{text:?}");
    // a report before `said:` and the quotation after it: two claims of one cue
    let text = "Fares will rise in May, Ruiz said: “Nobody likes it, but the budget is short.”";
    let contents: Vec<String> = attribute(text, &[]).into_iter().filter_map(|c| c.text.map(|t| t.text)).collect();
    assert_eq!(contents, ["Fares will rise in May", "Nobody likes it, but the budget is short"], "{text:?}");
}

#[test]
fn a_noun_phrase_content_ends_before_the_cues_tail() {
    check(&[
        ("The senator denied the charges through his lawyer.", "denied", Stance::Deny, Some("the charges")),
        ("The union announced its support on Thursday, and the strike ended.", "announced", Stance::Assert, Some("its support")),
        ("The governor defended the decision in a radio interview.", "defended", Stance::Assert, Some("the decision")),
        ("The mayor reiterated the promise last week.", "reiterated", Stance::Assert, Some("the promise")),
        // a clause keeps its times and places: they may be the event's
        ("The pilot said he was in Denver on Friday.", "said", Stance::Assert, Some("he was in Denver on Friday")),
    ]);
}

#[test]
fn a_report_in_the_passive_gives_its_subject() {
    check(&[
        ("The leak was first reported by the Courier.", "reported by", Stance::Assert, Some("The leak")),
        ("The merger had been disclosed by the bank in May.", "disclosed by", Stance::Assert, Some("The merger")),
    ]);
    // a participle after a noun is no clause of its own
    none(&["The mayor faced a question first reported by a local station."]);
}

/// `X, who did Y, said Z “…”`: a mention with its relative clause before the cue is
/// the speaker, and what follows the cue the content, also when a quotation opens in
/// it (it was read `Y, said X`, X the words right after the cue).
#[test]
fn a_speaker_with_a_relative_clause_before_a_quotation() {
    let text = "Ana Ruiz, who ran a rival campaign, said the race “was over by March.”";
    let claims = attribute(text, &[]);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].speaker.text, "Ana Ruiz, who ran a rival campaign");
    assert_eq!(claims[0].text.as_ref().map(|t| t.text.as_str()), Some("the race “was over by March"));
}

#[test]
fn a_question_before_asked_and_its_hearer() {
    check(&[
        (
            "“Why are you still backing him?” the governor asked Republican lawmakers.",
            "asked Republican lawmakers",
            Stance::Assert,
            Some("Why are you still backing him?"),
        ),
        ("“But why?” reporter Ana Lima asked him.", "asked him", Stance::Assert, Some("But why?")),
    ]);
}

#[test]
fn a_noun_of_a_claim_after_its_speakers_possessive() {
    check(&[
        (
            "Fact-checkers looked into Mayor Ana Ruiz’s contention that crime had fallen, and found it true.",
            "contention",
            Stance::Assert,
            Some("crime had fallen"),
        ),
        (
            "Reporters checked his claim that the bridge had been inspected twice.",
            "claim",
            Stance::Assert,
            Some("the bridge had been inspected twice"),
        ),
    ]);
    // without a possessive speaker, or without `that`, no claim
    none(&["The claim that the bridge was safe drew scorn.", "Ana Ruiz’s claim was rejected."]);
    let claims = attribute("Fact-checkers looked into Mayor Ana Ruiz’s contention that crime had fallen.", &[]);
    assert_eq!(claims[0].speaker.text, "Mayor Ana Ruiz");
}

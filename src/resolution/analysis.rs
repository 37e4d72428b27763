//! Speaker analysis: what a mention is (named, institutional, anonymous), its name,
//! its descriptor, and whether it is a pronoun or a back-reference. Pure functions
//! over the text and entity spans.

use std::ops::Range;

use crate::claim::{Anonymity, Descriptor, SpeakerKind};
use crate::entity::{Entity, EntityKind};
use crate::lexicon::{
    definite_title, is_role_noun, is_sentence_end_char, possessive_stem, AGE_SUFFIX, ANONYMITY_MARKERS, ARTICLES, COLLECTIVE_NOUNS,
    COMPANY_NOUNS, COUNT_WORDS, DOCUMENT_NOUNS, FIRST_PERSON_PRONOUNS, HEAD_STOPS, INSTITUTION_NOUNS, ISSUER_WORDS, KNOWLEDGE_WORDS,
    MENTION_DETERMINERS, NOT_AFFILIATIONS, NOT_PLURALS_IN_S, OPENING_QUOTE_CHARS, PARTICIPLE_ENDINGS, PERSON_TITLES, PLURALS_WITHOUT_S,
    QUANTIFIERS, ROLE_NOUNS, SEEN_WORDS, SPEECH_DOCUMENTS, SPOKES_NOUNS,
};
use crate::text::tokens::Tok;

/// Whether what is left of a mention is nothing or starts a further apposition.
trait RestOfMention {
    fn is_empty_or_comma(&self) -> bool;
}

impl RestOfMention for str {
    fn is_empty_or_comma(&self) -> bool {
        self.is_empty() || self.starts_with(',')
    }
}

/// A pronoun standing for a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he / she
    Person,
    /// it
    Thing,
    /// they
    Plural,
}

/// What a speaker mention says about its source.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MentionFacts {
    pub(crate) anonymity: Anonymity,
    pub(crate) kind: SpeakerKind,
    pub(crate) name: Option<String>,
    pub(crate) descriptor: Descriptor,
    pub(crate) pronoun: Option<Pronoun>,
    /// `the official`, `the sources`, `one of the sources`, `the report`.
    pub(crate) back_reference: bool,
    /// `one of them`, `one of the sources`: a member of an earlier group.
    pub(crate) group_member: bool,
    pub(crate) plural: bool,
    /// The title of a definite description of a person (`the mayor`, `the Democratic
    /// nominee`): the person named with that title earlier is who it stands for.
    pub(crate) title: Option<String>,
}

/// Analyses a speaker mention `text[range]`, whose tokens are `toks`, given the
/// document's entities.
pub(crate) fn analyse(text: &str, range: Range<usize>, toks: &[Tok], entities: &[Entity]) -> MentionFacts {
    let toks: Vec<Tok> = toks.iter().filter(|t| t.word || t.lower == ",").cloned().collect();
    let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    // "the 34-year-old", "the 34-year-old mother of three": a person described by age
    // stands for a person named before, as `he` does
    let aged = words.len() >= 2 && words[0] == "the" && is_age(words[1]);
    let pronoun = match words.as_slice() {
        // (possessives too: the speaker of a nominal report, "his claim that ...")
        ["he"] | ["she"] | ["his"] | ["her"] => Some(Pronoun::Person),
        _ if aged => Some(Pronoun::Person),
        ["it"] | ["its"] => Some(Pronoun::Thing),
        ["they"] | ["both"] | ["their"] => Some(Pronoun::Plural),
        _ => None,
    };
    // the head: up to the first modifier or comma
    let head_end = toks
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, t)| {
            // "of" inside a name ("Bank of England Governor X") does not end the head
            let in_name = t.lower == "of" && toks[i - 1].cap && toks.get(i + 1).is_some_and(|n| n.cap);
            t.lower == "," || (HEAD_STOPS.contains(&t.lower.as_str()) && !in_name)
        })
        .map_or(toks.len(), |(i, _)| i);
    let head = &toks[..head_end];
    let head_bytes = head.first().map_or(range.start..range.start, |f| f.start..head.last().map_or(f.end, |l| l.end));
    let inside = |e: &&Entity| e.start >= head_bytes.start && e.end <= head_bytes.end && e.start < e.end;
    let head_ents: Vec<&Entity> = entities.iter().filter(inside).collect();
    // "paint maker Akzo Nobel": a name after a company noun is the company's
    let after_company =
        |e: &Entity| toks.iter().rev().find(|t| t.end <= e.start).is_some_and(|t| COMPANY_NOUNS.contains(&t.lower.as_str()));
    // document-level consistency: a one-word entity that is part of a person's name
    // elsewhere ("Cho" tagged ORG, "Cho Myoung" PER) is that person
    let person_name_part = |e: &Entity| {
        !e.text.contains(' ')
            && entities
                .iter()
                .any(|p| p.kind == EntityKind::Person && p.text.len() > e.text.len() && p.text.split(' ').any(|w| w == e.text))
    };
    // "the Trump administration", "the Clinton campaign and DNC": a person's name
    // modifying an institution noun
    let word_after = |e: &Entity, list: &[&str]| head.iter().find(|t| t.start >= e.end).is_some_and(|t| list.contains(&t.lower.as_str()));
    let modifies_body = |e: &Entity| {
        word_after(e, INSTITUTION_NOUNS) || head.last().is_some_and(|t| t.start >= e.end && INSTITUTION_NOUNS.contains(&t.lower.as_str()))
    };
    // "AROS argues": a word in capitals is an organisation's initials, not a person
    let initials = |e: &Entity| is_initials(&e.text);
    // "the Clinton ad": a name before a document noun is who issued it
    let modifies_document = |e: &Entity| word_after(e, DOCUMENT_NOUNS);
    // "McConnell aides": a name modifying a role noun is whose the role is, not the speaker
    let modifies_role = |e: &Entity| head.last().is_some_and(|t| t.start >= e.end && ROLE_NOUNS.contains(&t.lower.as_str()));
    // "Cook’s spokesman": a possessor is not the speaker
    let possessor = |e: &Entity| {
        let rest = &text[e.end.min(range.end)..range.end];
        rest.starts_with("’s") || rest.starts_with("'s") || rest.starts_with(" s ")
    };
    // "Cook’s spokesman, Fred Sainz": a name standing in apposition is the speaker's;
    // so is a name that is the whole last part of the mention after a comma ("one of
    // the family's lawyers, Ann Lee")
    let appositive = entities.iter().find(|e| {
        e.kind == EntityKind::Person && e.start > head_bytes.end && e.end <= range.end && {
            let between = &text[head_bytes.end..e.start];
            let after = text[e.end..range.end].trim_start();
            between.trim() == "," && after.is_empty_or_comma() || between.trim_end().ends_with(',') && after.is_empty()
        }
    });
    let person = head_ents
        .iter()
        .find(|e| {
            ((e.kind == EntityKind::Person && !after_company(e)) || person_name_part(e))
                && !initials(e)
                && !modifies_body(e)
                && !modifies_document(e)
                && !modifies_role(e)
                && !possessor(e)
        })
        .copied()
        .or(appositive);
    // the body a mention names: an organisation before a place or nationality
    let others: Vec<&Entity> = head_ents.iter().copied().filter(|e| !person.is_some_and(|p| std::ptr::eq(*e, p))).collect();
    let body = others
        .iter()
        .find(|e| e.kind == EntityKind::Organization)
        .or_else(|| others.iter().find(|e| e.kind != EntityKind::Person))
        .copied();
    let hw: Vec<&str> = head.iter().map(|t| t.lower.as_str()).collect();
    // "Prime Minister Modi's office", "the official's lawyer": a role before a
    // possessive is the possessor's, not the speaker's
    let owned_from = hw.iter().rposition(|w| possessive_stem(w).is_some() || *w == "s").map_or(0, |i| i + 1);
    // a capitalised role word inside a name is no role (`the Republican National
    // Committee`); at the end of the head it is (`the Republicans`)
    let role = hw[owned_from..]
        .iter()
        .enumerate()
        .find(|(i, w)| {
            ROLE_NOUNS.contains(w)
                && !(QUANTIFIERS.contains(w) || **w == "one")
                && (!head[owned_from + i].cap || owned_from + i + 1 == head.len() || !head[owned_from + i + 1].cap)
        })
        .map(|(_, w)| *w);
    let spokes = hw.iter().find(|w| SPOKES_NOUNS.contains(w)).copied();
    let institution = hw.iter().rev().find(|w| INSTITUTION_NOUNS.contains(w)).copied();
    // a document: a head ending in a document noun, or one written in lower case
    // before `by`/`from` (`an analysis by X`); who issued it, when the mention says
    // (`a memo seen by TV2`: participles after it say who saw it, not who wrote it)
    let doc_at = head.iter().rposition(|t| !t.cap && DOCUMENT_NOUNS.contains(&t.lower.as_str()));
    let document = hw.last().is_some_and(|w| DOCUMENT_NOUNS.contains(w))
        || doc_at.is_some_and(|i| head[i + 1..].iter().all(|t| !t.cap && PARTICIPLE_ENDINGS.iter().any(|x| t.lower.ends_with(x))));
    let issued_by = doc_at.filter(|_| document).and_then(|i| {
        // "the Home Office letter", "the Clinton ad"
        let before = head_ents.iter().copied().rfind(|e| e.end <= head[i].start);
        // "an analysis by X", "the report, published by the U.N."; not "a memo seen by TV2"
        let by = (i + 1..toks.len())
            .find(|&k| ISSUER_WORDS.contains(&toks[k].lower.as_str()) && !SEEN_WORDS.contains(&toks[k - 1].lower.as_str()));
        let after = by.map(|k| &toks[k]).and_then(|after| {
            entities.iter().find(|e| {
                e.start >= after.end
                    && e.end <= range.end
                    && text[after.end..e.start].split_whitespace().all(|w| ARTICLES.contains(&w.to_lowercase().as_str()))
            })
        });
        before.or(after)
    });
    // "a group of parents": a set of people described, not a body
    let collective_of = head.last().is_some_and(|t| COLLECTIVE_NOUNS.contains(&t.lower.as_str()))
        && (toks.get(head_end).is_some_and(|t| t.lower == "of") || text[range.end..].starts_with(" of "));
    let last = hw.last().copied().unwrap_or("");
    let last_cap = head.last().is_some_and(|t| t.cap);
    let plural =
        ((!last_cap || ROLE_NOUNS.contains(&last)) && last.ends_with('s') && !last.ends_with("ss") && !NOT_PLURALS_IN_S.contains(&last))
            || PLURALS_WITHOUT_S.contains(&last)
            || hw.contains(&"and");
    // "the official", "one of the sources"; "one official" (like "a", "another")
    // introduces a source of its own
    let back_reference = pronoun.is_none()
        && person.is_none()
        && issued_by.is_none()
        && (hw.first() == Some(&"the") && (role.is_some() || document) || words.starts_with(&["one", "of"]));
    // a bare capitalised word the NER missed: use what the entities say elsewhere
    let known = |w: &Tok| -> Option<EntityKind> {
        let s = &text[w.start..w.end];
        entities.iter().find(|e| e.text == s || (e.kind == EntityKind::Person && e.text.split(' ').any(|w| w == s))).map(|e| {
            if e.kind == EntityKind::Person && is_initials(s) {
                EntityKind::Organization
            } else {
                e.kind
            }
        })
    };
    // capitalised words, never a determiner opening the head ("Another 19 percent",
    // "Several"; "Channel Four" keeps its "Four") nor an article; the
    // first word of a sentence only when it is no word the text also writes in lower
    // case ("One blogger", "Lately"): its capital is the sentence's, not a name's
    let caps: Vec<&Tok> = head
        .iter()
        .enumerate()
        .filter(|&(k, t)| {
            let w = t.lower.as_str();
            t.cap
                && !(k == 0 && (MENTION_DETERMINERS.contains(&w) || QUANTIFIERS.contains(&w)))
                && !ARTICLES.contains(&w)
                && !FIRST_PERSON_PRONOUNS.contains(&w)
                && !(opens_sentence(text, t.start) && written_lower(text, w))
        })
        .map(|(_, t)| t)
        .collect();
    let guessed = if person.is_none() && body.is_none() && caps.len() == head.len() && !caps.is_empty() {
        caps.iter().find_map(|t| known(t))
    } else {
        None
    };
    // "South Korea s Cho": the last capitalised word is a person's name elsewhere
    let last_cap_person = person.is_none()
        && body.is_none()
        && head.last().is_some_and(|t| {
            t.cap && known(t) == Some(EntityKind::Person) && !head_ents.iter().any(|e| e.start <= t.start && t.end <= e.end)
        });
    // "Ana Ruiz, a senior fellow at X": capitalised words the model left untagged,
    // followed by an apposition that describes a person (its noun is no body's)
    let apposed_person = person.is_none() && body.is_none() && guessed.is_none() && head.len() >= 2 && caps.len() == head.len() && {
        let rest = toks.get(head_end..).unwrap_or_default();
        let apposition: Vec<&Tok> =
            rest.iter().skip(1).take_while(|t| t.lower != "," && t.lower != "and" && !HEAD_STOPS.contains(&t.lower.as_str())).collect();
        rest.first().is_some_and(|t| t.lower == ",")
            && apposition.first().is_some_and(|t| ARTICLES.contains(&t.lower.as_str()))
            && apposition.len() >= 2
            && apposition
                .last()
                .is_some_and(|t| !t.cap && !INSTITUTION_NOUNS.contains(&t.lower.as_str()) && !COMPANY_NOUNS.contains(&t.lower.as_str()))
    };
    let is_person = person.is_some() || guessed == Some(EntityKind::Person) || last_cap_person || apposed_person;
    // "the New York businessman", "Connecticut's tax commissioner": a head that ends
    // in a person's title, with no name in it, is one person; the capitalised words
    // before the title say whose, they are no body speaking. A definite one ("the",
    // a possessive) is an identified individual, like an unresolved "he".
    let title_head = !is_person
        && pronoun.is_none()
        && spokes.is_none()
        && hw.last().is_some_and(|w| PERSON_TITLES.contains(w) && !INSTITUTION_NOUNS.contains(w));
    let definite = hw.first() == Some(&"the") || hw.iter().any(|w| possessive_stem(w).is_some() || *w == "s");

    let (anonymity, kind) = if let Some(p) = pronoun {
        let kind = match p {
            Pronoun::Person => SpeakerKind::Person,
            Pronoun::Thing => SpeakerKind::Organization,
            Pronoun::Plural => SpeakerKind::Group,
        };
        let anon = if p == Pronoun::Thing { Anonymity::Institutional } else { Anonymity::Anonymous };
        (anon, kind)
    } else if is_person {
        (Anonymity::Named, SpeakerKind::Person)
    } else if let Some(issuer) = issued_by {
        // "a statement by Ruiz" is Ruiz speaking; "an analysis by Ruiz", "a report from
        // the agency" are documents of a named issuer
        let speech = hw.iter().any(|w| SPEECH_DOCUMENTS.contains(w));
        if issuer.kind == EntityKind::Person && speech {
            (Anonymity::Named, SpeakerKind::Person)
        } else {
            (Anonymity::Institutional, SpeakerKind::Document)
        }
    } else if collective_of {
        (Anonymity::Anonymous, SpeakerKind::Group)
    } else if title_head {
        (if definite { Anonymity::Named } else { Anonymity::Anonymous }, SpeakerKind::Person)
    } else if spokes.is_some() {
        (Anonymity::Institutional, SpeakerKind::Person)
    } else if role.is_some()
        || hw.first().is_some_and(|w| QUANTIFIERS.contains(w) || *w == "others") && body.is_none() && institution.is_none()
    {
        (Anonymity::Anonymous, if plural { SpeakerKind::Group } else { SpeakerKind::Person })
    } else if document && body.is_none() && caps.is_empty() {
        // "a leaked memo seen by TV2", "recent reports", "the documents": a document
        // only described (a back-reference takes its antecedent's label)
        (Anonymity::Anonymous, SpeakerKind::Document)
    } else if document {
        (Anonymity::Institutional, SpeakerKind::Document)
    } else if institution.is_some() || body.is_some() || guessed.is_some() || !caps.is_empty() {
        (Anonymity::Institutional, SpeakerKind::Organization)
    } else {
        (Anonymity::Anonymous, SpeakerKind::Unknown)
    };

    let name = match anonymity {
        _ if issued_by.is_some() && !is_person => issued_by.map(|e| full_name(&e.text, entities)),
        Anonymity::Named if is_person => person.map(|p| full_name(&p.text, entities)).or_else(|| {
            let c: Vec<&str> = caps.iter().map(|t| &text[t.start..t.end]).collect();
            (!c.is_empty()).then(|| full_name(&c.join(" "), entities))
        }),
        Anonymity::Institutional if pronoun.is_none() => {
            // "a spokesman for X": the body after "for"
            let all: Vec<&Entity> = entities.iter().filter(|e| e.start >= range.start && e.end <= range.end).collect();
            // "the Trump administration" → "Trump administration"
            let owner = head_ents
                .iter()
                .find(|e| e.kind == EntityKind::Person && modifies_body(e))
                .map(|e| text[e.start..head_bytes.end].to_owned());
            let company = head_ents.iter().find(|e| after_company(e)).map(|e| e.text.clone());
            body.map(|e| e.text.clone())
                .or(owner)
                .or(company)
                .or_else(|| all.iter().find(|e| e.kind != EntityKind::Person).map(|e| e.text.clone()))
                .or_else(|| {
                    let words: Vec<&str> =
                        caps.iter().map(|t| text[t.start..t.end].trim_end_matches("’s").trim_end_matches("'s")).collect();
                    (!words.is_empty()).then(|| words.join(" "))
                })
        }
        _ => None,
    };

    let descriptor = if anonymity == Anonymity::Named || pronoun.is_some() {
        Descriptor::default()
    } else {
        descriptor_of(text, &range, &toks, head, role.or(spokes), &head_ents)
    };
    let group_member = words.starts_with(&["one", "of"]);
    // "the mayor", "The Democratic presidential nominee": a definite description ending
    // in a person's title, with no name in it
    let title = (!is_person && pronoun.is_none()).then(|| definite_title(&words).map(str::to_owned)).flatten();
    MentionFacts { anonymity, kind, name, descriptor, pronoun, back_reference, group_member, plural, title }
}

fn descriptor_of(text: &str, range: &Range<usize>, toks: &[Tok], head: &[Tok], role: Option<&str>, ents: &[&Entity]) -> Descriptor {
    let count = head.iter().find_map(|t| COUNT_WORDS.iter().find(|(w, _)| *w == t.lower).map(|x| x.1).or_else(|| t.lower.parse().ok()));
    let mut affiliation: Vec<String> = ents.iter().filter(|e| e.kind != EntityKind::Person).map(|e| e.text.clone()).collect();
    for t in head {
        let inside = ents.iter().any(|e| e.start <= t.start && t.end <= e.end);
        if t.cap
            && !inside
            && !NOT_AFFILIATIONS.contains(&t.lower.as_str())
            && !is_role_noun(&t.lower)
            && !SPOKES_NOUNS.contains(&t.lower.as_str())
        {
            affiliation.push(text[t.start..t.end].to_owned());
        }
    }
    let knowledge = toks
        .iter()
        .position(|t| KNOWLEDGE_WORDS.contains(&t.lower.as_str()) || (t.lower == "with" && toks.iter().any(|x| x.lower == "knowledge")))
        .map(|i| text[toks[i].start..range.end].trim_end_matches([',', ' ']).to_owned());
    Descriptor { role: role.map(str::to_owned), affiliation, count, knowledge }
}

/// The longest person entity whose last word is `name`'s last word (`Zarif` →
/// `Mohammad Javad Zarif`) or, for a one-word name, whose first word it is (`Cho` →
/// `Cho Myoung-gyon`); else `name` itself.
fn full_name(name: &str, entities: &[Entity]) -> String {
    let last = name.rsplit(' ').next().unwrap_or(name);
    // family name last ("Zarif"), or first for a one-word mention ("Cho" of "Cho Myoung-gyon")
    let one_word = !name.contains(' ');
    entities
        .iter()
        .filter(|e| {
            e.kind == EntityKind::Person && (e.text.rsplit(' ').next() == Some(last) || one_word && e.text.split(' ').next() == Some(name))
        })
        .map(|e| e.text.as_str())
        .max_by_key(|s| s.len())
        .filter(|s| s.len() > name.len())
        .unwrap_or(name)
        .to_owned()
}

/// Whether a word gives an age: `34-year-old`.
fn is_age(word: &str) -> bool {
    word.strip_suffix(AGE_SUFFIX).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether an entity's text is an organisation's initials: one word in capitals
/// (`AROS`, `NAACP`), two letters at least.
fn is_initials(text: &str) -> bool {
    !text.contains(' ') && text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase)
}

/// Whether byte `at` starts a sentence: only spaces and opening quotation marks stand
/// between it and the text's start, a paragraph break or a sentence end.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n' || OPENING_QUOTE_CHARS.contains(&c));
    before.is_empty() || before.ends_with('\n') || before.ends_with(is_sentence_end_char)
}

/// Whether `word` (lower case) stands in `text` as a word in lower case.
fn written_lower(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        bounded(text[..i].chars().next_back()) && bounded(text[i + word.len()..].chars().next())
    })
}

/// Anonymity markers (`on condition of anonymity`) inside `text[range]`.
pub(crate) fn anonymity_markers(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(s) = text.get(range.clone()) else { return Vec::new() };
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        // lower-casing changed byte lengths: search case-sensitively instead
        return ANONYMITY_MARKERS
            .iter()
            .flat_map(|m| s.match_indices(m).map(move |(i, _)| range.start + i..range.start + i + m.len()))
            .collect();
    }
    ANONYMITY_MARKERS.iter().flat_map(|m| lower.match_indices(m).map(move |(i, _)| range.start + i..range.start + i + m.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn ents(text: &str, list: &[(EntityKind, &str)]) -> Vec<Entity> {
        list.iter().filter_map(|(k, s)| text.find(s).and_then(|i| Entity::new(*k, text, i, i + s.len()))).collect()
    }

    #[test]
    fn anonymity_table() {
        use EntityKind::*;
        let table: &[(&str, &[(EntityKind, &str)], Anonymity, Option<&str>)] = &[
            (
                "Chile s Interior Ministry spokeswoman Marta Ruiz",
                &[(Location, "Chile"), (Organization, "Interior Ministry"), (Person, "Marta Ruiz")],
                Anonymity::Named,
                Some("Marta Ruiz"),
            ),
            ("The State Department", &[(Organization, "State Department")], Anonymity::Institutional, Some("State Department")),
            ("a senior Kenyan official", &[(Misc, "Kenyan")], Anonymity::Anonymous, None),
            ("three EU diplomats", &[(Organization, "EU")], Anonymity::Anonymous, None),
            ("A Kremlin spokesman", &[(Location, "Kremlin")], Anonymity::Institutional, Some("Kremlin")),
            ("Officials familiar with the views of Maria Lopez’s office", &[(Person, "Maria Lopez")], Anonymity::Anonymous, None),
            (
                "Anil Mehta, a spokesman for the Green Party",
                &[(Person, "Anil Mehta"), (Organization, "Green Party")],
                Anonymity::Named,
                Some("Anil Mehta"),
            ),
            ("Kingdom", &[], Anonymity::Institutional, Some("Kingdom")),
            ("authorities", &[], Anonymity::Institutional, None),
            ("a source close to the Elysee", &[(Location, "Elysee")], Anonymity::Anonymous, None),
            ("former FBI agent Lena Hart", &[(Organization, "FBI"), (Person, "Lena Hart")], Anonymity::Named, Some("Lena Hart")),
            ("he", &[], Anonymity::Anonymous, None),
            ("it", &[], Anonymity::Institutional, None),
            ("Italy s Ansa news agency", &[(Location, "Italy"), (Organization, "Ansa")], Anonymity::Institutional, Some("Ansa")),
            ("Others", &[], Anonymity::Anonymous, None),
            ("Cook’s spokesman, Fred Sainz", &[(Person, "Cook"), (Person, "Fred Sainz")], Anonymity::Named, Some("Fred Sainz")),
            ("Cook’s spokesman", &[(Person, "Cook")], Anonymity::Institutional, Some("Cook")),
            (
                "Bank of England Governor Andrew Bailey",
                &[(Organization, "Bank of England"), (Person, "Andrew Bailey")],
                Anonymity::Named,
                Some("Andrew Bailey"),
            ),
            ("An official of Peru s customs agency", &[(Location, "Peru")], Anonymity::Anonymous, None),
            ("The Macron administration", &[(Person, "Macron")], Anonymity::Institutional, Some("Macron administration")),
            ("Swiss watch maker Tell Horlogerie", &[(Person, "Tell Horlogerie")], Anonymity::Institutional, Some("Tell Horlogerie")),
            // initials are a body, even where the model tags them as a person
            ("FNRA", &[(Person, "FNRA")], Anonymity::Institutional, Some("FNRA")),
            // a person's name before an institution noun anywhere in the head
            ("The Lopez campaign and FNRA", &[(Person, "Lopez"), (Organization, "FNRA")], Anonymity::Institutional, Some("FNRA")),
            // documents: issued by a named body or person (a work), a person's own words,
            // or only described
            ("a review by Ana Ruiz", &[(Person, "Ana Ruiz")], Anonymity::Institutional, Some("Ana Ruiz")),
            ("the Port Authority letter", &[(Organization, "Port Authority")], Anonymity::Institutional, Some("Port Authority")),
            ("the Ruiz ad", &[(Person, "Ruiz")], Anonymity::Institutional, Some("Ruiz")),
            ("a statement from Ana Ruiz", &[(Person, "Ana Ruiz")], Anonymity::Named, Some("Ana Ruiz")),
            ("a draft memo seen by Radio Nord", &[(Organization, "Radio Nord")], Anonymity::Anonymous, None),
            ("posts on a message board", &[], Anonymity::Anonymous, None),
            ("recent reports", &[], Anonymity::Anonymous, None),
            // a set of people, described
            ("a group of retired teachers", &[], Anonymity::Anonymous, None),
            ("Opponents, including the Tenants Union", &[(Organization, "Tenants Union")], Anonymity::Anonymous, None),
            // a name the model left untagged, described as a person
            (
                "Nadia Ferreira, a visiting fellow at the Lisbon Institute",
                &[(Organization, "Lisbon Institute")],
                Anonymity::Named,
                Some("Nadia Ferreira"),
            ),
            ("Vantage Point, a research firm", &[], Anonymity::Institutional, Some("Vantage Point")),
            ("The Republican Governors Association", &[], Anonymity::Institutional, Some("Republican Governors Association")),
            // the voice of a named body's advertisement speaks for it
            (
                "the narrator of the Harbour Party video",
                &[(Organization, "Harbour Party")],
                Anonymity::Institutional,
                Some("Harbour Party"),
            ),
        ];
        for (text, list, anon, name) in table {
            let e = ents(text, list);
            let a = analyse(text, 0..text.len(), &tokenize(text, 0..text.len()), &e);
            assert_eq!(a.anonymity, *anon, "{text}");
            assert_eq!(a.name.as_deref(), *name, "{text}");
        }
    }

    #[test]
    fn descriptor_parts() {
        let text = "two senior U.N. officials familiar with the talks";
        let e = ents(text, &[(EntityKind::Organization, "U.N.")]);
        let a = analyse(text, 0..text.len(), &tokenize(text, 0..text.len()), &e);
        assert_eq!(a.descriptor.count, Some(2));
        assert_eq!(a.descriptor.role.as_deref(), Some("officials"));
        assert_eq!(a.descriptor.affiliation, ["U.N."]);
        assert_eq!(a.descriptor.knowledge.as_deref(), Some("familiar with the talks"));
        assert!(a.plural);
        assert_eq!(a.kind, SpeakerKind::Group);
    }

    #[test]
    fn back_references() {
        for (t, want) in [
            ("the official", true),
            ("the former official", true),
            ("one of the sources", true),
            ("One of them", true),
            ("The report", true),
            ("one senior official", false),
            ("One former border guard", false),
            ("another official", false),
            ("The State Department", false),
            ("he", false),
        ] {
            assert_eq!(analyse(t, 0..t.len(), &tokenize(t, 0..t.len()), &[]).back_reference, want, "{t}");
        }
        // a person described by age stands for a person, as `he` does
        for (t, want) in
            [("the 52-year-old", true), ("the 52-year-old father of two", true), ("a 52-year-old", false), ("the year-old", false)]
        {
            assert_eq!(analyse(t, 0..t.len(), &tokenize(t, 0..t.len()), &[]).pronoun == Some(Pronoun::Person), want, "{t}");
        }
    }

    #[test]
    fn markers_found() {
        let t = "a Brazilian source told us on condition of anonymity.";
        let m = anonymity_markers(t, 0..t.len());
        assert_eq!(m.len(), 1);
        assert_eq!(&t[m[0].clone()], "on condition of anonymity");
    }
}

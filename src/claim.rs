//! The output types: claims, speakers, anonymity, stance, and the article that
//! assembles them into sources.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::claims::Rule;
use crate::span::Span;

/// How anonymous a source is (see the annotation guide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Anonymity {
    /// An individual identified by name.
    Named,
    /// An identified organisation, government, country, company, outlet or document
    /// speaking as a body, or an unnamed spokesperson for a named body.
    Institutional,
    /// A person or group that is only described.
    Anonymous,
}

/// How the source stands toward the content, read from the cue and its negation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Stance {
    /// States it (`said`, `told`, `added`, `according to`).
    Assert,
    /// Rejects it (`denied`, `rejected`, `dismissed`).
    Deny,
    /// Confirms or concedes it (`confirmed`, `acknowledged`).
    Confirm,
    /// Refuses or fails to say (`declined to comment`, `did not say`).
    Decline,
    /// Puts it forward tentatively (`suggested`, `hinted`, `signalled`).
    Hedge,
}

/// Whether the content is a direct quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech in a text that uses quotation marks elsewhere, or that
    /// follows `that`.
    Indirect,
    /// The text has no quotation marks at all (they may have been stripped), so
    /// direct and indirect speech cannot be told apart.
    Unknown,
}

/// What kind of thing the source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SpeakerKind {
    /// One person.
    Person,
    /// An organisation, government, country or outlet.
    Organization,
    /// Several people (`two U.S. officials`, `sources`).
    Group,
    /// A report, statement or document.
    Document,
    /// Not determined.
    Unknown,
}

/// The descriptor of an unnamed source (`two senior U.S. officials familiar with the talks`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Descriptor {
    /// The role noun (`official`, `diplomat`, `source`, `spokesman`).
    pub role: Option<String>,
    /// Affiliation words (`U.S.`, `Iranian`, `Western`).
    pub affiliation: Vec<String>,
    /// How many (`2` for `two officials`), when the text says.
    pub count: Option<u32>,
    /// What the source knows or is close to (`familiar with the overtures`).
    pub knowledge: Option<String>,
}

/// Who made a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Byte offset of the mention in the input.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// The mention as written (`he`, `the official`, `Bahram Qasemi`).
    pub text: String,
    /// For a pronoun or back-reference, the earlier (or, for a mention the next
    /// sentence names, later) mention it stands for.
    pub resolved: Option<Span>,
    /// The proper name of a named person or body.
    pub name: Option<String>,
    /// What kind of source this is.
    pub kind: SpeakerKind,
    /// The descriptor of an unnamed source.
    pub descriptor: Descriptor,
}

/// One claim: a statement the article attributes to a source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The source.
    pub speaker: Speaker,
    /// Named, institutional or anonymous (of the resolved mention for pronouns; `he` or
    /// `she` with no antecedent found is a named person whose name is not given).
    pub anonymity: Anonymity,
    /// The markers the text gives for anonymity (`on condition of anonymity`).
    pub anonymity_markers: Vec<Span>,
    /// Assert, deny, confirm, decline or hedge.
    pub stance: Stance,
    /// The reporting expression (`said`, `told Reuters`, `declined to comment`).
    pub cue: Span,
    /// The content, without source, cue and a leading `that`. `None` for a
    /// decline with no topic.
    pub text: Option<Span>,
    /// Direct quote, indirect speech, or unknown (quotation marks stripped).
    pub quote: QuoteKind,
    /// The rule of the crate's rule table that found the claim.
    pub rule: Rule,
}

/// The claims of one article, and its sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Every claim, in text order.
    pub claims: Vec<Claim>,
    /// The claims grouped by the source they resolve to.
    pub sources: Vec<Source>,
    /// Share of claims (0..=1) made by anonymous sources; 0 when there is none.
    pub anonymous_share: f64,
}

/// One source of an article and its claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The mention that introduces the source (the resolved mention for pronouns).
    pub mention: String,
    /// The proper name, for named persons and bodies.
    pub name: Option<String>,
    /// Named, institutional or anonymous.
    pub anonymity: Anonymity,
    /// Indices into [`Article::claims`].
    pub claims: Vec<usize>,
}

impl Article {
    /// Builds the article result from claims.
    pub fn from_claims(claims: Vec<Claim>) -> Article {
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        let mut sources: Vec<Source> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let mention = c.speaker.resolved.as_ref().map_or(c.speaker.text.clone(), |r| r.text.clone());
            let key = source_key(c);
            match groups.get(&key) {
                Some(&g) => sources[g].claims.push(i),
                None => {
                    groups.insert(key, sources.len());
                    sources.push(Source { mention, name: c.speaker.name.clone(), anonymity: c.anonymity, claims: vec![i] });
                }
            }
        }
        let anonymous = claims.iter().filter(|c| c.anonymity == Anonymity::Anonymous).count();
        let anonymous_share = if claims.is_empty() { 0.0 } else { anonymous as f64 / claims.len() as f64 };
        Article { claims, sources, anonymous_share }
    }
}

/// The key [`Article::from_claims`] groups a claim's source by: the folded name
/// ([`name_key`]) where the speaker has one, else the resolved mention (or the
/// mention itself), case-blind.
pub(crate) fn source_key(c: &Claim) -> String {
    match c.speaker.name.as_deref() {
        Some(name) => name_key(name),
        None => c.speaker.resolved.as_ref().map_or(&c.speaker.text, |r| &r.text).to_lowercase(),
    }
}

/// The key that folds the variants of one name: case, and middle initials (`Donald
/// J. Trump` is `Donald Trump`).
pub fn name_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let initial = |w: &str| w.strip_suffix('.').is_some_and(|l| l.chars().count() == 1 && l.chars().all(char::is_alphabetic));
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i + 1 == words.len() || !initial(w))
        .map(|(_, w)| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(mention: &str, resolved: Option<&str>, name: Option<&str>, anonymity: Anonymity) -> Claim {
        let span = |t: &str| Span { start: 0, end: t.len(), text: t.to_owned() };
        Claim {
            speaker: Speaker {
                start: 0,
                end: mention.len(),
                text: mention.to_owned(),
                resolved: resolved.map(span),
                name: name.map(str::to_owned),
                kind: SpeakerKind::Person,
                descriptor: Descriptor::default(),
            },
            anonymity,
            anonymity_markers: Vec::new(),
            stance: Stance::Assert,
            cue: span("said"),
            text: None,
            quote: QuoteKind::Unknown,
            rule: Rule::ContentAfter,
        }
    }

    /// Sources group claims by name, else by the (resolved) mention, case-blind;
    /// the anonymous share counts claims, not sources.
    #[test]
    fn sources_and_anonymous_share() {
        use Anonymity::*;
        let claims = vec![
            claim("Ana Silva", None, Some("Ana Silva"), Named),
            claim("a senior official", None, None, Anonymous),
            claim("Silva", None, Some("Ana Silva"), Named),
            claim("the official", Some("a senior official"), None, Anonymous),
            claim("A senior official", None, None, Anonymous),
            claim("The ministry", None, Some("ministry"), Institutional),
        ];
        let a = Article::from_claims(claims);
        let got: Vec<(&str, Option<&str>, Anonymity, &[usize])> =
            a.sources.iter().map(|s| (s.mention.as_str(), s.name.as_deref(), s.anonymity, s.claims.as_slice())).collect();
        assert_eq!(
            got,
            [
                ("Ana Silva", Some("Ana Silva"), Named, &[0, 2][..]),
                ("a senior official", None, Anonymous, &[1, 3, 4][..]),
                ("The ministry", Some("ministry"), Institutional, &[5][..]),
            ]
        );
        assert_eq!(a.anonymous_share, 0.5);
        // a middle initial is the same source
        let a = Article::from_claims(vec![
            claim("Donald J. Trump", None, Some("Donald J. Trump"), Named),
            claim("Donald Trump", None, Some("Donald Trump"), Named),
        ]);
        assert_eq!(a.sources.len(), 1);
        assert_eq!(name_key("Donald J. Trump"), "donald trump");
        assert_eq!(name_key("J. K. Rowling"), "j. rowling");
        assert_eq!(Article::from_claims(Vec::new()).anonymous_share, 0.0);
    }
}

//! The cue lexicon: reporting expressions, their stance and their form. Pure.

use crate::claim::Stance;
use crate::tokens::Tok;

/// How a cue relates to its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A finite verb: the speaker is next to it (`X said`, `said X`).
    Finite,
    /// A participle (`saying`, `noting`): the speaker is the clause subject
    /// (`X did Y, saying Z`) or follows `with` (`with X saying Z`).
    Participle,
    /// `according to X`: the speaker follows the cue.
    According,
    /// `Y was rejected by X`: the speaker follows, the content is the subject.
    Passive,
}

/// A cue found in the text: token range `[first, last)`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cue {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) stance: Stance,
    pub(crate) form: Form,
}

/// Lexicon rows: space-separated slots; `a|b` alternatives, a trailing `?` marks an
/// optional slot. The longest match at a position wins.
const LEXICON: &[(&str, Stance)] = &[
    // assert
    ("said|says|say|saying|tell|tells|told|telling", Stance::Assert),
    ("added|adds|adding|noted|notes|noting|argued|argues|arguing|argue", Stance::Assert),
    ("warned|warns|warning|cautioned|cautions|cautioning", Stance::Assert),
    ("warned|warns|cautioned|cautions against", Stance::Assert),
    ("stated|explained|explains|explaining|insisted|insists|insisting", Stance::Assert),
    ("emphasised|emphasized|emphasises|emphasizes|stressed|stresses|stressing|reiterated|reiterates|reiterating", Stance::Assert),
    ("wrote|writes|writing|tweeted|tweets|posted", Stance::Assert),
    ("reported|announced|announces|announcing|asserted|asserts|maintained|maintains", Stance::Assert),
    ("defends|defended|defending", Stance::Assert),
    ("claimed|claims|claiming|contended|contends|testified|testifies|complained|complains|complaining", Stance::Assert),
    ("replied|replies|responded|recalled|recalls|predicted|predicts|observed|remarked", Stance::Assert),
    ("urged|urges|urging", Stance::Assert),
    ("called|calls|calling for|on", Stance::Assert),
    ("according to", Stance::Assert),
    ("was|were|is|are quoted as saying", Stance::Assert),
    ("quoted as saying", Stance::Assert),
    ("indicated|indicates", Stance::Assert),
    // deny
    ("denied|denies|deny|denying|rejected|rejects|rejecting|dismissed|dismisses|dismissing", Stance::Deny),
    ("refuted|refutes|disputed|disputes|disputing", Stance::Deny),
    ("rejected|denied|dismissed|disputed|refuted by", Stance::Deny),
    // confirm
    ("confirmed|confirms|confirming|acknowledged|acknowledges|acknowledging", Stance::Confirm),
    ("conceded|concedes|conceding|admitted|admits|admitting", Stance::Confirm),
    ("confirmed|acknowledged by", Stance::Confirm),
    // hedge
    ("suggested|suggests|suggesting|hinted|hints|hinting|speculated|speculates|speculating", Stance::Hedge),
    ("signaled|signalled|signals|signaling|signalling", Stance::Hedge),
    // decline
    ("declined|declines|declining|refused|refuses|refusing to comment|say|name|elaborate|discuss|confirm|provide|give|identify|specify|disclose|answer|respond|detail", Stance::Decline),
    ("did|does|do|would|could|has|have|had not|n't|never immediately? respond|reply|comment|say|confirm|elaborate|return|answer|disclose|specify|identify|deny|provide", Stance::Decline),
    ("didn't|didn’t|doesn't|doesn’t|wouldn't|wouldn’t|couldn't|couldn’t|hasn't|hasn’t|haven't|haven’t immediately? respond|reply|comment|say|confirm|elaborate|return|answer|disclose|specify|identify|deny|provide", Stance::Decline),
    ("has|have|had not|n't yet? responded|replied|commented|said|confirmed|disclosed|specified|identified|elaborated|explained|returned", Stance::Decline),
    ("hasn't|hasn’t|haven't|haven’t|hadn't|hadn’t yet? responded|replied|commented|said|confirmed|disclosed|specified|identified|elaborated|explained|returned", Stance::Decline),
    ("was|were not available|immediately? available for comment", Stance::Decline),
    ("could|can not|n't be reached|contacted", Stance::Decline),
    ("couldn't|couldn’t|cannot be reached|contacted", Stance::Decline),
    ("without giving|providing|disclosing|elaborating|offering details|detail", Stance::Decline),
    ("without disclosing|naming|identifying", Stance::Decline),
    ("referred questions|reuters|requests|inquiries to", Stance::Decline),
];

/// Words that may stand between a subject and its cue and belong to the cue.
const PRE_CUE: &[&str] = &[
    "has", "have", "had", "also", "repeatedly", "previously", "earlier", "later", "quickly", "further", "again",
    "publicly", "privately", "separately", "then", "once", "already", "recently", "reportedly", "flatly",
    "strongly", "firmly", "immediately", "initially", "subsequently", "however", "in", "turn", "swiftly",
];

/// Words after which a verb is passive or not reported speech.
const BLOCKERS: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "to", "will", "would", "may", "might", "can", "could", "should", "must", "shall", "as"];

fn slots(row: &str) -> Vec<(Vec<&str>, bool)> {
    row.split(' ')
        .map(|s| {
            let (s, opt) = s.strip_suffix('?').map_or((s, false), |x| (x, true));
            (s.split('|').collect(), opt)
        })
        .collect()
}

/// The lexicon rows split into slots, once.
fn lexicon() -> &'static [(Vec<(Vec<&'static str>, bool)>, Stance)] {
    static ROWS: std::sync::OnceLock<Vec<(Vec<(Vec<&'static str>, bool)>, Stance)>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| LEXICON.iter().map(|(r, s)| (slots(r), *s)).collect())
}

/// Length in tokens of the longest match of `row` at `toks[i..]`.
fn match_row(row: &[(Vec<&str>, bool)], toks: &[Tok], i: usize) -> Option<usize> {
    fn go(row: &[(Vec<&str>, bool)], toks: &[Tok], i: usize) -> Option<usize> {
        let Some(((alts, opt), rest)) = row.split_first() else { return Some(0) };
        let here = toks.get(i).filter(|t| alts.contains(&t.lower.as_str())).and_then(|_| go(rest, toks, i + 1).map(|n| n + 1));
        if here.is_some() {
            return here;
        }
        if *opt { go(rest, toks, i) } else { None }
    }
    go(row, toks, i).filter(|&n| n > 0)
}

/// All cues among `toks[range]`, left to right, not overlapping. Tokens for which
/// `skip` is true (inside quotation marks) are never part of a cue.
pub(crate) fn find_cues(toks: &[Tok], from: usize, to: usize, skip: &dyn Fn(&Tok) -> bool) -> Vec<Cue> {
    let rows = lexicon();
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if skip(&toks[i]) {
            i += 1;
            continue;
        }
        let best = rows
            .iter()
            .filter_map(|(row, st)| match_row(row, toks, i).map(|n| (n, *st)))
            .filter(|(n, _)| i + n <= to)
            .max_by_key(|(n, _)| *n);
        let Some((n, stance)) = best else {
            i += 1;
            continue;
        };
        let head = toks[i].lower.as_str();
        let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
        let decline = stance == Stance::Decline;
        let passive = toks[i + n - 1].lower == "by";
        // "was told", "to say", "will announce": passive, infinitive or future.
        let blocked = !decline && !passive && !head.starts_with("according") && head != "was" && head != "were" && head != "is" && head != "are" && prev.is_some_and(|p| BLOCKERS.contains(&p));
        // "calls" / "claims" / "reports" as nouns: require a following "for/on" or a clause.
        let nounish = matches!(head, "calls" | "claims" | "notes" | "posted" | "reports") && n == 1
            && prev.is_some_and(|p| matches!(p, "the" | "a" | "his" | "her" | "their" | "its" | "phone" | "of"));
        // "called" alone ("called the deal an embarrassment") is not a cue.
        let bare_called = matches!(head, "called" | "calls" | "calling") && n == 1;
        // "said" as an adjective ("the said company") or in "so-called".
        let adjective = head == "said" && prev.is_some_and(|p| p == "the");
        if blocked || nounish || bare_called || adjective || skip(&toks[i + n - 1]) {
            i += 1;
            continue;
        }
        let mut first = i;
        while first > from && PRE_CUE.contains(&toks[first - 1].lower.as_str()) {
            first -= 1;
        }
        // "in turn" etc. only as a pair; never absorb a lone "in"
        if first < i && toks[first].lower == "in" && toks.get(first + 1).is_none_or(|t| t.lower != "turn") {
            first += 1;
        }
        let form = if head == "according" {
            Form::According
        } else if passive {
            Form::Passive
        } else if head.ends_with("ing") || (decline && head == "without") {
            Form::Participle
        } else {
            Form::Finite
        };
        out.push(Cue { first, last: i + n, stance, form });
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn cues(t: &str) -> Vec<(String, Stance, Form)> {
        let toks = tokenize(t, 0..t.len());
        find_cues(&toks, 0, toks.len(), &|_| false)
            .into_iter()
            .map(|c| (t[toks[c.first].start..toks[c.last - 1].end].to_owned(), c.stance, c.form))
            .collect()
    }

    #[test]
    fn cue_table() {
        use Form::*;
        use Stance::*;
        let table: &[(&str, &[(&str, Stance, Form)])] = &[
            ("He said it.", &[("said", Assert, Finite)]),
            ("Iran says X and denies Y.", &[("says", Assert, Finite), ("denies", Deny, Finite)]),
            ("The ministry declined to comment.", &[("declined to comment", Decline, Finite)]),
            ("They did not confirm it.", &[("did not confirm", Decline, Finite)]),
            ("It did not immediately respond.", &[("did not immediately respond", Decline, Finite)]),
            ("He has repeatedly denied it.", &[("has repeatedly denied", Deny, Finite)]),
            ("according to the official", &[("according to", Assert, According)]),
            ("Lindqvist was quoted as saying by local radio", &[("was quoted as saying", Assert, Finite)]),
            ("Spicer was told of the hiring.", &[]),
            ("He is expected to say more.", &[]),
            ("Trump called the deal bad.", &[]),
            ("She called for talks.", &[("called for", Assert, Finite)]),
            ("X imposed sanctions, saying Y.", &[("saying", Assert, Participle)]),
            ("She suggested a deal.", &[("suggested", Hedge, Finite)]),
            ("He acknowledged it.", &[("acknowledged", Confirm, Finite)]),
            ("He didn’t respond.", &[("didn’t respond", Decline, Finite)]),
            ("Officials have not said how many died.", &[("have not said", Decline, Finite)]),
            ("the said company", &[]),
            ("It was rejected by officials.", &[("rejected by", Deny, Passive)]),
            ("as stated in the charter", &[]),
        ];
        for (t, want) in table {
            let got = cues(t);
            let want: Vec<(String, Stance, Form)> = want.iter().map(|(a, b, c)| (a.to_string(), *b, *c)).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }
}

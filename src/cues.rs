//! The cue lexicon: reporting expressions, their stance and their form. Pure.

use crate::claim::Stance;
use crate::lexicon::{
    is_asked_opener, is_manner_next, is_sentence_end, is_subordinator, possessive_stem, ASK_FORMS, AUX, AUX_ALSO_NAMES, BLOCKERS,
    CALL_FORMS, COMPOUND_NOUN_MODIFIERS, CUE_NOUNS, DETERMINERS, DOCUMENT_CUES, DOCUMENT_NOUNS, FINITE_BE, LEXICON, MANNER_CUES,
    MANNER_QUOTE_CLOSERS, NOMINAL_CUES, NOT_SPEECH_IDIOMS, NOUNS_FIRST, OPENING_PHRASE_WORDS, PARENTHETICAL_CUES, PLURAL_DETERMINERS,
    PRE_CUE, QUESTION_WORDS, RELATIVE_OBJECTS, SINGLE_QUOTES, SUBJECT_PRONOUNS, THIRD_PERSON_POSSESSIVES,
};
use crate::text::tokens::Tok;

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
    /// `X's claim that Y`: a noun of a claim, its speaker the possessive before it.
    Nominal,
}

/// A cue found in the text: token range `[first, last)`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cue {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) stance: Stance,
    pub(crate) form: Form,
}

fn slots(row: &str) -> Vec<(Vec<&str>, bool)> {
    row.split(' ')
        .map(|s| {
            let (s, opt) = s.strip_suffix('?').map_or((s, false), |x| (x, true));
            (s.split('|').collect(), opt)
        })
        .collect()
}

/// A row's slots: each its alternatives and whether it is optional.
type Slots = Vec<(Vec<&'static str>, bool)>;

/// A lexicon row split into slots (alternatives, optional) with its stance.
type Row = (Slots, Stance);

/// The lexicon rows split into slots, once.
fn lexicon() -> &'static [Row] {
    static ROWS: std::sync::OnceLock<Vec<Row>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| LEXICON.iter().map(|(r, s)| (slots(r), *s)).collect())
}

/// The idioms in which a cue word reports nothing, split into slots, each with
/// whether it is anchored at a clause start.
fn idioms() -> &'static [(Slots, bool)] {
    static ROWS: std::sync::OnceLock<Vec<(Slots, bool)>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| NOT_SPEECH_IDIOMS.iter().map(|r| r.strip_prefix("^ ").map_or((slots(r), false), |r| (slots(r), true))).collect())
}

/// Whether token `i` stands inside an idiom in which it reports nothing (`Having
/// said that,`, `worth noting`): an idiom row that matches from a token at most its
/// length before `i` and covers `i`; an anchored row only at `from` or after a mark.
fn in_idiom(toks: &[Tok], i: usize, from: usize) -> bool {
    idioms().iter().any(|(row, anchored)| {
        (i.saturating_sub(row.len() - 1).max(from)..=i)
            .any(|s| match_row(row, toks, s).is_some_and(|n| s + n > i) && (!anchored || s == from || !toks[s - 1].word))
    })
}

/// Length in tokens of the longest match of `row` at `toks[i..]`.
fn match_row(row: &[(Vec<&str>, bool)], toks: &[Tok], i: usize) -> Option<usize> {
    fn go(row: &[(Vec<&str>, bool)], toks: &[Tok], i: usize) -> Option<usize> {
        let Some(((alts, opt), rest)) = row.split_first() else { return Some(0) };
        let here = toks.get(i).filter(|t| alts.contains(&t.lower.as_str())).and_then(|_| go(rest, toks, i + 1).map(|n| n + 1));
        if here.is_some() {
            return here;
        }
        if *opt {
            go(rest, toks, i)
        } else {
            None
        }
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
        // "the senator's claim that ...", "his insistence that ...": a noun of a claim
        // after its speaker's possessive, before "that"
        let owner = i.checked_sub(1).filter(|&p| p >= from).is_some_and(|p| {
            let w = toks[p].lower.as_str();
            THIRD_PERSON_POSSESSIVES.contains(&w) || possessive_stem(w).is_some_and(|stem| !stem.is_empty() && toks[p].cap)
        });
        if owner && NOMINAL_CUES.contains(&toks[i].lower.as_str()) && toks.get(i + 1).is_some_and(|t| t.lower == "that") && i + 1 < to {
            out.push(Cue { first: i, last: i + 1, stance: Stance::Assert, form: Form::Nominal });
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
        // a capitalised `May` or `Will` before the cue is the month or a name ("who in
        // May said"), not a modal
        let prev_name = i.checked_sub(1).is_some_and(|p| toks[p].cap && AUX_ALSO_NAMES.contains(&toks[p].lower.as_str()));
        let decline = stance == Stance::Decline;
        let passive = toks[i + n - 1].lower == "by";
        // "is saying", "was telling": the progressive reports like the simple form
        let progressive = n == 1 && head.ends_with("ing") && prev.is_some_and(|p| FINITE_BE.contains(&p));
        // "was told", "to say", "will announce": passive, infinitive or future.
        let blocked = !progressive
            && !decline
            && !passive
            && !head.starts_with("according")
            && !FINITE_BE.contains(&head)
            && !prev_name
            && prev.is_some_and(|p| BLOCKERS.contains(&p));
        // after a possessive a cue word is a noun ("Editor’s note:"), not after a
        // pronoun's contracted "has" or "is" ("He’s said that")
        let possessive = prev.and_then(possessive_stem).is_some_and(|stem| {
            !SUBJECT_PRONOUNS.contains(&stem) && !RELATIVE_OBJECTS.contains(&stem) && !QUESTION_WORDS.contains(&stem) && stem != "there"
        });
        // after a determiner a cue word is a noun or an adjective ("the tweets", "an
        // added benefit", "the said company"); "calls" / "claims" / "reports" are nouns
        // after "phone" or "of" too; a word that is a plural noun first ("media reports
        // that", "Media reports that") reports only right after a capitalised word
        // inside its sentence, a name ("The Post reports that")
        // a cue word in `-s` after a plural determiner, a number or a noun it makes a
        // compound with is a plural noun ("any questions", "0.1 percentage points to")
        let plural = head.ends_with('s')
            && !head.ends_with("ss")
            && prev.is_some_and(|p| {
                PLURAL_DETERMINERS.contains(&p)
                    || COMPOUND_NOUN_MODIFIERS.contains(&p)
                    || p.starts_with(|c: char| c.is_ascii_digit()) && p.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            });
        let nounish = plural
            || n == 1
                && (prev.is_some_and(|p| DETERMINERS.contains(&p) || (CUE_NOUNS.contains(&head) && p == "of"))
                    || possessive
                    || NOUNS_FIRST.contains(&head) && !i.checked_sub(1).is_some_and(|p| p > from && toks[p].cap));
        // "called" alone ("called the deal an embarrassment") is not a cue.
        let bare_called = CALL_FORMS.contains(&head) && n == 1;
        // "continued to rise", "the comments": a manner verb reports speech only
        // next to what was said (or, for "asked", its object and question)
        let manner = n == 1 && MANNER_CUES.contains(&head) && !manner_context(toks, i, to);
        // "as Ruiz put it,": only as a parenthetical of its own
        let parenthetical = PARENTHETICAL_CUES.contains(&head) && !parenthetical_context(toks, i + n, from, i, to);
        // "reads", "states": a document's words only right after a document noun
        let not_document = DOCUMENT_CUES.contains(&head) && !prev.is_some_and(|p| DOCUMENT_NOUNS.contains(&p));
        if blocked || nounish || bare_called || manner || parenthetical || not_document || in_idiom(toks, i, from) || skip(&toks[i + n - 1])
        {
            i += 1;
            continue;
        }
        let mut first = if progressive { i - 1 } else { i };
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
        } else if !progressive && (head.ends_with("ing") || (decline && head == "without")) {
            Form::Participle
        } else {
            Form::Finite
        };
        out.push(Cue { first, last: i + n, stance, form });
        i += n;
    }
    out
}

/// Most tokens between `as` and a parenthetical cue (`as one trader put it`): its speaker.
pub(crate) const PARENTHETICAL_SPEAKER_TOKENS: usize = 6;

/// Whether the cue ending before token `end` (starting at `at`) is a parenthetical
/// `as X put it`: `as` a few words before it, then a comma or the sentence end.
fn parenthetical_context(toks: &[Tok], end: usize, from: usize, at: usize, to: usize) -> bool {
    let closes = end >= to || toks[end].lower == "," || is_sentence_end(&toks[end].lower);
    closes && (at.saturating_sub(PARENTHETICAL_SPEAKER_TOKENS).max(from)..at).any(|k| toks[k].lower == "as")
}

/// Whether the manner cue at `i` stands where it reports speech: before `,` `:` a
/// quotation mark or a clause opener; after a comma or a closing quotation mark and
/// before the sentence end or its speaker (`“...,” she joked.`, `“...?” asked
/// Smith`); for `asked`, before an object and its question (`asked him whether`),
/// but never `asked not to be named`.
fn manner_context(toks: &[Tok], i: usize, to: usize) -> bool {
    let next = |k: usize| toks.get(k).filter(|_| k < to).map(|t| t.lower.as_str());
    let head = toks[i].lower.as_str();
    if matches!(next(i + 1), Some("not" | "for"))
        || (next(i + 1) == Some("that") && next(i + 2).is_some_and(|w| THIRD_PERSON_POSSESSIVES.contains(&w)))
    {
        return false;
    }
    if next(i + 1).is_some_and(is_manner_next) {
        return true;
    }
    // "agreed it was ...": a clause without `that`, opened by a subject pronoun and
    // its auxiliary
    if next(i + 1).is_some_and(|w| SUBJECT_PRONOUNS.contains(&w)) && next(i + 2).is_some_and(|w| AUX.contains(&w)) {
        return true;
    }
    // "yelled to the guards that ...": a hearer, then what was said
    if next(i + 1) == Some("to") {
        let opener =
            (i + 3..(i + 7).min(to)).find(|&k| is_manner_next(&toks[k].lower) && !QUESTION_WORDS.contains(&toks[k].lower.as_str()));
        if opener.is_some_and(|k| (i + 2..k).all(|m| toks[m].word)) {
            return true;
        }
    }
    let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
    // (not a participle after a comma: ", shouting profanities")
    if prev.is_some_and(|p| p == "," || MANNER_QUOTE_CLOSERS.contains(&p)) && !head.ends_with("ing") {
        return true;
    }
    // "“...,” he joked." — closing the sentence, or closing it after a few words of
    // circumstance ("“...?” Lima asked on Monday."), with a quotation just before its
    // speaker
    let ends = |k: usize| next(k).is_none_or(is_sentence_end);
    // (or before a clause of circumstance: "“...,” she yells while running")
    let circumstance = |reach: usize| {
        next(i + 1).is_some_and(|w| OPENING_PHRASE_WORDS.contains(&w))
            && (i + 2..=i + reach).find(|&k| ends(k)).is_some_and(|e| (i + 1..e).all(|k| toks[k].word))
    };
    let closes = ends(i + 1) || next(i + 1).is_some_and(is_subordinator) || circumstance(6);
    if closes && last_quote_closer(toks, i, 8).is_some() {
        return true;
    }
    // (a longer circumstance when only the speaker's words stand between the
    // quotation and the cue: "“…,” he declared in a tweet after the primaries.")
    let quote_then_speaker = last_quote_closer(toks, i, MANNER_SPEAKER_TOKENS + 1).is_some_and(|q| (q + 1..i).all(|k| toks[k].word));
    if quote_then_speaker && circumstance(MANNER_CIRCUMSTANCE_TOKENS) {
        return true;
    }
    // "The plan is dead, the minister declared." — after a comma and a short mention
    // of words, closing the sentence
    let comma = (i.saturating_sub(MANNER_SPEAKER_TOKENS + 1)..i).rev().find(|&k| toks[k].lower == ",");
    // (a mention, not a clause: "…, these are important questions.")
    if ends(i + 1) && comma.is_some_and(|c| c + 1 < i && (c + 1..i).all(|k| toks[k].word && !AUX.contains(&toks[k].lower.as_str()))) {
        return true;
    }
    if ASK_FORMS.contains(&head) {
        // "asked him whether ...", or "“…?” she asked reporters." after a quotation
        // (its speaker right after the quotation: not "“…,” when the council asked")
        let after_quote = last_quote_closer(toks, i, 8).is_some_and(|q| !(q + 1..i).any(|k| is_subordinator(&toks[k].lower)));
        let object = closing_object_end(toks, i + 1, to).is_some() && !next(i + 1).is_some_and(is_asked_opener);
        return asked_object_end(toks, i + 1, to).is_some_and(|j| j > i + 1) || after_quote && object;
    }
    false
}

/// Most words of an object that closes its sentence after `asked` (`“…?” she asked
/// Republican lawmakers.`).
const CLOSING_OBJECT_TOKENS: usize = 4;

/// Where an object that starts at token `i` and closes the sentence ends (the
/// sentence's final mark, or `to`): words only, at most [`CLOSING_OBJECT_TOKENS`].
pub(crate) fn closing_object_end(toks: &[Tok], i: usize, to: usize) -> Option<usize> {
    let end = (i + 1..=(i + CLOSING_OBJECT_TOKENS).min(to)).find(|&k| k >= to || is_sentence_end(&toks[k].lower))?;
    (i..end).all(|k| toks[k].word).then_some(end)
}

/// The last closing quotation mark among the `reach` tokens before token `i`.
fn last_quote_closer(toks: &[Tok], i: usize, reach: usize) -> Option<usize> {
    (i.saturating_sub(reach)..i).rev().find(|&k| MANNER_QUOTE_CLOSERS.contains(&toks[k].lower.as_str()))
}

/// Most tokens from a manner cue to the end of a circumstance that closes its
/// sentence (`“…,” he declared in a tweet after the primaries.`).
const MANNER_CIRCUMSTANCE_TOKENS: usize = 10;

/// Most tokens of a speaker between a comma and a manner cue that closes the
/// sentence (`…, the Associated Press declared.`).
const MANNER_SPEAKER_TOKENS: usize = 5;

/// Most tokens of the object of `asked` before its question or request (`asked the
/// candidates to`); with an apposition between commas (`asked Ann Lee, the
/// moderator of the debate, to`), [`ASKED_APPOSED_OBJECT_TOKENS`].
const ASKED_OBJECT_TOKENS: usize = 5;

/// Most tokens of an object of `asked` with its apposition.
const ASKED_APPOSED_OBJECT_TOKENS: usize = 16;

/// Where the object of `asked` that starts at token `i` ends: at the word that opens
/// the question or request (`to`, `whether`, `about`), after words only, or after
/// an apposition set off by commas.
pub(crate) fn asked_object_end(toks: &[Tok], i: usize, to: usize) -> Option<usize> {
    let opener = |k: usize| is_asked_opener(&toks[k].lower);
    if let Some(j) = (i..(i + ASKED_OBJECT_TOKENS).min(to)).find(|&k| opener(k)) {
        return (i..j).all(|k| toks[k].word).then_some(j);
    }
    let j = (i..(i + ASKED_APPOSED_OBJECT_TOKENS).min(to)).find(|&k| opener(k))?;
    let commas = (i..j).filter(|&k| toks[k].lower == ",").count();
    let apposed = commas == 2
        && toks[j - 1].lower == ","
        && (i..j).all(|k| {
            toks[k].word
                || toks[k].lower == ","
                || possessive_stem(&toks[k].lower).is_some()
                || SINGLE_QUOTES.contains(&toks[k].lower.as_str())
        });
    apposed.then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

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
            ("She continued, “We are not done.”", &[("continued", Assert, Finite)]),
            ("Prices continued to rise.", &[]),
            ("“Not today,” he joked.", &[("joked", Assert, Finite)]),
            // after a quotation, closing the sentence after a short circumstance
            ("“Why now?” Ana Lima asked on Monday.", &[("asked", Assert, Finite)]),
            ("“Not today,” he joked during the hearing.", &[("joked", Assert, Finite)]),
            (
                "“Why now?” Lima asked on Monday whether it was legal, and then he said no more.",
                &[("asked", Assert, Finite), ("said", Assert, Finite)],
            ),
            ("After “Cats” closed, the show continued on tour across the country for years.", &[]),
            ("Prices continued in May.", &[]),
            ("Lee asked the judges to reconsider.", &[("asked", Assert, Finite)]),
            ("A source who asked not to be named said so.", &[("said", Assert, Finite)]),
            ("The comments drew criticism.", &[]),
            ("She pointed out that the law had changed.", &[("pointed out", Assert, Finite)]),
            ("Questions remain about the deal.", &[]),
            ("The mayor is warning residents that roads will flood.", &[("is warning", Assert, Finite)]),
            ("Officials were saying little.", &[("were saying", Assert, Finite)]),
            // idioms in which a cue word reports nothing
            ("Having said that, the plan still stands.", &[]),
            ("That said, the mayor said the plan stands.", &[("said", Assert, Finite)]),
            ("It is worth noting that the vote was close.", &[]),
            ("It goes without saying that nobody wants a strike.", &[]),
            ("There is no denying the team had a good year.", &[]),
            ("(Reporting by Ann Lee; Writing by Tom Hart)", &[]),
            ("The most telling moment came late.", &[]),
            ("“Not yet,” he said when asked.", &[("said", Assert, Finite)]),
            // a manner cue after a comma and a short mention, closing the sentence; after
            // a quotation and its speaker, before a longer circumstance
            ("The bridge will close, the minister declared.", &[("declared", Assert, Finite)]),
            ("“Growth is back,” he declared in a post on his website after the vote.", &[("declared", Assert, Finite)]),
            ("The budget is tight, and these are hard questions.", &[]),
            ("The governor has the final say on the budget.", &[]),
            ("It is no better than, say, the plan the mayor offered.", &[]),
            // a cue word in `-s` after a plural determiner, a number or a compound's noun
            ("She took a few questions from reporters.", &[]),
            ("Growth rose 0.3 percentage points to 2.1 percent.", &[]),
            ("He kept 3 notes on the desk.", &[]),
            ("The mayor points to the budget.", &[("points to", Assert, Finite)]),
            ("Many argue that the tax is too high.", &[("argue", Assert, Finite)]),
        ];
        for (t, want) in table {
            let got = cues(t);
            let want: Vec<(String, Stance, Form)> = want.iter().map(|(a, b, c)| (a.to_string(), *b, *c)).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }
}

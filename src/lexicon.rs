//! Every word list the heuristics use, in one place, each with a line on what it is
//! for: adding a cue, a role noun or an abbreviation is one line here. Lists are
//! lower-case; multi-word entries match token by token.
//!
//! Marks are listed here too: the quotation marks and punctuation the rules read,
//! as tokens (`&str`, where a doubled `''` or ``` `` ``` is one token) or as
//! characters (`char`, for the text step, before tokens).
//!
//! The cue rows use a small pattern language: space-separated slots, `a|b`
//! alternatives, a trailing `?` for an optional slot (`did|does not immediately?
//! respond`).

use crate::claim::Stance;

// ---- Sentences, quotations and tokens

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc",
    "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "ft", "mt", "pres", "maj", "brig", "supt", "det", "insp", "messrs", "approx", "est", "dept",
    "univ",
];

/// Whether `word` (lower-case, without its period) is an abbreviation after which a
/// period does not end a sentence or a name (`mr`, `gen`, `u.s`).
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// The marks of a possessive (`Trump’s`, `the official's`).
const POSSESSIVE_SUFFIXES: [&str; 2] = ["’s", "'s"];

/// The possessor of a possessive word (`mayor` of `mayor’s`), `None` for another word.
/// (A possessive whose apostrophe was stripped, `Iran s`, is two words; callers that
/// read stripped text also take the lone `s`.)
pub(crate) fn possessive_stem(word: &str) -> Option<&str> {
    POSSESSIVE_SUFFIXES.iter().find_map(|s| word.strip_suffix(s))
}

/// Whether `word` opens a subordinate clause that is the writer's when it follows a
/// report (`, as both camps raced ...`, `, when Clinton blasted him`):
/// [`CONTENT_CLOSING_SUBORDINATORS`] or [`FRONTING_SUBORDINATORS`].
pub(crate) fn is_subordinator(word: &str) -> bool {
    CONTENT_CLOSING_SUBORDINATORS.contains(&word) || FRONTING_SUBORDINATORS.contains(&word)
}

/// Whether `word` (lower-case, without its period) abbreviates a person's title
/// (`del` of `Del. Stacey Plaskett`); some are also places (`Wilmington, Del.`), so
/// callers count one as a title only where no comma stands before it.
pub(crate) fn is_title_abbreviation(word: &str) -> bool {
    TITLE_ABBREVIATIONS.iter().any(|(a, _)| *a == word)
}

/// Characters that end a sentence.
const SENTENCE_END_CHARS: [char; 3] = ['.', '!', '?'];

/// Whether `c` ends a sentence (`.`, `!`, `?`).
pub(crate) fn is_sentence_end_char(c: char) -> bool {
    SENTENCE_END_CHARS.contains(&c)
}

/// Whether the token `w` is a mark that ends a sentence (`.`, `!`, `?`).
pub(crate) fn is_sentence_end(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(is_sentence_end_char) && c.next().is_none()
}

/// Characters that may close a quotation after a sentence's final mark (`.”`,
/// `?'`), straight or curly.
pub(crate) const CLOSING_QUOTE_CHARS: [char; 5] = ['"', '\'', '”', '’', '»'];

/// Characters that may open a quotation at a sentence start, straight or curly.
pub(crate) const OPENING_QUOTE_CHARS: [char; 5] = ['"', '\'', '“', '‘', '«'];

/// Double quotation marks, straight and curly: with a doubled `''`, what makes a
/// text have quotations.
pub(crate) const DOUBLE_QUOTE_CHARS: [char; 5] = ['"', '“', '”', '«', '»'];

/// Double quotation marks that open a quotation (a straight `"` may): a paragraph
/// opening with one goes on with the quotation of the paragraph before.
pub(crate) const DOUBLE_OPENING_QUOTE_CHARS: [char; 3] = ['“', '"', '«'];

/// Characters after which a straight `"` may open a quotation, besides whitespace.
pub(crate) const BEFORE_OPENING_STRAIGHT_QUOTE: [char; 4] = ['(', '[', '—', '-'];

/// Characters that may stand inside a word, between letters or digits (`U.S`,
/// `Lopez-Hart`, `Trump’s`, `AT&T`).
pub(crate) const WORD_INNER_CHARS: [char; 5] = ['.', '-', '\'', '’', '&'];

/// Punctuation that closes a word's clause or phrase: comma, period, semicolon,
/// colon.
pub(crate) const CLAUSE_PUNCTUATION: [char; 4] = [',', '.', ';', ':'];

/// Characters trimmed off the start of a claim's content: space, punctuation,
/// dashes and opening quotation marks.
pub(crate) const CONTENT_LEAD_TRIM: &[char] = &[' ', ',', ':', ';', '“', '"', '«', '`', '\'', '-', '—', '–', '\n', '\t'];

/// Characters trimmed off the end of a claim's content: space, punctuation, dashes
/// and closing quotation marks.
pub(crate) const CONTENT_TRAIL_TRIM: &[char] = &[' ', ',', '.', ':', ';', '”', '"', '»', '\n', '\t', '-', '—', '–'];

/// Quotation mark tokens that may open a quotation (a straight `"` or `''` may).
pub(crate) const OPENING_QUOTES: &[&str] = &["“", "\"", "«", "''", "``"];

/// Quotation mark tokens that may close a quotation.
pub(crate) const CLOSING_QUOTES: &[&str] = &["”", "\"", "»", "''"];

/// Dashes standing alone as tokens (`--` is two): they open and close an aside.
pub(crate) const DASHES: &[&str] = &["-", "—", "–"];

/// Nouns in `-ly` that are no adverbs before a cue.
pub(crate) const NOUNS_IN_LY: &[&str] =
    &["family", "ally", "rally", "assembly", "monopoly", "belly", "bully", "jelly", "anomaly", "supply"];

/// Single quotation marks and apostrophes standing alone as tokens: quotation
/// marks, with [`OPENING_QUOTES`] and [`CLOSING_QUOTES`].
pub(crate) const SINGLE_QUOTES: &[&str] = &["‘", "’", "'"];

/// Marks that may follow a sentence's last word besides sentence-final marks and
/// [`CLOSING_QUOTES`]: a closing single quotation mark, a bracket, an ellipsis.
pub(crate) const TRAILING_MARKS: &[&str] = &["’", ")", "…"];

/// Marks a quotation closes with when it is what someone said (`,”` `?”` `!”` `—”`
/// `…”`), not a phrase inside the writer's sentence.
pub(crate) const REPORTED_QUOTE_ENDS: &[&str] = &[",", "?", "!", "—", "…"];

/// Marks that set a speaker mention off from what stands before it, besides a comma
/// or semicolon (`...: X said`, `— X said`).
pub(crate) const MENTION_LEFT_BOUNDS: &[&str] = &[":", "—", "–", "(", "-"];

/// Marks that may stand inside a sentence's subject (`Rep. Ann Lee (D-N.Y.)`).
pub(crate) const SUBJECT_INNER_MARKS: &[&str] = &["(", ")", "-"];

/// Verbs that, after a quoted question or exclamation and a speaker, report it:
/// `“Why now?” Clinton asked.` is one sentence.
pub(crate) const REPORTING_VERBS_AFTER_QUOTE: &[&str] = &[
    "said", "says", "asked", "asks", "added", "adds", "told", "wrote", "writes", "tweeted", "replied", "responded", "continued", "shouted",
    "yelled", "exclaimed", "declared", "recalled", "joked", "insisted", "wondered",
];

// ---- Function words

/// The articles.
pub(crate) const ARTICLES: &[&str] = &["the", "a", "an"];

/// Determiners: after one a cue word is a noun or an adjective (`the tweets`, `an
/// added benefit`, `his comments`).
pub(crate) const DETERMINERS: &[&str] = &["a", "an", "the", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your"];

/// Subject pronouns but `you` (the one rule that reads `you` too names it).
pub(crate) const SUBJECT_PRONOUNS: &[&str] = &["i", "we", "he", "she", "they", "it"];

/// Third-person pronouns a speaker mention may be, whose antecedent may open an
/// earlier sentence (the model then tags those sentences' openings).
pub(crate) const THIRD_PERSON_PRONOUNS: &[&str] = &["he", "she", "it", "they"];

/// Whether a speaker mention (lower case) is a third-person pronoun (`he`, `she`,
/// `it`, `they`): it names no source by itself.
pub fn is_pronoun(mention: &str) -> bool {
    THIRD_PERSON_PRONOUNS.contains(&mention)
}

/// Whether a speaker mention (lower case) names no source by itself: a third-person
/// pronoun, a relative pronoun (`who`) or a first-person one (the writer's `I`). Left unresolved, such a mention is counted
/// apart, never as an anonymous source.
pub fn names_no_source(mention: &str) -> bool {
    is_pronoun(mention) || RELATIVE_PRONOUNS.contains(&mention) || FIRST_PERSON_PRONOUNS.contains(&mention)
}

/// First-person subject pronouns: the writer (an op-ed's `I`), no name and no source
/// the text names.
pub(crate) const FIRST_PERSON_PRONOUNS: &[&str] = &["i", "we"];

/// Pronouns for a person (`he`, `she`).
pub(crate) const PERSON_PRONOUNS: &[&str] = &["he", "she"];

/// Possessive determiners of a third person (`asked that his name not be used`).
pub(crate) const THIRD_PERSON_POSSESSIVES: &[&str] = &["his", "her", "their"];

/// Relative pronouns that open a clause on a mention (`X, who ...`).
pub(crate) const RELATIVE_PRONOUNS: &[&str] = &["who", "which", "whose"];

/// Relative pronouns that may be the object of a cue inside a relative clause
/// (`..., which analysts said ...`).
pub(crate) const RELATIVE_OBJECTS: &[&str] = &["who", "which", "that"];

/// Words that open an indirect question (`asked whether`, `said how`).
pub(crate) const QUESTION_WORDS: &[&str] = &["whether", "if", "how", "why", "what", "when", "where", "who"];

/// Quantifiers that may head a mention (`some said`, `many argued`).
pub(crate) const QUANTIFIERS: &[&str] = &["some", "several", "many"];

/// The present and past of `be`: one before an `-ing` cue makes it progressive (`is
/// saying`); a cue that opens with one (`was quoted as saying`) is not blocked by
/// the word before it.
pub(crate) const FINITE_BE: &[&str] = &["is", "are", "was", "were"];

// ---- Cues

/// Lexicon rows: space-separated slots; `a|b` alternatives, a trailing `?` marks an
/// optional slot. The longest match at a position wins.
pub(crate) const LEXICON: &[(&str, Stance)] = &[
    // assert
    ("said|says|say|saying|tell|tells|told|telling", Stance::Assert),
    ("added|adds|adding|noted|notes|noting|argued|argues|arguing|argue", Stance::Assert),
    ("warned|warns|warning|cautioned|cautions|cautioning", Stance::Assert),
    ("warned|warns|cautioned|cautions against", Stance::Assert),
    ("stated|explained|explains|explaining|insisted|insists|insisting", Stance::Assert),
    ("emphasised|emphasized|emphasises|emphasizes|emphasising|emphasizing|stressed|stresses|stressing|reiterated|reiterates|reiterating", Stance::Assert),
    ("wrote|writes|writing|tweeted|tweets|posted", Stance::Assert),
    ("reported|announced|announces|announcing|asserted|asserts|asserting|maintained|maintains|maintaining", Stance::Assert),
    ("defends|defended|defending", Stance::Assert),
    ("claimed|claims|claiming|contended|contends|contending|testified|testifies|complained|complains|complaining", Stance::Assert),
    ("replied|replies|responded|recalled|recalls|recalling|predicted|predicts|predicting|observed|remarked", Stance::Assert),
    ("urged|urges|urging", Stance::Assert),
    // requests, like urged: "implored her to", "pleaded with the board to"
    // (not their participles: "a video that includes her pleading with officers")
    ("implored|implores|begged|begs", Stance::Assert),
    ("pleaded|pleads with", Stance::Assert),
    ("called|calls|calling for|on", Stance::Assert),
    ("called|calls monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|again|also|repeatedly for|on", Stance::Assert),
    // verbs of manner and sequence, cues only next to a quotation or a clause (see
    // MANNER_CUES): "she continued, “...”", "“...,” he joked", "asked whether ..."
    ("continued|continues|concluded|concludes|quipped|quips|joked|jokes|boasted|boasts|bragged|brags", Stance::Assert),
    ("mused|muses|lamented|laments|shouted|yelled|exclaimed|countered|counters|retorted|retorts", Stance::Assert),
    ("chanted|chants|screamed|screams|yells|shouts|whispered|whispers", Stance::Assert),
    ("yelling|shouting|screaming|chanting", Stance::Assert),
    // a document's words (only right after a document noun, see DOCUMENT_CUES):
    // "the letter reads:", "A notice on its website states that"
    ("reads|read|states", Stance::Assert),
    ("declared|declares|revealed|reveals|disclosed|discloses|commented|comments|alleged|alleges|alleging", Stance::Assert),
    ("asked|asks|asking|questioned|questions", Stance::Assert),
    // forms and verbs that are speech only next to what was said, like the manner verbs:
    // "officials explain that", "clarified:", "charged that" (not forms that are also nouns,
    // "Editor's note:", "the reasons", nor "assures": "the decision assures that" is no
    // speech; "reports" only right after a name, see NOUNS_FIRST)
    ("tweeting|responds|announce|explain|write|assert|reports", Stance::Assert),
    ("agreed|agrees|agree", Stance::Assert),
    // plural present forms, most of them nouns too ("a note", "the claim"): cues only
    // next to what was said ("Critics contend that", "Experts warn:")
    ("add|note|warn|insist|claim|contend|maintain|predict|stress|emphasize|reiterate|complain|allege|reply|recall|caution|declare|reveal|disclose|observe", Stance::Assert),
    ("dispute|reject|dismiss", Stance::Deny),
    ("concede|admit|confirm", Stance::Confirm),
    ("suggest", Stance::Hedge),
    ("stating|replying", Stance::Assert),
    ("clarified|clarifies|charged|reasoned|theorized|theorised|theorizes|deflected|interjected", Stance::Assert),
    ("acknowledge", Stance::Confirm),
    // a reporting verb after a verb of going on or trying: the group is the cue
    ("went|goes|go|going on to say|argue|insist|note|add|explain|claim|warn|tell|assert|stress|write|predict", Stance::Assert),
    ("continued|continues|continue|tried|tries|try|sought|seeks|began|begins|begun to say|argue|insist|note|add|explain|claim|warn|tell|assert|stress|write|predict", Stance::Assert),
    ("was|were|is|are|been quick to say|note|add|point|stress|insist|argue|warn|claim|praise|criticize|blame|deny", Stance::Assert),
    ("pointed|points out|to", Stance::Assert),
    // only in a parenthetical `as X put it` (see PARENTHETICAL_CUES)
    ("put|puts it", Stance::Assert),
    ("according to", Stance::Assert),
    ("was|were|is|are quoted as saying", Stance::Assert),
    ("quoted as saying", Stance::Assert),
    ("indicated|indicates", Stance::Assert),
    // deny
    ("denied|denies|deny|denying|rejected|rejects|rejecting|dismissed|dismisses|dismissing", Stance::Deny),
    ("refuted|refutes|disputed|disputes|disputing", Stance::Deny),
    ("rejected|denied|dismissed|disputed|refuted by", Stance::Deny),
    // "The story was first reported by the Globe": the subject is what was reported
    ("reported|revealed|disclosed|announced by", Stance::Assert),
    // confirm
    ("confirmed|confirms|confirming|acknowledged|acknowledges|acknowledging", Stance::Confirm),
    ("conceded|concedes|conceding|admitted|admits|admitting", Stance::Confirm),
    ("confirmed|acknowledged by", Stance::Confirm),
    // hedge
    ("suggested|suggests|suggesting|hinted|hints|hinting|speculated|speculates|speculating", Stance::Hedge),
    ("signaled|signalled|signals|signaling|signalling", Stance::Hedge),
    // a question put as a doubt: "wondered whether the moderators would be fair"
    ("wondered|wonders", Stance::Hedge),
    ("wondered|wonders aloud", Stance::Hedge),
    // decline
    ("declined|declines|declining|refused|refuses|refusing to comment|say|name|elaborate|discuss|confirm|provide|give|identify|specify|disclose|answer|respond|detail", Stance::Decline),
    // a refusal to make a statement of a kind: "declined to threaten Moscow", "refused
    // to endorse him", "declined to predict"
    ("declined|declines|declining|refused|refuses|refusing to threaten|declare|endorse|predict|condemn|criticize|criticise|blame|apologize|apologise|speculate|characterize|describe|explain|address|rule|guarantee|commit|pledge|promise", Stance::Decline),
    ("has|have|had|is|are yet to respond|reply|comment|say|confirm|answer|explain", Stance::Decline),
    ("did|does|do|would|could|has|have|had not|n't|never immediately? respond|reply|comment|say|confirm|elaborate|return|answer|disclose|specify|identify|deny|provide|explain", Stance::Decline),
    ("didn't|didn’t|doesn't|doesn’t|wouldn't|wouldn’t|couldn't|couldn’t|hasn't|hasn’t|haven't|haven’t immediately? respond|reply|comment|say|confirm|elaborate|return|answer|disclose|specify|identify|deny|provide|explain", Stance::Decline),
    ("has|have|had not|n't yet? responded|replied|commented|said|confirmed|disclosed|specified|identified|elaborated|explained|returned", Stance::Decline),
    ("hasn't|hasn’t|haven't|haven’t|hadn't|hadn’t yet? responded|replied|commented|said|confirmed|disclosed|specified|identified|elaborated|explained|returned", Stance::Decline),
    // a negated progressive: "is not saying", "isn't commenting on"
    ("is|are|was|were not saying|commenting|discussing", Stance::Decline),
    ("isn't|isn’t|aren't|aren’t|wasn't|wasn’t|weren't|weren’t saying|commenting|discussing", Stance::Decline),
    ("was|were not available|immediately? available for comment", Stance::Decline),
    ("could|can not|n't be reached|contacted", Stance::Decline),
    ("couldn't|couldn’t|cannot be reached|contacted", Stance::Decline),
    ("without giving|providing|disclosing|elaborating|offering details|detail", Stance::Decline),
    ("without disclosing|naming|identifying", Stance::Decline),
    ("referred questions|reuters|requests|inquiries to", Stance::Decline),
];

/// Cue heads that report speech only in a parenthetical `as X put it`, set off by a
/// comma or closing its sentence (elsewhere `put it on the table` is no speech).
pub(crate) const PARENTHETICAL_CUES: &[&str] = &["put", "puts"];

/// Cues that report speech only next to what was said: followed by `,` `:` a
/// quotation mark, `that` or a question word, or closing a sentence after a
/// quotation (`“...,” she continued.`). Elsewhere they are other verbs (`continued
/// to rise`, `questions remain`, `the comments`).
pub(crate) const MANNER_CUES: &[&str] = &[
    "continued", "continues", "concluded", "concludes", "quipped", "quips", "joked", "jokes", "boasted", "boasts", "bragged", "brags",
    "mused", "muses", "lamented", "laments", "shouted", "yelled", "exclaimed", "countered", "counters", "retorted", "retorts", "declared",
    "declares", "revealed", "reveals", "disclosed", "discloses", "commented", "comments", "alleged", "alleges", "alleging", "asked",
    "asks", "asking", "wondered", "wonders", "questioned", "questions", "tweeting", "responds", "announce", "explain", "write", "assert",
    "clarified", "clarifies", "charged", "reasoned", "theorized", "theorised", "theorizes", "deflected", "interjected", "acknowledge",
    "reports", "agreed", "agrees", "agree", "add", "note", "warn", "insist", "claim", "contend", "maintain", "predict", "stress",
    "emphasize", "reiterate", "complain", "allege", "reply", "recall", "caution", "declare", "reveal", "disclose", "observe", "dispute",
    "reject", "dismiss", "concede", "admit", "confirm", "suggest", "chanted", "chants", "screamed", "screams", "yells", "shouts",
    "whispered", "whispers", "reads", "read", "states", "yelling", "shouting", "screaming", "chanting",
];

/// Cue words that report a document's words only right after a document noun (`the
/// letter reads`, `the notice states that`); elsewhere `read` and `states` are other
/// words (`She read the report`, `the states that voted`).
pub(crate) const DOCUMENT_CUES: &[&str] = &["reads", "read", "states"];

/// Marks that may follow a manner cue for it to report speech: punctuation and
/// opening quotation marks ([`is_manner_next`]).
const MANNER_NEXT_MARKS: &[&str] = &[",", ":", "“", "\"", "‘", "«", "''", "``"];

/// Whether `w` may follow a manner cue for it to report speech: punctuation, an
/// opening quotation mark, the complementiser `that` or a question word.
pub(crate) fn is_manner_next(w: &str) -> bool {
    MANNER_NEXT_MARKS.contains(&w) || w == "that" || QUESTION_WORDS.contains(&w)
}

/// Closing quotation marks after which a manner cue reports the quotation they
/// close (`“...,” she joked`).
pub(crate) const MANNER_QUOTE_CLOSERS: &[&str] = &["”", "\"", "’", "''"];

/// Whether `w` opens the question or request after `asked` and its object, which
/// ends there (`asked the candidates to discuss`, `asked him whether`, `asked
/// about`).
pub(crate) fn is_asked_opener(w: &str) -> bool {
    QUESTION_WORDS.contains(&w) || w == "to" || w == "about"
}

/// Forms of `ask`.
pub(crate) const ASK_FORMS: &[&str] = &["asked", "asks", "asking"];

/// Forms of `tell`.
pub(crate) const TELL_FORMS: &[&str] = &["told", "tell", "tells", "telling"];

/// Forms of `call`: alone (`called the deal an embarrassment`) no cue, only with
/// `for` or `on`.
pub(crate) const CALL_FORMS: &[&str] = &["called", "calls", "calling"];

/// Cue words that are nouns after `of` or a noun that modifies them (`of reports`,
/// `phone calls`).
pub(crate) const CUE_NOUNS: &[&str] = &["calls", "claims", "notes", "posted", "reports"];

/// Nouns that make a compound with a cue word in `-s` after them, which is then a
/// noun too (`phone calls`, `0.1 percentage points to 4.2 percent`, `talking points`).
pub(crate) const COMPOUND_NOUN_MODIFIERS: &[&str] = &["phone", "percentage", "basis", "talking", "bullet"];

/// Words after which a cue word in `-s` is a plural noun, never a verb of the third
/// person singular (`any questions that`, `a few claims`, `both notes`).
pub(crate) const PLURAL_DETERMINERS: &[&str] = &[
    "any", "few", "many", "several", "various", "numerous", "both", "all", "other", "more", "fewer", "some", "such", "no", "these",
    "those", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Nouns of a claim that report one after their speaker's possessive and `that`
/// (`the senator's claim that ...`, `his insistence that ...`).
pub(crate) const NOMINAL_CUES: &[&str] =
    &["claim", "claims", "assertion", "assertions", "contention", "insistence", "allegation", "allegations", "argument", "warning"];

/// Idioms in which a cue word reports nothing, as rows of the [`LEXICON`]'s slots;
/// a leading `^` anchors a row at the start of its sentence or clause (`Having said
/// that, ...`, `That said, ...`, `It is worth noting that ...`, `It goes without
/// saying that ...`, `There's no denying ...`, `Writing by ...`, `most telling`).
pub(crate) const NOT_SPEECH_IDIOMS: &[&str] = &[
    "^ having said that|this",
    "^ that|this said ,",
    "^ that|this being said",
    "worth noting|mentioning|saying|pointing|adding|recalling|stressing|emphasizing|emphasising|repeating|asking",
    "goes|go|went|gone|going without saying",
    "no denying",
    // `say` as a noun, and as "for example" between commas: "has the final say",
    // "no better than, say, the mayor's plan"
    "final|larger|greater|bigger|big|equal|direct say",
    "^ say ,",
    // the passive with its subject left out: "..., he said when asked."
    "when|if|after|once|unless|until asked",
    // a news agency's credits: "(Reporting by A; Writing by B)"
    "reporting|writing by",
    // an adjective: "the most telling promise", "is very telling"
    "most|more|very|so|less|particularly|especially|equally|quite telling",
];

/// Cue words that are plural nouns first: a cue only right after a capitalised
/// name (`The Post reports that`, not `amid media reports that`).
pub(crate) const NOUNS_FIRST: &[&str] = &["reports"];

/// Words that may stand between a subject and its cue and belong to the cue.
pub(crate) const PRE_CUE: &[&str] = &[
    "has", "have", "had", "also", "repeatedly", "previously", "earlier", "later", "quickly", "further", "again", "publicly", "privately",
    "separately", "then", "once", "already", "recently", "reportedly", "flatly", "strongly", "firmly", "immediately", "initially",
    "subsequently", "however", "in", "turn", "swiftly",
];

/// Words after which a verb is passive or not reported speech.
pub(crate) const BLOCKERS: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "to", "will", "would", "may", "might", "can", "could", "should", "must", "shall",
    "as",
];

// ---- Claims: content and speaker boundaries

/// Auxiliaries and modals: a segment holding one is a clause, not a noun phrase.
pub(crate) const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should",
    "do", "does", "did", "shall",
];

/// Auxiliaries that, capitalised, are a month or a name (`in May`, `Will Hurd`).
pub(crate) const AUX_ALSO_NAMES: &[&str] = &["may", "will"];

/// Auxiliaries contracted onto a pronoun (`he’s`, `she’d`, `they’ve`, `they’ll`,
/// `we’re`, `I’m`; `he s` where apostrophes were spaced).
pub(crate) const CONTRACTED_AUXILIARIES: &[&str] = &["s", "d", "ll", "ve", "re", "m"];

/// What joins a contracted auxiliary to its pronoun: an apostrophe, or the space a
/// stripped apostrophe left.
pub(crate) const CONTRACTION_MARKS: [char; 3] = ['’', '\'', ' '];

/// Negation words, skipped to find a cue's verb (`did not respond`).
pub(crate) const NEGATIONS: &[&str] = &["not", "n't", "never", "no"];

/// Sentence-initial words that are not part of a speaker mention.
pub(crate) const LEADERS: &[&str] = &[
    "but", "and", "so", "yet", "however", "meanwhile", "separately", "still", "also", "now", "instead", "then", "moreover", "further",
    "furthermore", "indeed", "thus", "hence", "while", "although", "though", "because", "since", "as", "when", "that", "after", "before",
    "if",
];

/// Words besides [`OPENING_PHRASE_WORDS`] that open an introductory phrase ended
/// by a comma before the subject (`Speaking to reporters, X said`, `Earlier, ...`).
const INTRO_EXTRA: &[&str] =
    &["speaking", "earlier", "later", "last", "separately", "meanwhile", "however", "but", "and", "yesterday", "today", "according"];

/// Whether `w` opens an introductory phrase (`On Thursday, X said`): one of the
/// [`OPENING_PHRASE_WORDS`] or of [`INTRO_EXTRA`].
pub(crate) fn is_intro(w: &str) -> bool {
    OPENING_PHRASE_WORDS.contains(&w) || INTRO_EXTRA.contains(&w)
}

/// Verbs that may precede their subject (`“...,” said the official`).
pub(crate) const INVERTING: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "asked", "continued", "explained", "noted", "argued", "insisted", "recalled",
    "replied", "stressed", "warned", "acknowledged", "concluded", "told", "tweeted", "reported", "declared", "joked", "quipped",
    "countered", "boasted", "shouted", "responded", "observed", "remarked", "predicted",
];

/// Words that open an introductory or circumstantial phrase, never a speaker:
/// prepositions, subordinators (`when`, `if`, `although`) and `asked` (`Asked
/// about X, she said`).
pub(crate) const OPENING_PHRASE_WORDS: &[&str] = &[
    "on", "in", "during", "after", "before", "despite", "when", "while", "as", "asked", "at", "from", "for", "since", "with", "without",
    "by", "under", "following", "amid", "if", "although",
];

/// Prepositions besides [`OPENING_PHRASE_WORDS`] whose object, in a clause before
/// a relative pronoun, is what the pronoun stands for (`drew fire from the union,
/// which`, `a dispute over the plan, which`).
pub(crate) const ANTECEDENT_PREPOSITIONS: &[&str] = &["to", "about", "against", "into", "than", "over"];

/// Conjunctions and subordinators that open a clause: in the segment before a cue,
/// after a verb, the speaker starts after the last one (`The vote failed because
/// analysts said`).
pub(crate) const CLAUSE_JOINERS: &[&str] =
    &["and", "but", "that", "while", "because", "as", "after", "when", "if", "although", "though", "since"];

/// After a comma, words that open a coordinate clause which may have a speaker of
/// its own (`, while Nissan did not respond`).
pub(crate) const COORDINATE_CLAUSE_OPENERS: &[&str] = &["while", "whereas", "but", "and", "although", "though"];

/// Coordinating conjunctions: after a closing quotation, one makes the quotation a
/// phrase of the writer's sentence (`warned against “X” and said`).
pub(crate) const COORDINATORS: &[&str] = &["and", "or", "but"];

/// Determiners and numbers that open a noun phrase naming someone (`said the
/// official`, `said two aides`).
pub(crate) const MENTION_DETERMINERS: &[&str] = &["the", "a", "an", "one", "two", "three", "four", "another", "several", "other"];

/// Pronouns that may be the speaker after its cue besides a [`MENTION_DETERMINERS`]
/// phrase (`said he`, `said others`).
pub(crate) const INVERTED_SPEAKER_PRONOUNS: &[&str] = &["he", "she", "some", "others"];

/// Words that, after a cue, open what was said, never its speaker (`said it would`,
/// `said whether`, `said to be`).
pub(crate) const CONTENT_OPENERS: &[&str] = &["that", "it", "they", "whether", "to"];

/// Words besides [`OPENING_PHRASE_WORDS`] that end the head of a speaker after an
/// inverted cue (`said the head of X`).
pub(crate) const INVERTED_HEAD_STOPS: &[&str] = &["of", "to", ","];

/// Determiners and modifiers that may open or stand in a sentence's subject before
/// its noun (`the`, `two`, `senior`, `former`, `top`).
pub(crate) const SUBJECT_MODIFIERS: &[&str] = &[
    "the", "a", "an", "some", "other", "two", "three", "several", "many", "most", "both", "all", "its", "his", "her", "their", "senior",
    "former", "top",
];

/// Words that join the capitalised words of a subject (`Bank of England`, `Smith
/// and Jones`).
pub(crate) const NAME_JOINERS: &[&str] = &["and", "of", "for"];

/// The article, counting and indefinite determiners that may open the subject of a
/// coordinate clause (`, while two officials said`).
pub(crate) const COUNTING_DETERMINERS: &[&str] = &["the", "a", "an", "two", "three", "another", "other", "some"];

/// Lower-case `-ing` words that are the adjective of a title, not a participle
/// clause (`, acting director`, `, ranking member`).
pub(crate) const TITLE_ADJECTIVES: &[&str] = &[
    "acting", "managing", "leading", "ruling", "presiding", "outgoing", "incoming", "founding", "visiting", "ranking", "reigning",
    "governing", "sitting", "serving", "retiring", "consulting", "striking", "working", "supporting", "opposing",
];

/// Words that may stand between a passive cue and its subject besides auxiliaries
/// (`Y has, however, been rejected by X`).
pub(crate) const PASSIVE_SUBJECT_SKIPS: &[&str] = &[",", "however", "also", "since", "already", "first", "previously", "earlier"];

/// Words between a decline and its topic (`did not respond to a request for comment
/// on X`, `did not respond to Reuters’ emailed questions about X`).
pub(crate) const DECLINE_OBJECT_WORDS: &[&str] = &[
    "to", "a", "an", "requests", "request", "queries", "inquiries", "calls", "messages", "emails", "seeking", "for", "comment", "comments",
    "on", "about", "regarding", "my", "our", "his", "her", "their", "voicemail", "voicemails", "texts", "questions", "query", "inquiry",
    "reuters", "reuters’", "reuters'", "emailed", "e-mailed", "written", "phone", "telephone", "email", "repeated", "multiple", "several",
];

/// Marks where a content after its cue may end (`claims::content_end` weighs each).
pub(crate) const CONTENT_END_MARKS: &[&str] = &[",", ";", ":", "—", "–", "-", "("];

/// Clause words where a content after its cue may end without a mark before them
/// (`claims::content_end` weighs each).
pub(crate) const CONTENT_END_WORDS: &[&str] = &[
    "and", "but", "as", "while", "because", "although", "though", "whereas", "which", "who", "when", "after", "before", "until", "so",
    "since", "if",
];

/// Subordinators that, after a comma and before a clause of their own, end the
/// reported clause: what follows is the writer's (`said the talks would go on, as
/// both camps raced toward a summit`).
pub(crate) const CONTENT_CLOSING_SUBORDINATORS: &[&str] = &["as", "while", "whereas", "though", "although"];

/// Words in `-ing` after a comma that open no participle tail of the writer's: the
/// content goes on (`, including three children`) or they are nouns and prepositions.
pub(crate) const NOT_PARTICIPLE_TAILS: &[&str] = &[
    "including", "according", "excluding", "regarding", "concerning", "during", "nothing", "something", "anything", "everything",
    "morning", "evening", "building", "meeting", "spending", "funding", "housing", "training", "bombing", "shooting", "hearing", "ruling",
    "warning", "beginning", "ending", "pending", "notwithstanding", "barring", "following",
];

/// Subordinators that are never prepositions: a speaker starts after one (`Back
/// when he wrote …`).
pub(crate) const SUBORDINATORS_ONLY: &[&str] = &["when", "once", "if", "because", "although", "though", "whereas", "whenever", "unless"];

/// Subordinators that open a sentence with a clause before its main one (`When X
/// said Y, Z`): a cue in that clause has its content end with the clause.
pub(crate) const FRONTING_SUBORDINATORS: &[&str] =
    &["when", "while", "although", "though", "as", "after", "if", "because", "since", "before", "once", "whereas", "until"];

/// Subordinators of time: a clause one opens right after a cue, with no main clause
/// after it, is when it was said, not what (`said before he died`).
pub(crate) const CIRCUMSTANCE_CLAUSE_OPENERS: &[&str] = &["when", "after", "before", "until", "once"];

/// Prepositions of manner, means, place and time: a phrase one opens right after a
/// cue, running to the sentence end with no verb, is circumstance (`responded with
/// vitriol`, `reported from Kabul`). Not those of a topic (`argued for`, `wrote of`,
/// `said about`) nor `in` / `on` (`argued in favour of`, `reported on the budget`).
pub(crate) const CIRCUMSTANCE_ONLY_PREPOSITIONS: &[&str] =
    &["with", "by", "from", "into", "during", "through", "via", "amid", "after", "before", "under", "without"];

/// A pro-form that is a whole content (`said as much in an interview`).
pub(crate) const PRO_FORM_CONTENT: [&str; 2] = ["as", "much"];

/// The marker of an infinitive: a sentence opening with one (`To avoid that, he said,
/// ...`) cannot stand alone before a cue.
pub(crate) const INFINITIVE_MARKER: &str = "to";

/// Prepositions that open the topic of a decline (`declined to comment on the
/// report`): the phrase they open is what was not said, not circumstance.
pub(crate) const DECLINE_TOPIC_OPENERS: &[&str] = &["on", "about", "regarding"];

/// Words that end the topic of a decline: it is short, and a clause or a comma ends
/// it (`declined to comment on X because ...`).
pub(crate) const DECLINE_TOPIC_ENDS: &[&str] = &["since", "because", "after", "when", "but", "while", "as", "and", ","];

/// Words besides [`SUBJECT_PRONOUNS`] that make the text between a cue and a
/// quotation a clause, not a tail (`, and then he left.`).
pub(crate) const GAP_CLAUSE_WORDS: &[&str] = &["that", "who", "which", "and", "but", "then"];

/// Words that open a clause after `, `: of a speaker's anonymity (`, speaking on
/// condition of anonymity`, `, who asked not to be named`) or of a source (`,
/// citing`).
pub(crate) const ANONYMITY_CLAUSE_OPENERS: &[&str] = &["speaking", "who", "asking", "declining", "requesting", "citing"];

/// Words that open a circumstance after `..., X said,` (not the rest of what was
/// said): `, as it would ...`, `, in a move that ...`, `, citing ...`.
pub(crate) const CIRCUMSTANCE_OPENERS: &[&str] = &[
    "as", "in", "on", "at", "without", "while", "whereas", "according", "because", "after", "before", "since", "with", "citing", "though",
    "although", "despite", "amid", "following", "during", "for", "when", "if", "and", "but", "or", "so", "than", "adding", "saying",
];

// ---- Tails: time and place after a cue

/// Days of the week: `on Friday` after a cue is a time, not content.
pub(crate) const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Words before a weekday that make a time with it (`on Friday`, `late Monday`,
/// `next Tuesday`).
pub(crate) const WEEKDAY_MODIFIERS: &[&str] = &["on", "late", "early", "last", "this", "next"];

/// Parts of a day (`Friday morning`, `that night`).
pub(crate) const TIMES_OF_DAY: &[&str] = &["night", "morning", "evening", "afternoon"];

/// Units of the calendar (`that day`, `last week`).
pub(crate) const CALENDAR_UNITS: &[&str] = &["day", "week", "month", "year"];

/// Words that make a time with the word after them (`last week`, `earlier this
/// month`, `later on`).
pub(crate) const RELATIVE_TIME_WORDS: &[&str] = &["last", "this", "earlier", "later"];

/// What may follow a [`RELATIVE_TIME_WORDS`] word in a time (`last week`, `earlier
/// this`, `later on`, `earlier in`).
pub(crate) const AFTER_RELATIVE_TIME: &[&str] = &["week", "month", "year", "weekend", "this", "last", "on", "in"];

/// [`TIME_WORDS`] that are a time only with what follows them (`on`, `this`, `last`).
pub(crate) const TIME_WORDS_NOT_ALONE: &[&str] = &["on", "this", "last"];

/// Prepositions that open a tail ending in a tail noun (`in a statement`, `on local
/// radio`, `via Twitter`).
pub(crate) const TAIL_PREPOSITIONS: &[&str] = &["in", "on", "at", "during", "via", "through", "over", "to"];

/// Prepositions that open a tail noun's own complement (`in an interview with
/// Reuters`, `in a note to clients`).
pub(crate) const TAIL_COMPLEMENT_PREPOSITIONS: &[&str] = &["with", "to", "from", "for", "by", "on", "at"];

/// Words that open a phrase of circumstance after a cue, up to the sentence end or
/// to `that` (`during a visit to Paris`, `ahead of the vote`).
pub(crate) const CIRCUMSTANCE_PREPOSITIONS: &[&str] =
    &["during", "at", "in", "on", "after", "before", "ahead", "following", "amid", "via", "through", "while"];

/// Time and manner words that may follow a cue before its content (`said earlier`).
pub(crate) const TIME_WORDS: &[&str] = &[
    "earlier", "later", "late", "recently", "again", "also", "too", "previously", "yesterday", "today", "tonight", "separately",
    "publicly", "privately", "repeatedly", "once", "last", "this", "on", "early", "week", "month", "year", "weekend", "morning", "evening",
    "night", "afternoon", "then", "first",
];

/// Days named from today: a time of their own (`denied it yesterday`).
pub(crate) const DEICTIC_DAYS: &[&str] = &["yesterday", "today", "tonight"];

/// Nouns that end a tail like `in a statement`, `on local radio`.
pub(crate) const TAIL_NOUNS: &[&str] = &[
    "statement", "statements", "remarks", "reply", "interview", "post", "radio", "television", "tv", "twitter", "account", "briefing",
    "conference", "speech", "letter", "email", "e-mail", "tweet", "tweets", "broadcast", "message", "call", "telephone", "phone", "note",
    "release", "blog", "facebook", "hearing", "session", "address", "appearance", "video", "podcast", "x", "instagram", "website",
    "filing", "report", "comments", "response", "testimony", "op-ed", "column", "newspaper", "daily", "channel", "program", "programme",
    "show",
];

/// Prepositions that open no content after a cue of writing: a phrase of place, time
/// or reader with no verb (`wrote to clients`, `wrote under a pseudonym`).
pub(crate) const NOT_CONTENT_PREPOSITIONS: &[&str] =
    &["to", "in", "under", "after", "while", "at", "during", "from", "with", "before", "since", "via", "through"];

/// Cues of writing, whose object may be the work written (`wrote a book`), an act.
pub(crate) const WRITING_CUES: &[&str] = &["wrote", "writes", "write", "writing"];

/// Works one writes: after a cue of writing, an act's object, not what was said
/// (`wrote a children's book`, `wrote a six-page letter to the board`).
pub(crate) const WRITTEN_WORKS: &[&str] = &[
    "book", "books", "letter", "letters", "memo", "memos", "column", "columns", "article", "articles", "essay", "essays", "piece", "op-ed",
    "introduction", "foreword", "dissent", "opinion", "check", "novel", "song", "songs", "script", "bill", "legislation", "law", "report",
    "reports", "story", "stories", "editorial", "memoir", "biography", "paper", "thesis", "poem", "note", "commentary", "review", "blog",
];

/// Roles that say nothing of who the source is: `the person`, `the source` may stand
/// for an earlier source of any role.
pub(crate) const GENERIC_SOURCE_NOUNS: &[&str] = &["person", "source", "individual", "people", "sources", "insider", "insiders"];

/// Who speaks for someone besides a spokesperson: `denied it through his lawyer`.
pub(crate) const GO_BETWEEN_NOUNS: &[&str] = &["lawyer", "lawyers", "attorney", "attorneys", "aide", "aides"];

/// Cues that take the hearer as an object before what was said (`told Reuters
/// that`, `warned residents that`, `assured voters the plan`).
pub(crate) const OBJECT_CUES: &[&str] = &[
    "told", "tell", "tells", "telling", "warned", "warns", "warning", "assured", "assures", "reminded", "reminds", "informed", "informs",
    "notified", "promised", "promises", "yelled", "yells", "shouted", "shouts", "screamed", "screams", "whispered", "whispers",
    "explained", "explains", "yelling", "shouting", "screaming",
];

/// Words that open a longer object of `told` (`told the Supreme Court`, `told
/// members of parliament`).
pub(crate) const TOLD_OBJECT_OPENERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "my", "members"];

/// Words that end the object of `told` after its first word, opening the reported
/// clause (`told the court it would`, `told a briefing in Paris`).
pub(crate) const TOLD_OBJECT_ENDS: &[&str] = &[
    "it", "he", "she", "they", "we", "i", "there", "the", "a", "an", "this", "his", "her", "its", "their", "in", "on", "at", "during",
    "via", "after", "before", "for", "with", "by", "over",
];

/// Objects of `told` that are one word.
pub(crate) const TOLD_OBJECTS: &[&str] = &[
    "reuters", "reporters", "journalists", "lawmakers", "legislators", "him", "her", "them", "us", "me", "parliament", "congress",
    "senators", "delegates", "supporters", "students", "investors", "analysts", "cnn", "afp", "bloomberg", "television", "viewers",
    "listeners", "members", "the", "a", "an", "his", "their", "its", "our", "my",
];

// ---- Speakers: what a mention says about its source

/// Nouns for people or groups that are only described.
/// Titles of persons: `the mayor` stands for the person named `Mayor X` (or `X, the
/// mayor`) before it.
pub(crate) const PERSON_TITLES: &[&str] = &[
    "mayor", "senator", "governor", "president", "nominee", "candidate", "host", "chairman", "chairwoman", "businessman", "businesswoman",
    "commissioner", "secretary", "congressman", "congresswoman", "representative", "judge", "justice", "speaker", "ambassador", "premier",
    "chancellor", "coach", "sheriff", "prosecutor", "moderator", "anchor", "columnist", "author", "founder",
];

/// Abbreviated titles before a name (`Sen. Ann Lee`) and the title each stands for.
pub(crate) const TITLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("sen", "senator"),
    ("rep", "representative"),
    ("gov", "governor"),
    ("pres", "president"),
    ("amb", "ambassador"),
    ("supt", "superintendent"),
    ("del", "delegate"),
];

/// The title of a mention that is a definite description of a person (`the mayor`,
/// `the Democratic presidential nominee`), from its lower-case words.
pub(crate) fn definite_title<'w>(words: &[&'w str]) -> Option<&'w str> {
    let last = *words.last()?;
    (words[0] == "the" && words.len() <= 5 && PERSON_TITLES.contains(&last)).then_some(last)
}

/// Whether `word` (lower-case, a title or its abbreviation) is the title `title`.
pub(crate) fn is_title(word: &str, title: &str) -> bool {
    word == title || TITLE_ABBREVIATIONS.iter().any(|&(a, t)| a == word && t == title)
}

pub(crate) const ROLE_NOUNS: &[&str] = &[
    "official", "officials", "source", "sources", "diplomat", "diplomats", "aide", "aides", "people", "person", "analyst", "analysts",
    "witness", "witnesses", "officer", "officers", "acquaintance", "relative", "relatives", "supporter", "supporters", "man", "men",
    "woman", "women", "resident", "residents", "expert", "experts", "others", "lawmaker", "lawmakers", "republican", "republicans",
    "democrat", "democrats", "insider", "insiders", "member", "members", "adviser", "advisers", "advisor", "advisors", "executive",
    "executives", "banker", "bankers", "trader", "traders", "investor", "investors", "observer", "observers", "critic", "critics",
    "employee", "employees", "worker", "workers", "staff", "activist", "activists", "advocate", "advocates", "economist", "economists",
    "lawyer", "lawyers", "negotiator", "negotiators", "envoy", "envoys", "leader", "leaders", "commander", "commanders", "minister",
    "ministers", "legislator", "legislators", "senator", "senators", "veteran", "veterans", "friend", "friends", "colleague", "colleagues",
    "associate", "associates", "someone", "somebody", "one", "some", "several", "many", "participant", "participants", "delegate",
    "delegates", "manager", "managers", "director", "directors", "researcher", "researchers", "scientist", "scientists", "doctor",
    "doctors", "student", "students", "protester", "protesters", "mediator", "mediators", "strategist", "strategists", "operative",
    "operatives", "journalist", "journalists", "speechwriter", "speechwriters", "commentator", "commentators", "proponent", "proponents",
    "opponent", "opponents", "backer", "backers", "parent", "parents", "voter", "voters", "citizen", "citizens", "teacher", "teachers",
    "neighbor", "neighbors", "neighbour", "neighbours", "victim", "victims", "survivor", "survivors", "farmer", "farmers", "owner",
    "owners",
];

/// Nouns for someone who speaks for a body.
pub(crate) const SPOKES_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "representative", "representatives", "press",
    "narrator",
];

/// Nouns for bodies that speak as such.
pub(crate) const INSTITUTION_NOUNS: &[&str] = &[
    "government", "governments", "ministry", "department", "authorities", "authority", "police", "agency", "court", "mission", "committee",
    "company", "companies", "administration", "media", "tribunal", "army", "military", "lobby", "council", "bank", "commission", "office",
    "parliament", "congress", "senate", "embassy", "board", "group", "union", "organization", "organisation", "party", "campaign", "firm",
    "regulator", "regulators", "newspaper", "outlet", "broadcaster", "cabinet", "prosecutors", "prosecutor", "junta", "navy", "forces",
    "coalition", "alliance", "federation", "association", "network", "service", "bureau", "secretariat", "kremlin", "presidency", "palace",
    "monitors", "judiciary", "statement", "report", "document", "letter", "filing", "memo", "study", "survey", "maker", "manufacturer",
    "producer", "operator", "carrier", "insurer", "lender", "retailer", "exchange", "fund", "institute", "university", "airline", "club",
    "team", "league", "state", "states", "country", "nation", "city",
];

/// Nouns that introduce a company's name (`paint maker Akzo Nobel`).
pub(crate) const COMPANY_NOUNS: &[&str] = &[
    "maker", "company", "firm", "group", "lender", "retailer", "manufacturer", "producer", "operator", "carrier", "insurer", "bank",
    "giant", "conglomerate", "startup", "airline", "automaker", "carmaker", "miner", "brand",
];

/// Nouns for documents.
pub(crate) const DOCUMENT_NOUNS: &[&str] = &[
    "report", "reports", "statement", "document", "documents", "letter", "filing", "memo", "study", "survey", "resolution", "analysis",
    "review", "ad", "ads", "advertisement", "video", "clip", "website", "book", "editorial", "complaint", "lawsuit", "indictment", "post",
    "posts", "tweet", "tweets", "email", "emails", "article", "notice", "message", "sign", "caption", "headline", "release", "passage",
];

/// Documents that carry a person's own words: one of a named person is that person
/// speaking (`a statement by Ruiz`: named), where a work of a person is a document
/// (`an analysis by Ruiz`: institutional).
pub(crate) const SPEECH_DOCUMENTS: &[&str] = &["statement", "speech", "remarks", "tweet", "tweets", "post", "posts", "email", "emails"];

/// Words after a document noun that name who issued it (`an analysis by X`).
pub(crate) const ISSUER_WORDS: &[&str] = &["by", "from"];

/// Word endings of participles (`leaked`, `seen`, `circulating`) after a document
/// noun in a mention.
pub(crate) const PARTICIPLE_ENDINGS: &[&str] = &["ed", "en", "ing"];

/// Participles before `by` that name who saw or reported a document, not who issued
/// it (`a memo seen by TV2`).
pub(crate) const SEEN_WORDS: &[&str] = &["seen", "obtained", "reviewed", "viewed", "reported", "cited", "quoted", "leaked"];

/// The end of a word that gives an age (`34-year-old`): `the 34-year-old` stands for a
/// person named before.
pub(crate) const AGE_SUFFIX: &str = "-year-old";

/// Nouns of a set of people counted or described by an `of` phrase (`a group of
/// parents`): anonymous people, not a body.
pub(crate) const COLLECTIVE_NOUNS: &[&str] =
    &["group", "number", "handful", "crowd", "couple", "dozens", "hundreds", "thousands", "majority"];

/// Number words of a descriptor (`two officials`) and their value.
pub(crate) const COUNT_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("a", 1),
    ("an", 1),
    ("another", 1),
    ("both", 2),
];

/// Words that end the head of a mention (`officials familiar with ...`).
pub(crate) const HEAD_STOPS: &[&str] = &[
    "with", "of", "for", "from", "familiar", "close", "who", "which", "whose", "involved", "briefed", "at", "in", "on", "including",
    "that", "to", "knowledgeable", "speaking", "protesting", "based", "working", "tracking", "by",
];

/// Phrases that say a source is anonymous on purpose (`on condition of anonymity`).
pub(crate) const ANONYMITY_MARKERS: &[&str] = &[
    "on condition of anonymity",
    "asked not to be named",
    "asked not to be identified",
    "asked for anonymity",
    "requested anonymity",
    "declined to be named",
    "declined to be identified",
    "speaking anonymously",
    "not authorized to speak",
    "not authorised to speak",
    "did not want to be named",
    "did not want to be identified",
    "asked that his name not be used",
    "asked that her name not be used",
];

/// Words ending in `s` that are no plurals.
pub(crate) const NOT_PLURALS_IN_S: &[&str] = &["us", "its", "this", "is", "press"];

/// Plurals without a final `s`, and words for several people.
pub(crate) const PLURALS_WITHOUT_S: &[&str] = &["people", "men", "women", "staff", "police", "media", "both", "they", "others"];

/// Capitalised words of a mention's head that name no affiliation (`The`, `Two`,
/// `Senior`, `Former`).
pub(crate) const NOT_AFFILIATIONS: &[&str] = &["the", "a", "an", "one", "two", "three", "another", "some", "other", "senior", "former"];

/// Words that open what a source knows (`familiar with the talks`, `close to the
/// president`).
pub(crate) const KNOWLEDGE_WORDS: &[&str] = &["familiar", "close", "briefed", "involved", "knowledgeable"];

/// Whether `w` (lower-case) is a noun for people or groups that are only described.
pub(crate) fn is_role_noun(w: &str) -> bool {
    ROLE_NOUNS.contains(&w)
}

/// Whether `w` is a noun for someone who speaks for a body.
pub(crate) fn is_spokes_noun(w: &str) -> bool {
    SPOKES_NOUNS.contains(&w)
}

/// Whether `w` is a noun for a body that speaks as such.
pub(crate) fn is_institution_noun(w: &str) -> bool {
    INSTITUTION_NOUNS.contains(&w)
}

/// Whether `w` is a noun that can head a source's mention: a role, a spokesperson
/// or a body.
pub(crate) fn is_source_noun(w: &str) -> bool {
    is_role_noun(w) || is_spokes_noun(w) || is_institution_noun(w)
}

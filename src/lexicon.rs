//! Every word list the heuristics use, in one place, each with a line on what it is
//! for: adding a cue, a role noun or an abbreviation is one line here. Lists are
//! lower-case; multi-word entries match token by token.
//!
//! The cue rows use a small pattern language: space-separated slots, `a|b`
//! alternatives, a trailing `?` for an optional slot (`did|does not immediately?
//! respond`).

use crate::claim::Stance;

// ---- Sentences

/// Abbreviations after which a period does not end a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc",
    "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "ft", "mt", "pres", "maj", "brig", "supt", "det", "insp", "messrs", "approx", "est", "dept",
    "univ",
];

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
    ("emphasised|emphasized|emphasises|emphasizes|stressed|stresses|stressing|reiterated|reiterates|reiterating", Stance::Assert),
    ("wrote|writes|writing|tweeted|tweets|posted", Stance::Assert),
    ("reported|announced|announces|announcing|asserted|asserts|maintained|maintains", Stance::Assert),
    ("defends|defended|defending", Stance::Assert),
    ("claimed|claims|claiming|contended|contends|testified|testifies|complained|complains|complaining", Stance::Assert),
    ("replied|replies|responded|recalled|recalls|predicted|predicts|observed|remarked", Stance::Assert),
    ("urged|urges|urging", Stance::Assert),
    ("called|calls|calling for|on", Stance::Assert),
    // verbs of manner and sequence, cues only next to a quotation or a clause (see
    // MANNER_CUES): "she continued, “...”", "“...,” he joked", "asked whether ..."
    ("continued|continues|concluded|concludes|quipped|quips|joked|jokes|boasted|boasts|bragged|brags", Stance::Assert),
    ("mused|muses|lamented|laments|shouted|yelled|exclaimed|countered|counters|retorted|retorts", Stance::Assert),
    ("declared|declares|revealed|reveals|disclosed|discloses|commented|comments|alleged|alleges|alleging", Stance::Assert),
    ("asked|asks|asking|wondered|wonders|questioned|questions", Stance::Assert),
    ("pointed|points out|to", Stance::Assert),
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

/// Cues that report speech only next to what was said: followed by `,` `:` a
/// quotation mark, `that` or a question word, or closing a sentence after a
/// quotation (`“...,” she continued.`). Elsewhere they are other verbs (`continued
/// to rise`, `questions remain`, `the comments`).
pub(crate) const MANNER_CUES: &[&str] = &[
    "continued", "continues", "concluded", "concludes", "quipped", "quips", "joked", "jokes", "boasted", "boasts", "bragged", "brags",
    "mused", "muses", "lamented", "laments", "shouted", "yelled", "exclaimed", "countered", "counters", "retorted", "retorts", "declared",
    "declares", "revealed", "reveals", "disclosed", "discloses", "commented", "comments", "alleged", "alleges", "alleging", "asked",
    "asks", "asking", "wondered", "wonders", "questioned", "questions",
];

/// What may follow a manner cue for it to report speech: punctuation, quotation
/// marks, a complementiser or a question word.
pub(crate) const MANNER_NEXT: &[&str] =
    &[",", ":", "“", "\"", "‘", "«", "''", "``", "that", "whether", "if", "how", "why", "what", "when", "where", "who"];

/// Objects of `asked` end at what opens the question or request (`asked the
/// candidates to discuss`, `asked him whether`).
pub(crate) const ASKED_OPENERS: &[&str] = &["to", "whether", "if", "how", "why", "what", "when", "where", "who", "about"];

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

/// Sentence-initial words that are not part of a speaker mention.
pub(crate) const LEADERS: &[&str] = &[
    "but", "and", "so", "yet", "however", "meanwhile", "separately", "still", "also", "now", "instead", "then", "moreover", "further",
    "furthermore", "indeed", "thus", "hence", "while", "although", "though", "because", "since", "as", "when", "that", "after", "before",
    "if",
];

/// Words that open an introductory phrase (`On Thursday, X said`).
pub(crate) const INTRO: &[&str] = &[
    "on", "in", "during", "after", "before", "despite", "when", "while", "as", "asked", "at", "from", "for", "since", "with", "without",
    "by", "under", "following", "amid", "speaking", "earlier", "later", "last", "separately", "meanwhile", "however", "but", "and",
    "yesterday", "today", "according", "if", "although",
];

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

/// Days of the week: `on Friday` after a cue is a time, not content.
pub(crate) const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Time and manner words that may follow a cue before its content (`said earlier`).
pub(crate) const TIME_WORDS: &[&str] = &[
    "earlier", "later", "late", "recently", "again", "also", "too", "previously", "yesterday", "today", "tonight", "separately",
    "publicly", "privately", "repeatedly", "once", "last", "this", "on", "early", "week", "month", "year", "weekend", "morning", "evening",
    "night", "afternoon", "then", "first",
];

/// Nouns that end a tail like `in a statement`, `on local radio`.
pub(crate) const TAIL_NOUNS: &[&str] = &[
    "statement", "statements", "remarks", "reply", "interview", "post", "radio", "television", "tv", "twitter", "account", "briefing",
    "conference", "speech", "letter", "email", "e-mail", "tweet", "tweets", "broadcast", "message", "call", "telephone", "phone", "note",
    "release", "blog", "facebook", "hearing", "session", "address", "appearance", "video", "podcast", "x", "instagram", "website",
    "filing", "report", "comments", "response", "testimony", "op-ed", "column", "newspaper", "daily", "channel", "program", "programme",
    "show",
];

/// Cues that take the hearer as an object before what was said (`told Reuters
/// that`, `warned residents that`, `assured voters the plan`).
pub(crate) const OBJECT_CUES: &[&str] = &[
    "told", "tell", "tells", "telling", "warned", "warns", "warning", "assured", "assures", "reminded", "reminds", "informed", "informs",
    "notified", "promised", "promises",
];
/// Objects of `told` that are one word.
pub(crate) const TOLD_OBJECTS: &[&str] = &[
    "reuters", "reporters", "journalists", "lawmakers", "legislators", "him", "her", "them", "us", "me", "parliament", "congress",
    "senators", "delegates", "supporters", "students", "investors", "analysts", "cnn", "afp", "bloomberg", "television", "viewers",
    "listeners", "members", "the", "a", "an", "his", "their", "its", "our", "my",
];

/// Words that open a circumstance after `..., X said,` (not the rest of what was
/// said): `, as it would ...`, `, in a move that ...`, `, citing ...`.
pub(crate) const CIRCUMSTANCE_OPENERS: &[&str] = &[
    "as", "in", "on", "at", "without", "while", "whereas", "according", "because", "after", "before", "since", "with", "citing", "though",
    "although", "despite", "amid", "following", "during", "for", "when", "if", "and", "but", "or", "so", "than", "adding", "saying",
];

// ---- Speakers: what a mention says about its source

/// Nouns for people or groups that are only described.
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
    "operatives",
];

/// Nouns for someone who speaks for a body.
pub(crate) const SPOKES_NOUNS: &[&str] =
    &["spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "representative", "representatives", "press"];

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
pub(crate) const DOCUMENT_NOUNS: &[&str] =
    &["report", "statement", "document", "letter", "filing", "memo", "study", "survey", "resolution"];

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
    "that", "to", "knowledgeable", "speaking", "protesting", "based", "working", "tracking",
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

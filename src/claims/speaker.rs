//! Speaker mentions: the noun phrase left of a cue with its appositions, the one
//! right of an inverted cue, and the clause subject of a participle.

use std::ops::Range;

use super::sentence::{
    is_aux, is_clause_break, is_final, is_manner_adverb, is_opening_quote, is_quote_mark, Ctx, MAX_MENTION_TOKENS, REACH,
};
use crate::entity::EntityKind;
use crate::lexicon::{
    is_abbreviation, is_title_abbreviation, ANTECEDENT_PREPOSITIONS, ARTICLES, CLAUSE_JOINERS, CONTENT_OPENERS, CONTRACTED_AUXILIARIES,
    CONTRACTION_MARKS, DASHES, INVERTED_SPEAKER_PRONOUNS, LEADERS, MENTION_DETERMINERS, MENTION_LEFT_BOUNDS, NAME_JOINERS,
    OPENING_PHRASE_WORDS, RELATIVE_OBJECTS, RELATIVE_PRONOUNS, SINGLE_QUOTES, SUBJECT_INNER_MARKS, SUBJECT_MODIFIERS, SUBJECT_PRONOUNS,
    SUBORDINATORS_ONLY, TITLE_ADJECTIVES, WEEKDAYS,
};
use crate::syntax::Phrase;

/// What a mention does at a token ([`Ctx::mention_step`]).
pub(super) enum Step {
    /// It goes on to the next token (the caller's own rules may still stop it).
    On,
    /// It goes on after the token at this index (a quoted title inside it).
    Over(usize),
    /// It ends before this token.
    End,
}

/// What stands between a mention and its cue ([`Ctx::aside_before`]).
enum Aside {
    /// A dash aside; the index of its opening dash.
    Dash(usize),
    /// Adverbs after a comma; the index of the first.
    Adverbs(usize),
}

impl Ctx<'_> {
    /// The speaker before a finite cue: the noun phrase ending at the cue, with
    /// appositives (`Juan Roig, chairman of X, said`) and relative clauses.
    pub(super) fn speaker_left(&self, lo: usize, cue_first: usize) -> Option<Range<usize>> {
        if cue_first <= lo {
            return None;
        }
        // a dash aside right before the cue (`X, chief of Y -- the firm that owns Z --
        // told me`) and adverbs after a comma (`X, the chief, forcefully told`) stand
        // between the mention and its cue: the mention ends before them, its last
        // segment at the aside's opening mark as at a comma
        match self.aside_before(lo, cue_first) {
            Some(Aside::Dash(open)) => self.speaker_before(lo, open + 1, true),
            Some(Aside::Adverbs(first)) => self.speaker_before(lo, first, false),
            None => self.speaker_before(lo, cue_first, false),
        }
    }

    /// [`Ctx::speaker_left`] once asides are passed; `at_break`: the token before
    /// `cue_first` ends a segment like a comma.
    fn speaker_before(&self, lo: usize, cue_first: usize, at_break: bool) -> Option<Range<usize>> {
        if cue_first <= lo {
            return None;
        }
        // segments between commas, right to left
        let seg_end = cue_first;
        // a mention is at most MAX_MENTION_TOKENS: the walk back stops soon after
        let lo = lo.max(cue_first.saturating_sub(REACH));
        let mut j = cue_first;
        // an aside in parentheses right before the cue belongs to the phrase before it
        // (`Sen. Ann Lee (D-Ohio) said`, `the agency (FEMA) said`): the walk goes on
        // past its opening mark
        let closed_before_cue = |open: usize| (open + 1..cue_first).any(|m| self.lower(m) == ")");
        while j > lo
            && !at_break
            && !is_clause_break(&self.toks[j - 1])
            && (!MENTION_LEFT_BOUNDS.contains(&self.lower(j - 1)) || self.lower(j - 1) == "(" && closed_before_cue(j - 1))
        {
            j -= 1;
        }
        let mut first = j;
        // where the mention ends: before the cue, or before a circumstance standing
        // between it and the cue ("Hillary Clinton, at a press gaggle, said")
        let mut mention_end = cue_first;
        if first == seg_end {
            // "X, appositive, said": walk back over noun-phrase segments
            let mut k = j;
            loop {
                if k <= lo {
                    break;
                }
                // k-1 is a comma; segment before it
                let e = k - 1;
                let mut s = e;
                while s > lo && !is_clause_break(&self.toks[s - 1]) {
                    s -= 1;
                }
                // a quotation ends the mention: the segment starts after its mark (not
                // after the apostrophe of a plural possessive, `veterans' families`)
                let quoted = (s..e).rev().find(|&m| is_quote_mark(&self.toks[m]) && !self.possessive_mark(m));
                if let Some(m) = quoted {
                    s = m + 1;
                }
                // a relative clause, or a reduced one ("published by the U.N.")
                let relative = RELATIVE_PRONOUNS.contains(&self.lower(s)) || (self.verbish(&self.toks[s]) && !is_aux(&self.toks[s]));
                if !relative && OPENING_PHRASE_WORDS.contains(&self.lower(s)) {
                    // a circumstance right before the cue is skipped, once
                    if k == cue_first && quoted.is_none() && e - s <= 12 && s > lo && is_clause_break(&self.toks[s - 1]) {
                        mention_end = s - 1;
                        k = s;
                        continue;
                    }
                    // "after Warren Buffett, the investor, complained"
                    first = self.apposed_name(s, e, first, cue_first).unwrap_or(first);
                    break;
                }
                // a noun phrase, with its own relative clause ("a strategist who has
                // feuded with him", "the agency that runs the buses") or participle ("a
                // voter raised in Chile", "wearing a shirt covered in buttons"): no
                // finite verb before the relative pronoun
                let head_end = (s + 1..e)
                    .find(|&m| RELATIVE_PRONOUNS.contains(&self.lower(m)) || RELATIVE_OBJECTS.contains(&self.lower(m)))
                    .unwrap_or(e);
                let np = e > s && e - s <= 30 && (relative || !(s..head_end).any(|m| self.finite_verb(&self.toks[m])));
                if !np {
                    first = self.apposed_name(s, e, first, cue_first).unwrap_or(first);
                    break;
                }
                first = s;
                k = s;
                if quoted.is_some() {
                    break;
                }
            }
            if first == cue_first {
                return None;
            }
        } else {
            // a clause before "and"/"but"/"that"... inside the segment: keep what follows
            let cut = (first..cue_first)
                .rev()
                .find(|&m| CLAUSE_JOINERS.contains(&self.lower(m)) && (first..m).any(|x| self.verbish(&self.toks[x])));
            // (a subordinator that is never a preposition opens a clause whatever
            // stands before it: "Back when he wrote …")
            let cut = cut.or_else(|| (first..cue_first).rev().find(|&m| SUBORDINATORS_ONLY.contains(&self.lower(m))));
            if let Some(m) = cut {
                first = m + 1;
            }
            // "..., in which he said ...": a preposition and a relative pronoun open
            // the clause; its subject follows them
            if OPENING_PHRASE_WORDS.contains(&self.lower(first))
                && matches!(self.lower(first + 1), "which" | "whom")
                && first + 2 < cue_first
            {
                first += 2;
            }
            // "... to defend not paying an architect who said ...": a relative clause
            // without commas; the mention is the noun phrase before its pronoun (the
            // model's chunk, else the words after the last verb or preposition)
            if cue_first >= first + 2 && RELATIVE_PRONOUNS.contains(&self.lower(cue_first - 1)) {
                let who = cue_first - 1;
                let chunk = self.syntax.chunk_at(self.toks[who - 1].start).filter(|c| c.kind == Phrase::Np);
                // (not a question word after an adjective: "It is unclear who said")
                let start = match chunk {
                    Some(c) => self.toks.partition_point(|x| x.start < c.start),
                    None if self.pos_of(&self.toks[who - 1]).is_some() => first,
                    None => (first..who)
                        .rev()
                        .find(|&j| {
                            self.verbish(&self.toks[j])
                                || OPENING_PHRASE_WORDS.contains(&self.lower(j))
                                || ANTECEDENT_PREPOSITIONS.contains(&self.lower(j))
                        })
                        .map_or(first, |p| p + 1),
                };
                first = first.max(start.min(who));
            }
            // "..., which analysts said ...": the relative pronoun is the object; not
            // where a circumstance follows it ("who in May said": its subject)
            // (nor before an adverb: "who pointedly refused")
            if RELATIVE_OBJECTS.contains(&self.lower(first))
                && first + 1 < cue_first
                && !OPENING_PHRASE_WORDS.contains(&self.lower(first + 1))
                && !(first + 2 == cue_first && is_manner_adverb(&self.toks[first + 1]))
            {
                first += 1;
            }
            // "X, who quickly indicated ...": the speaker is "who" (resolved to X by
            // relative_antecedent), when X is there to stand for
            if matches!(self.lower(first), "who" | "which") && first > lo && is_clause_break(&self.toks[first - 1]) {
                let at = self.bytes(first, first + 1)?;
                return self.relative_antecedent(&at).map(|_| at);
            }
        }
        // leading conjunctions and quotes are not part of the mention
        while first < cue_first && (LEADERS.contains(&self.lower(first)) || !self.toks[first].word) {
            first += 1;
        }
        let mut last = mention_end;
        while last > first && !self.toks[last - 1].word && self.lower(last - 1) != ")" {
            last -= 1;
        }
        // "The White House on Monday said": the time is not part of the mention
        if last >= first + 3 && self.lower(last - 2) == "on" && WEEKDAYS.contains(&self.lower(last - 1)) {
            last -= 2;
        }
        if last <= first || last - first > MAX_MENTION_TOKENS {
            return None;
        }
        self.bytes(first, last)
    }

    /// Where the mention before a cue at `cue_first` ends when an aside stands between
    /// them: the opening dash of a dash aside that ends right before the cue, or the
    /// comma before adverbs alone (`, forcefully told`).
    fn aside_before(&self, lo: usize, cue_first: usize) -> Option<Aside> {
        let dash = |m: usize| DASHES.contains(&self.lower(m));
        if cue_first > lo + 1 && dash(cue_first - 1) {
            let mut close = cue_first - 1;
            while close > lo && dash(close - 1) {
                close -= 1;
            }
            let open = (lo + 1..close).rev().find(|&m| dash(m))?;
            let mut open = open;
            while open > lo + 1 && dash(open - 1) {
                open -= 1;
            }
            // the aside says something about the mention: words, not the mention itself
            return (close - open >= 3).then_some(Aside::Dash(open));
        }
        let mut j = cue_first;
        while j > lo && is_manner_adverb(&self.toks[j - 1]) {
            j -= 1;
        }
        (j < cue_first && j > lo + 1 && is_clause_break(&self.toks[j - 1])).then_some(Aside::Adverbs(j))
    }

    /// Whether the mark at `m` is the apostrophe of a plural possessive (`veterans'
    /// families`): right after a word in `s`, before a space and a lower-case word.
    fn possessive_mark(&self, m: usize) -> bool {
        let (Some(prev), Some(mark), Some(next)) = (m.checked_sub(1).and_then(|p| self.tok(p)), self.tok(m), self.tok(m + 1)) else {
            return false;
        };
        SINGLE_QUOTES.contains(&mark.lower.as_str())
            && prev.word
            && prev.end == mark.start
            && prev.lower.ends_with('s')
            && next.start > mark.end
            && next.word
            && !next.cap
    }

    /// Where a speaker starts whose apposition (`the investor`, from `first`) follows a
    /// segment `s..e` that is no noun phrase but ends in a name: `named after Warren
    /// Buffett, the investor, complained` → `Warren Buffett, the investor`.
    fn apposed_name(&self, s: usize, e: usize, first: usize, cue_first: usize) -> Option<usize> {
        (first < cue_first && ARTICLES.contains(&self.lower(first))).then(|| self.name_ending_at(s, e)).flatten()
    }

    /// The first token of a name (capitalised words, initials, the dot of an
    /// abbreviation) that ends at token `e` after the lower-case words of a clause
    /// starting at `s`: `named after Warren E. Buffett`. Two words at least, or one the
    /// model tagged as a person.
    fn name_ending_at(&self, s: usize, e: usize) -> Option<usize> {
        let mut b = e;
        while b > s && (self.toks[b - 1].cap || self.abbreviation_dot(b - 1)) {
            b -= 1;
        }
        if b == e || b == s || self.toks[b - 1].cap || !self.toks[b - 1].word {
            return None;
        }
        let words = (b..e).filter(|&m| self.toks[m].word).count();
        let span = self.bytes(b, e)?;
        let person = self.entities.iter().any(|x| x.kind == EntityKind::Person && x.start <= span.start && span.end <= x.end);
        (words >= 2 || person).then_some(b)
    }

    /// For a relative pronoun speaker (`who`, `which` after a comma), the mention it
    /// stands for: the noun phrase before the comma (at most 12 tokens, back to the
    /// previous comma or verb).
    pub(super) fn relative_antecedent(&self, speaker: &Range<usize>) -> Option<Range<usize>> {
        let first = self.toks.partition_point(|t| t.start < speaker.start);
        if first + 1 != self.toks.partition_point(|t| t.start < speaker.end) || !matches!(self.lower(first), "who" | "which") {
            return None;
        }
        let e = first.checked_sub(1).filter(|&e| e > self.lo && is_clause_break(&self.toks[e]))?;
        let mut s = e;
        while s > self.lo && !is_clause_break(&self.toks[s - 1]) && !self.verbish(&self.toks[s - 1]) {
            s -= 1;
        }
        // not set off by commas, the stretch is a clause ("The bill drew fire from
        // the union, which"): the mention is the object after its last preposition
        if s == self.lo || !is_clause_break(&self.toks[s - 1]) {
            if let Some(p) =
                (s..e).rev().find(|&j| OPENING_PHRASE_WORDS.contains(&self.lower(j)) || ANTECEDENT_PREPOSITIONS.contains(&self.lower(j)))
            {
                s = p + 1;
            }
        }
        while s < e && !self.toks[s].word {
            s += 1;
        }
        // "Ana Ruiz, a teacher, who said": a lower-case apposition between commas
        // describes the name before it; the mention is the name with it
        let mut most = 12;
        if s < e && s >= self.lo + 2 && !self.toks[s].cap && is_clause_break(&self.toks[s - 1]) {
            let mut b = s - 1;
            while b > self.lo && !is_clause_break(&self.toks[b - 1]) && !self.verbish(&self.toks[b - 1]) {
                b -= 1;
            }
            if let Some(name) = (b..s - 1).find(|&j| self.toks[j].word && self.toks[j].cap) {
                if e - name <= 16 {
                    s = name;
                    most = 16;
                }
            }
        }
        if e > s && e - s <= most {
            self.bytes(s, e)
        } else {
            None
        }
    }

    /// The speaker after a cue: "said former CIA officer David Priess, who ...".
    pub(super) fn speaker_right(&self, from: usize) -> Option<Range<usize>> {
        // a mention starts with a word, not with a mark (`said in a statement: "…"`)
        let first = self.tok(from).filter(|t| t.word)?;
        let speakerish = first.cap
            || MENTION_DETERMINERS.contains(&first.lower.as_str())
            || INVERTED_SPEAKER_PRONOUNS.contains(&first.lower.as_str())
            || (from..(from + 6).min(self.hi)).any(|j| self.toks[j].cap || crate::lexicon::is_role_noun(&self.toks[j].lower));
        if !speakerish || CONTENT_OPENERS.contains(&first.lower.as_str()) {
            return None;
        }
        let mut end = from;
        // (a mention longer than 30 tokens is refused below: no need to look further)
        while end < self.hi && end <= from + 31 {
            match self.mention_step(from, end) {
                Step::Over(next) => {
                    end = next;
                    continue;
                }
                Step::End => break,
                // a quotation that is no title, or a colon, ends a mention after a cue
                Step::On if end > from && (is_quote_mark(&self.toks[end]) || self.lower(end) == ":") => break,
                Step::On => {}
            }
            // a relative clause or participle, or the rest of a split quotation
            if is_clause_break(&self.toks[end])
                && (RELATIVE_PRONOUNS.contains(&self.lower(end + 1))
                    || matches!(self.lower(end + 1), "where" | "according")
                    || self.participle_clause(end + 1)
                    || self.tok(end + 1).is_some_and(is_opening_quote))
            {
                break;
            }
            if self.lower(end) == "on" && (WEEKDAYS.contains(&self.lower(end + 1)) || self.lower(end + 1) == "condition") {
                break;
            }
            // a relative clause without its comma ("a professor at X who has ..."), or a
            // circumstance after the mention (", on what was ...")
            if end > from + 1 && RELATIVE_PRONOUNS.contains(&self.lower(end)) {
                break;
            }
            if is_clause_break(&self.toks[end]) && OPENING_PHRASE_WORDS.contains(&self.lower(end + 1)) {
                break;
            }
            end += 1;
        }
        // a parenthesis the sentence end cut open (`Rep. Ann Lee (D-N.Y.)`) is left out
        if let Some(open) = (from..end).rev().find(|&j| self.lower(j) == "(") {
            if !(open..end).any(|j| self.lower(j) == ")") {
                end = open;
            }
        }
        while end > from && is_clause_break(&self.toks[end - 1]) {
            end -= 1;
        }
        // a clause is not a speaker; "-ed" participles are fine in an appositive
        let first_comma = (from..end).find(|&j| is_clause_break(&self.toks[j])).unwrap_or(end);
        let clause = (from..end).any(|j| is_aux(&self.toks[j]) || (j < first_comma && self.verbish(&self.toks[j])));
        if end <= from || end - from > 30 || clause {
            return None;
        }
        self.bytes(from, end)
    }

    /// How a mention that starts at `from` goes on at token `j`: over a short quoted
    /// title (`the "Medicare for all" document`), on past the period of a title or an
    /// initial (`Mr. Burman`), not past a sentence-final mark.
    pub(super) fn mention_step(&self, from: usize, j: usize) -> Step {
        if let Some(close) = self.quoted_title(j).filter(|_| j > from) {
            return Step::Over(close + 1);
        }
        if is_final(&self.toks[j]) && !self.abbreviation_dot(j) {
            return Step::End;
        }
        Step::On
    }

    /// Whether a participle clause opens at `j` (`, referring to the plan`, `, adding
    /// that ...`): a lower-case -ing word that is not the adjective of a title
    /// (`, acting director`, `, ranking member`).
    fn participle_clause(&self, j: usize) -> bool {
        self.tok(j).is_some_and(|t| {
            t.word && !t.cap && t.lower.len() > 4 && t.lower.ends_with("ing") && !TITLE_ADJECTIVES.contains(&t.lower.as_str())
        })
    }

    /// Whether the token at `j` is the period of an abbreviation or an initial
    /// inside a name (`Mr. Burman`, `John F. Kennedy`), which ends no mention.
    pub(super) fn abbreviation_dot(&self, j: usize) -> bool {
        let Some(prev) = j.checked_sub(1).and_then(|p| self.tok(p)) else { return false };
        let initial = prev.word && prev.lower.chars().count() == 1 && prev.cap;
        let title = is_title_abbreviation(&prev.lower) && self.lower(j.saturating_sub(2)) != ",";
        self.lower(j) == "." && prev.word && (is_abbreviation(&prev.lower) || initial || title) && self.tok(j + 1).is_some_and(|t| t.cap)
    }

    /// For a quotation mark at `open` inside a noun phrase, the mark that closes a
    /// short title of words without a verb (at most 6) followed by the phrase's noun.
    fn quoted_title(&self, open: usize) -> Option<usize> {
        if !is_quote_mark(self.tok(open)?) {
            return None;
        }
        let close = (open + 1..(open + 8).min(self.hi)).find(|&k| is_quote_mark(&self.toks[k]))?;
        let words = (open + 1..close).all(|k| self.toks[k].word && !self.verbish(&self.toks[k]));
        let noun_after = self.tok(close + 1).is_some_and(|t| t.word && !t.cap && !self.verbish(t));
        (close > open + 1 && words && noun_after).then_some(close)
    }

    /// The subject of the sentence (for participle cues): the noun phrase after any
    /// introductory phrase, up to the first verb.
    pub(super) fn subject(&self, cue_first: usize) -> Option<Range<usize>> {
        let start = self.subject_start;
        if start >= cue_first {
            return None;
        }
        let mut j = start;
        while j < cue_first {
            if j >= start + REACH {
                // no noun phrase is this long
                return None;
            }
            let t = &self.toks[j];
            let ok = if self.verbish(t) {
                false
            } else if t.cap
                || t.lower == "s"
                || (!t.word && SUBJECT_INNER_MARKS.contains(&t.lower.as_str()))
                || self.abbreviation_dot(j)
                || SUBJECT_MODIFIERS.contains(&t.lower.as_str())
            {
                true
            } else if NAME_JOINERS.contains(&t.lower.as_str()) {
                self.tok(j + 1).is_some_and(|n| n.cap)
                    || (t.lower == "and" && (j + 1..(j + 4).min(cue_first)).any(|m| crate::lexicon::is_role_noun(&self.toks[m].lower)))
            } else if is_person_noun(&t.lower) {
                true
            } else {
                // lower-case modifiers of a role noun or title a few words on ("civil
                // liberties advocates", "presidential nominee")
                let noun = (j + 1..(j + 4).min(cue_first)).find(|&m| is_person_noun(&self.toks[m].lower));
                match noun {
                    Some(m) if (j..m).all(|x| self.toks[x].word && !self.toks[x].cap && !self.verbish(&self.toks[x])) => {
                        j = m;
                        true
                    }
                    _ => false,
                }
            };
            if !ok {
                break;
            }
            j += 1;
        }
        // a lone determiner ("The billionaire businessman began ...", where the words
        // are no names or roles): the noun phrase the model's chunks say it opens
        if (start..j).all(|m| ARTICLES.contains(&self.lower(m))) {
            if let Some(end) = self.noun_phrase_end(start).filter(|&e| e > j && e <= cue_first) {
                j = end;
            }
        }
        if j > start {
            self.bytes(start, j)
        } else {
            None
        }
    }

    /// The token after the noun-phrase chunk that starts at token `i`, with the
    /// `of` phrases that complete it ("the proportion of GOP voters"), by the model's
    /// chunks; `None` where it did not tag.
    fn noun_phrase_end(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let c = self.syntax.chunk_at(t.start).filter(|c| c.kind == Phrase::Np && c.start == t.start)?;
        let mut end = c.end;
        loop {
            let k = self.syntax.chunks.partition_point(|x| x.start < end);
            match (self.syntax.chunks.get(k), self.syntax.chunks.get(k + 1)) {
                (Some(p), Some(n)) if p.kind == Phrase::Pp && n.kind == Phrase::Np && self.text.get(p.start..p.end) == Some("of") => {
                    end = n.end;
                }
                _ => break,
            }
        }
        let e = self.toks.partition_point(|x| x.start < end);
        (e > i).then_some(e)
    }
}

/// A noun a subject may end in: a role (`officials`), a person's title (`nominee`)
/// or a body (`ministry`).
fn is_person_noun(w: &str) -> bool {
    crate::lexicon::is_role_noun(w) || crate::lexicon::is_institution_noun(w) || crate::lexicon::PERSON_TITLES.contains(&w)
}

/// A speaker mention that is a subject pronoun with an auxiliary contracted onto it
/// (`He’s said`, `She’d argued`, and with the apostrophe spaced, `He s said`): the
/// pronoun alone, so that it resolves like `he`.
pub(super) fn without_contraction(text: &str, speaker: Range<usize>) -> Range<usize> {
    let Some(mention) = text.get(speaker.clone()) else { return speaker };
    let Some(cut) = mention.find(CONTRACTION_MARKS) else { return speaker };
    let (pronoun, rest) = mention.split_at(cut);
    let suffix = rest.trim_start_matches(CONTRACTION_MARKS);
    let lower = pronoun.to_lowercase();
    if (SUBJECT_PRONOUNS.contains(&lower.as_str()) || lower == "you") && CONTRACTED_AUXILIARIES.contains(&suffix.to_lowercase().as_str()) {
        speaker.start..speaker.start + cut
    } else {
        speaker
    }
}

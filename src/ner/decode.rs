//! The heads' outputs into what the model says: a batch's outputs cut per segment
//! ([`collect_scores`]), entities by IOB2-constrained decoding ([`entities_of`]),
//! words and chunks ([`syntax_of`]), and back onto the words of pre-tokenized
//! sentences ([`word_tags`], [`word_syntax`]).

use ndarray::{Array2, ArrayView2};

use super::engine::Outputs;
use super::model_dir::SyntaxLabels;
use super::segment::Segment;
use crate::entity::Entity;
use crate::labels::{chunks, decode, Label};
use crate::lexicon::CLAUSE_PUNCTUATION;
use crate::syntax::{iob_chunks, Chunk, Phrase, Pos, SentenceSyntax, Syntax, Word};

/// One segment's scores: per-wordpiece entity log-probabilities `[len, labels]` and,
/// with syntax heads, the best POS and chunk label id of each wordpiece.
pub(super) struct Scores {
    pub(super) ner: Array2<f32>,
    pub(super) syntax: Option<(Vec<i64>, Vec<i64>)>,
}

/// Cuts a batch's outputs into one [`Scores`] per segment (without the
/// `[CLS]`/`[SEP]` rows); `slots` are the segments' places
/// ([`pack_inputs`](super::batch::pack_inputs)).
pub(super) fn collect_scores(segs: &[&Segment], slots: &[usize], out: &Outputs) -> Vec<Scores> {
    let label_count = out.label_count;
    let mut scores = Vec::with_capacity(segs.len());
    for (s, &slot) in segs.iter().zip(slots) {
        let (n, first) = (s.ids.len(), slot + 1);
        let start = first * label_count;
        let rows = out.ner.get(start..start + n * label_count).unwrap_or(&[]).to_vec();
        let ner = Array2::from_shape_vec((rows.len() / label_count.max(1), label_count), rows).unwrap_or_default();
        let row = |v: &Vec<i64>| v.get(first..first + n).unwrap_or(&[]).to_vec();
        let syntax = out.syntax.as_ref().map(|(p, c)| (row(p), row(c)));
        scores.push(Scores { ner, syntax });
    }
    scores
}

/// Decodes one segment's scores into entities with offsets `base + …` into the input.
pub(super) fn entities_of(text: &str, base: usize, seg: &Segment, log_probs: ArrayView2<f32>, labels: &[Label]) -> Vec<Entity> {
    if log_probs.nrows() != seg.ids.len() {
        return Vec::new();
    }
    let path = decode(log_probs, labels);
    let tags: Vec<Label> = path.iter().map(|&j| labels[j]).collect();
    let mut out = Vec::new();
    for (first, last, kind) in chunks(&tags) {
        // widen to whole words: a word is never half inside an entity
        let mut first_piece = first;
        while first_piece > 0 && seg.words[first_piece - 1] == seg.words[first] {
            first_piece -= 1;
        }
        let mut end_piece = last;
        while end_piece < seg.words.len() && seg.words[end_piece] == seg.words[last - 1] {
            end_piece += 1;
        }
        let (mut start, mut end) = (seg.offsets[first_piece].0, seg.offsets[end_piece - 1].1);
        // a name never opens with a clause mark ("Mr" then ". Castaneda" tagged)
        if let Some(t) = text.get(start..end) {
            start += t.len() - t.trim_start_matches(|c: char| CLAUSE_PUNCTUATION.contains(&c) || c.is_whitespace()).len();
        }
        // a possessive left by stripped apostrophes ("State Department s") is not a name
        if text.get(start..end).is_some_and(|t| t.ends_with(" s") && t.len() > 2) {
            end -= 2;
        }
        let score = (first..last).map(|t| log_probs[[t, path[t]]].exp()).sum::<f32>() / (last - first) as f32;
        if let Some(mut e) = Entity::new(kind, text, start, end) {
            e.start += base;
            e.end += base;
            e.score = score;
            out.push(e);
        }
    }
    out
}

/// Words (a pre-tokenizer word's first wordpiece carries its tags) and chunks of one
/// segment, with offsets `base + …` into the input.
pub(super) fn syntax_of(base: usize, seg: &Segment, (pos, chunk): &(Vec<i64>, Vec<i64>), labels: &SyntaxLabels) -> Syntax {
    if pos.len() != seg.ids.len() || chunk.len() != seg.ids.len() {
        return Syntax::default();
    }
    let mut words: Vec<Word> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    for (i, &(s, e)) in seg.offsets.iter().enumerate() {
        if i > 0 && seg.words[i] == seg.words[i - 1] {
            if let Some(w) = words.last_mut() {
                w.end = base + e;
            }
            continue;
        }
        let p = usize::try_from(pos[i]).ok().and_then(|j| labels.pos.get(j)).copied().unwrap_or(Pos::Sym);
        words.push(Word { start: base + s, end: base + e, pos: p });
        tags.push(usize::try_from(chunk[i]).ok().and_then(|j| labels.chunks.get(j)).map_or("O", String::as_str));
    }
    let chunks = iob_chunks(&tags)
        .into_iter()
        .filter_map(|(first, end, kind)| Some(Chunk { kind: Phrase::parse(&kind)?, start: words[first].start, end: words[end - 1].end }))
        .collect();
    Syntax { words, chunks }
}

/// The POS and chunk tag of each word of a space-joined sentence, from its syntax
/// (a word the model split takes the tags of its first part).
pub(super) fn word_syntax(words: &[String], syntax: &Syntax) -> SentenceSyntax {
    let (mut pos, mut chunks) = (Vec::with_capacity(words.len()), Vec::with_capacity(words.len()));
    let mut at = 0;
    let mut prev_chunk: Option<usize> = None;
    for w in words {
        pos.push(syntax.word_at(at).map_or("SYM", |x| x.pos.as_str()).to_owned());
        let chunk_index = syntax.chunks.partition_point(|c| c.end <= at);
        let tag = match syntax.chunks.get(chunk_index).filter(|c| c.start <= at) {
            Some(c) => format!("{}-{}", if prev_chunk == Some(chunk_index) { "I" } else { "B" }, c.kind.as_str()),
            None => "O".to_owned(),
        };
        prev_chunk = syntax.chunks.get(chunk_index).filter(|c| c.start <= at).map(|_| chunk_index);
        chunks.push(tag);
        at += w.len() + 1;
    }
    (pos, chunks)
}

/// One IOB2 tag per word of a space-joined sentence, from entities over it.
pub(super) fn word_tags(words: &[String], ents: &[Entity]) -> Vec<String> {
    let mut tags = Vec::with_capacity(words.len());
    let mut pos = 0;
    for w in words {
        let (s, e) = (pos, pos + w.len());
        pos = e + 1;
        let tag = ents.iter().find(|x| x.start < e && s < x.end).map(|x| if x.start >= s { Label::B(x.kind) } else { Label::I(x.kind) });
        tags.push(tag.unwrap_or(Label::O).name());
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tags_from_entities() {
        let words: Vec<String> = ["Rex", "Tillerson", "met", "Zarif"].iter().map(|s| s.to_string()).collect();
        let text = words.join(" ");
        let ents = vec![
            Entity::new(crate::EntityKind::Person, &text, 0, 13).unwrap(),
            Entity::new(crate::EntityKind::Person, &text, 18, 23).unwrap(),
        ];
        assert_eq!(word_tags(&words, &ents), ["B-PER", "I-PER", "O", "B-PER"]);
    }

    /// A mark the model tags as the start of a name is not part of it.
    #[test]
    fn a_name_opens_with_a_word() {
        let text = "Mr. Castañeda argues";
        let seg = Segment {
            ids: vec![1, 2, 3, 4],
            type_ids: vec![1, 0, 1, 0],
            offsets: vec![(0, 2), (2, 3), (4, 14), (15, 21)],
            words: vec![0, 1, 2, 3],
        };
        let labels = Label::all();
        let tag = |name: &str| labels.iter().position(|l| l.name() == name).unwrap();
        let mut log_probs = Array2::from_elem((4, labels.len()), -10.0f32);
        for (row, name) in ["O", "B-PER", "I-PER", "O"].iter().enumerate() {
            log_probs[[row, tag(name)]] = 0.0;
        }
        let ents = entities_of(text, 100, &seg, log_probs.view(), &labels);
        assert_eq!(ents.len(), 1);
        assert_eq!((ents[0].start, ents[0].end, ents[0].text.as_str()), (104, 114, "Castañeda"));
    }
}

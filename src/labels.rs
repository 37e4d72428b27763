//! BIO labels and label decoding: pure functions over the model's scores.
// decoding is used by the model; the label parsing by the CoNLL reader too
#![cfg_attr(not(feature = "model"), allow(dead_code))]

use ndarray::ArrayView2;

use crate::entity::EntityKind;

/// One BIO label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(EntityKind),
    /// Continuation of an entity.
    I(EntityKind),
}

impl Label {
    /// Parses `O`, `B-PER`, `I-LOC`, ...
    pub(crate) fn parse(s: &str) -> Option<Label> {
        if s == "O" {
            return Some(Label::O);
        }
        let (prefix, tag) = s.split_once('-')?;
        let kind = EntityKind::from_tag(tag)?;
        match prefix {
            "B" => Some(Label::B(kind)),
            "I" => Some(Label::I(kind)),
            _ => None,
        }
    }

    /// The label's text (`O`, `B-PER`, ...).
    pub(crate) fn name(self) -> String {
        match self {
            Label::O => "O".to_owned(),
            Label::B(k) => format!("B-{}", k.tag()),
            Label::I(k) => format!("I-{}", k.tag()),
        }
    }

    /// The canonical label set in id order: `O`, then `B-`/`I-` for each kind.
    pub(crate) fn all() -> Vec<Label> {
        let mut v = vec![Label::O];
        for k in EntityKind::ALL {
            v.push(Label::B(k));
            v.push(Label::I(k));
        }
        v
    }

    /// Whether `next` may follow `prev` (`None` = sequence start) in IOB2.
    fn may_follow(prev: Option<Label>, next: Label) -> bool {
        match next {
            Label::I(k) => matches!(prev, Some(Label::B(j)) | Some(Label::I(j)) if j == k),
            _ => true,
        }
    }
}

/// The best label sequence under IOB2 constraints (no `I-X` without a preceding
/// `B-X`/`I-X`), by Viterbi over per-token log-probabilities `[tokens, labels]`.
/// Returns one label index per row.
pub(crate) fn decode(log_probs: ArrayView2<f32>, labels: &[Label]) -> Vec<usize> {
    let (n, m) = log_probs.dim();
    if n == 0 || m == 0 || m != labels.len() {
        return Vec::new();
    }
    let mut score: Vec<f32> =
        (0..m).map(|j| if Label::may_follow(None, labels[j]) { log_probs[[0, j]] } else { f32::NEG_INFINITY }).collect();
    let mut back = vec![vec![0usize; m]; n];
    for t in 1..n {
        let mut next = vec![f32::NEG_INFINITY; m];
        for j in 0..m {
            for i in 0..m {
                if score[i] == f32::NEG_INFINITY || !Label::may_follow(Some(labels[i]), labels[j]) {
                    continue;
                }
                let s = score[i] + log_probs[[t, j]];
                if s > next[j] {
                    next[j] = s;
                    back[t][j] = i;
                }
            }
        }
        score = next;
    }
    let mut best = 0;
    for j in 1..m {
        if score[j] > score[best] {
            best = j;
        }
    }
    let mut path = vec![best; n];
    for t in (1..n).rev() {
        path[t - 1] = back[t][path[t]];
    }
    path
}

/// Entity chunks of an IOB2 sequence as `(first, last_exclusive, kind)` index ranges.
/// A stray `I-X` (after `O` or another type) starts a new chunk, as seqeval does.
pub(crate) fn chunks(tags: &[Label]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Label::I(k), Some((_, j))) if *k == j);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((s, i, k));
        }
        match tag {
            Label::B(k) | Label::I(k) => open = Some((i, *k)),
            Label::O => {}
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;
    use EntityKind::*;

    fn lp(rows: &[[f32; 3]]) -> Array2<f32> {
        Array2::from_shape_vec((rows.len(), 3), rows.iter().flatten().copied().collect()).unwrap()
    }

    #[test]
    fn parse_labels() {
        let table = [
            ("O", Some(Label::O)),
            ("B-PER", Some(Label::B(Person))),
            ("I-MISC", Some(Label::I(Misc))),
            ("B-ORG", Some(Label::B(Organization))),
            ("E-PER", None),
            ("B-DATE", None),
            ("PER", None),
            ("", None),
        ];
        for (s, want) in table {
            assert_eq!(Label::parse(s), want, "{s}");
        }
        for l in Label::all() {
            assert_eq!(Label::parse(&l.name()), Some(l));
        }
    }

    #[test]
    fn decode_forbids_orphan_inside() {
        let labels = [Label::O, Label::B(Person), Label::I(Person)];
        // Greedy would pick I-PER first: not allowed at the start.
        let path = decode(lp(&[[-2.0, -1.5, -0.1], [-2.0, -2.0, -0.1]]).view(), &labels);
        assert_eq!(path, vec![1, 2]);
        // I after O is not allowed either.
        let path = decode(lp(&[[-0.1, -3.0, -3.0], [-3.0, -2.0, -0.5]]).view(), &labels);
        assert_eq!(path, vec![0, 1]);
        assert_eq!(decode(lp(&[]).view(), &labels), Vec::<usize>::new());
    }

    #[test]
    fn decode_follows_best_valid_path() {
        let labels = [Label::O, Label::B(Location), Label::I(Location)];
        let path = decode(lp(&[[-0.1, -3.0, -3.0], [-3.0, -0.2, -2.0], [-3.0, -2.0, -0.2], [-0.1, -3.0, -3.0]]).view(), &labels);
        assert_eq!(path, vec![0, 1, 2, 0]);
    }

    #[test]
    fn chunk_table() {
        let (o, bp, ip, bl, il) = (Label::O, Label::B(Person), Label::I(Person), Label::B(Location), Label::I(Location));
        let table: Vec<(Vec<Label>, Vec<(usize, usize, EntityKind)>)> = vec![
            (vec![], vec![]),
            (vec![o, o], vec![]),
            (vec![bp, ip, o], vec![(0, 2, Person)]),
            (vec![bp, bp], vec![(0, 1, Person), (1, 2, Person)]),
            (vec![o, ip, ip], vec![(1, 3, Person)]),
            (vec![bp, il], vec![(0, 1, Person), (1, 2, Location)]),
            (vec![bl, il, il], vec![(0, 3, Location)]),
        ];
        for (tags, want) in table {
            assert_eq!(chunks(&tags), want, "{tags:?}");
        }
    }
}

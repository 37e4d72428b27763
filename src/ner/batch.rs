//! Segments into forward passes: rows packed with several short segments ([`pack`]),
//! the rows split into batches at the least cost ([`batches`]), and a batch's flat
//! input arrays ([`pack_inputs`]; [`pad_batch`] and [`pad_labels`], one segment a row,
//! for training).

#[cfg(feature = "model")]
use tch::Tensor;

use super::engine::Inputs;
use super::segment::Segment;
use crate::models::{Engine, Precision};

/// Most rows in one forward pass (more under a cap above [`BATCH_TOKENS`]: a
/// cap's worth of rows of 64 wordpieces).
const BATCH: usize = 64;
/// Most padded wordpieces (rows × width) in one forward pass ([`batch_cells`]).
/// Measured (docs/benchmarks.md, "The cap of a forward pass"): caps of 256 to 4,096
/// taken in turns in one process, NER over the dev sentences in one call: throughput
/// per wordpiece rises up to 2,048–4,096 on libtorch fp32 and bf16 and ONNX Runtime
/// fp32 and int8 alike and does not fall after (no cache cliff for this model); the
/// CLI over PolNeAR train took 5.5× the time at 1,024, 1.1× at 2,048, 1.7× and 496 MB
/// instead of 381 at 8,192 (all on a VM at a load of 8–12). The peak for every engine
/// and precision but ONNX Runtime fp32, which a quiet VM showed peaking lower
/// ([`ONNX_F32_BATCH_TOKENS`]).
pub(super) const BATCH_TOKENS: usize = 4096;
/// The cap of a pass on ONNX Runtime at fp32 ([`batch_cells`]). Measured again on a
/// quiet VM (load under 1; docs/benchmarks.md, "The fp32 cap on ONNX Runtime"): NER
/// over the dev sentences 13,857 wordpieces/s at 1,024 against 12,090 at 4,096 (512:
/// 13,757; 2,048: 12,375), the CLI over PolNeAR train 23.6 and 22.6 s against 25.6 and
/// 23.4 with 289–311 MB of peak memory against 429–453, the same output byte for byte.
/// libtorch bf16 and ONNX Runtime int8 stayed flat from 1,024 to 4,096 in the same
/// sitting and keep [`BATCH_TOKENS`].
pub(super) const ONNX_F32_BATCH_TOKENS: usize = 1024;
/// Short segments share rows of up to this many wordpieces (a longer one has a row
/// of its own): less padding, fewer rows ([`pack`]). Against one segment a row, in
/// rounds taken in turns in one process over the dev corpus: one article at a time
/// 0.75× the time on libtorch bf16 and 0.90× on ONNX Runtime fp32; the corpus in one
/// call 0.83× (bf16); NER alone over all its sentences 0.84× (bf16), 1.00× (fp32 ONNX
/// Runtime). Rows of 32–96 within noise of 64, of 128 0.89× (attention over wide rows
/// costs). Claims unchanged.
const PACK_WIDTH: usize = 64;
/// [`PACK_WIDTH`] for ONNX Runtime int8, whose attention (quantized, many small
/// matrix products) costs most with the width: rows of 64 took 1.12× the time of one
/// segment a row over the dev corpus in one call (0.87× one article at a time), rows
/// of 32 1.00× (0.93×).
const INT8_PACK_WIDTH: usize = 32;
/// A forward pass's fixed cost, in wordpieces of compute (see [`batches`]):
/// measured on the dev corpus, one article at a time, against the previous plan
/// (padding at most a tenth): libtorch bf16 15.7–20.2 articles/s against 13.2–15.1
/// with 175; libtorch fp32 best near 50 (6.7–8.5 with 0); ONNX Runtime the same
/// within noise from 0 to 50. Batch extraction (the CLI over PolNeAR train) and the
/// claims are unchanged. With packed rows ([`PACK_WIDTH`]), bf16 is the same within
/// 1% from 50 to 600 (0 takes 1.7× the time).
const PASS_COST: usize = 50;
const BF16_PASS_COST: usize = 175;

/// How wide packed rows are on this engine and precision ([`PACK_WIDTH`]).
pub(super) fn pack_width(engine: Engine, precision: Precision) -> usize {
    match (engine, precision) {
        (Engine::Onnx, Precision::Int8) => INT8_PACK_WIDTH,
        _ => PACK_WIDTH,
    }
}

/// A forward pass's fixed cost in wordpieces on this engine and precision, for the
/// batch plan ([`PASS_COST`], [`batches`]).
pub(super) fn pass_cost(engine: Engine, precision: Precision) -> usize {
    match (engine, precision) {
        (Engine::Torch, Precision::Bf16) => BF16_PASS_COST,
        _ => PASS_COST,
    }
}

/// The most padded wordpieces one forward pass computes on this engine and
/// precision, where each measured its peak: [`ONNX_F32_BATCH_TOKENS`] on ONNX Runtime
/// at fp32, [`BATCH_TOKENS`] on the others.
pub(super) fn batch_cells(engine: Engine, precision: Precision) -> usize {
    match (engine, precision) {
        (Engine::Onnx, Precision::F32) => ONNX_F32_BATCH_TOKENS,
        _ => BATCH_TOKENS,
    }
}

/// Splits rows sorted by decreasing length (their wordpieces, packed: [`pack`]) into
/// batches (index ranges) of at most [`BATCH`] rows and `max_cells` padded
/// wordpieces ([`batch_cells`]; a row longer than that is a batch alone), at the least cost: a batch costs `overhead` plus the wordpieces it
/// computes (rows × its longest row), so padding is worth it while it costs less
/// than another forward pass.
/// Found exactly (the best split of a sorted list into runs, by dynamic programming).
/// `overhead` is a forward pass's fixed cost in wordpieces ([`PASS_COST`]).
pub(super) fn batches(lens: &[usize], overhead: usize, max_cells: usize) -> Vec<std::ops::Range<usize>> {
    let n = lens.len();
    let max_rows = BATCH.max(max_cells / 64);
    // best[j]: least cost of the first j sequences; from[j]: where its last batch starts
    let mut best = vec![usize::MAX; n + 1];
    let mut from = vec![0; n + 1];
    best[0] = 0;
    for j in 1..=n {
        for i in (j.saturating_sub(max_rows)..j).rev() {
            let cells = (j - i) * lens[i];
            if cells > max_cells && j - i > 1 {
                break;
            }
            let cost = best[i].saturating_add(overhead + cells);
            // on a tie, the larger batch (fewer passes)
            if cost <= best[j] {
                best[j] = cost;
                from[j] = i;
            }
        }
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        out.push(from[j]..j);
        j = from[j];
    }
    out.reverse();
    out
}

/// Packs segments into rows: first fit, longest first, each row holding at most
/// `width` wordpieces; a longer segment has a row of its own (so a long sentence
/// does not widen every row: attention costs with the width). `lens` are the
/// segments' lengths with `[CLS]` and `[SEP]`; rows come fullest first, as
/// [`batches`] wants.
pub(super) fn pack(lens: &[usize], width: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lens.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(lens[i]));
    let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
    // first[len]: no row before it has room for `len` (rows only fill up, so each
    // length's search resumes where it stopped: linear, not quadratic, in the rows)
    let mut first = vec![0usize; width + 1];
    for i in order {
        let len = lens[i];
        let fit = first.get_mut(len).and_then(|at| {
            while *at < rows.len() && rows[*at].0 + len > width {
                *at += 1;
            }
            rows.get_mut(*at)
        });
        match fit {
            Some((fill, row)) => {
                *fill += len;
                row.push(i);
            }
            None => rows.push((len, vec![i])),
        }
    }
    rows.sort_by_key(|(fill, _)| std::cmp::Reverse(*fill));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The inputs of a batch of rows of segments, and where each segment's `[CLS]`
/// sits in the flat layout (segments in row order).
pub(super) fn pack_inputs(rows: &[Vec<&Segment>], cls: u32, sep: u32) -> (Inputs, Vec<usize>) {
    let fill = |row: &Vec<&Segment>| row.iter().map(|s| s.ids.len() + 2).sum::<usize>();
    let width = rows.iter().map(fill).max().unwrap_or(0);
    let total = rows.len() * width;
    let mut inputs = Inputs {
        ids: vec![0; total],
        sequence_ids: vec![0; total],
        positions: vec![0; total],
        type_ids: vec![0; total],
        rows: rows.len(),
        width,
    };
    let mut slots = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut at = r * width;
        for (k, s) in row.iter().enumerate() {
            let n = s.ids.len();
            slots.push(at);
            inputs.ids[at] = i64::from(cls);
            inputs.ids[at + 1..at + 1 + n].copy_from_slice(&s.ids);
            inputs.ids[at + 1 + n] = i64::from(sep);
            inputs.sequence_ids[at..at + n + 2].fill(k as i64 + 1);
            for (p, v) in inputs.positions[at..at + n + 2].iter_mut().enumerate() {
                *v = p as i64;
            }
            inputs.type_ids[at + 1..at + 1 + n].copy_from_slice(&s.type_ids);
            at += n + 2;
        }
    }
    (inputs, slots)
}

#[cfg(feature = "model")]
/// One segment a row, as flat libtorch tensors (view them as `[rows, width]`): ids,
/// the attention mask, type ids; and the width. Labels go in the same layout with
/// [`pad_labels`].
pub(super) fn pad_batch(segs: &[&Segment], cls: u32, sep: u32) -> (Tensor, Tensor, Tensor, i64) {
    let rows: Vec<Vec<&Segment>> = segs.iter().map(|&s| vec![s]).collect();
    let (inputs, _) = pack_inputs(&rows, cls, sep);
    (Tensor::from_slice(&inputs.ids), Tensor::from_slice(&inputs.sequence_ids), Tensor::from_slice(&inputs.type_ids), inputs.width as i64)
}

#[cfg(feature = "model")]
/// Per-wordpiece labels of a batch laid out as [`pad_batch`] lays out its
/// wordpieces, into `out`: -100 (ignored by the loss) on `[CLS]`, `[SEP]` and padding.
pub(super) fn pad_labels(segs: &[&Segment], width: i64, labels: &[&[i64]], out: &mut Vec<i64>) {
    let width = width as usize;
    out.clear();
    out.resize(segs.len() * width, -100);
    for (i, (s, l)) in segs.iter().zip(labels).enumerate() {
        let n = s.ids.len().min(l.len());
        out[i * width + 1..i * width + 1 + n].copy_from_slice(&l[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::segment::test_segment as seg;
    use super::*;

    /// ONNX Runtime at fp32 plans passes of at most 1,024 padded wordpieces, the other
    /// engines and precisions of 4,096: 120 rows of 25 to 64 wordpieces split
    /// accordingly, every row in one pass.
    #[test]
    fn each_engine_plans_under_its_own_cap() {
        let mut lens: Vec<usize> = (0..120).map(|i| 64 - (i % 40)).collect();
        lens.sort_unstable_by(|a, b| b.cmp(a));
        for (engine, precision, cap) in [
            (Engine::Onnx, Precision::F32, 1024),
            (Engine::Onnx, Precision::Int8, 4096),
            (Engine::Torch, Precision::Bf16, 4096),
            (Engine::Torch, Precision::F32, 4096),
        ] {
            assert_eq!(batch_cells(engine, precision), cap);
            let plan = batches(&lens, pass_cost(engine, precision), cap);
            assert!(plan.iter().all(|r| r.len() * lens[r.start] <= cap), "{engine:?} {precision:?}: {plan:?}");
            assert_eq!(plan.iter().map(|r| r.len()).sum::<usize>(), lens.len());
        }
    }

    #[test]
    #[cfg(feature = "model")]
    fn labels_take_the_layout_of_the_wordpieces() {
        let (a, b) = (seg(&[0, 1, 1]), seg(&[0]));
        let (ids, _, _, width) = pad_batch(&[&a, &b], 101, 102);
        assert_eq!(width, 5);
        assert_eq!(Vec::<i64>::try_from(ids).unwrap(), [101, 0, 1, 1, 102, 101, 0, 102, 0, 0]);
        let mut out = vec![7; 3];
        pad_labels(&[&a, &b], width, &[&[3, 4, 4], &[5]], &mut out);
        assert_eq!(out, [-100, 3, 4, 4, -100, -100, 5, -100, -100, -100]);
    }

    #[test]
    #[allow(clippy::type_complexity)] // a table of lengths and the rows expected
    fn short_segments_share_rows_first_fit_longest_first() {
        // (lengths with [CLS]/[SEP], row width, rows expected: indices into lengths)
        let table: &[(&[usize], usize, &[&[usize]])] = &[
            (&[], 128, &[]),
            (&[10, 20, 30], 128, &[&[2, 1, 0]]),
            (&[100, 60, 60], 128, &[&[1, 2], &[0]]),
            // a segment longer than the width has a row of its own
            (&[300, 5, 5], 128, &[&[0], &[1, 2]]),
            (&[300, 200, 90, 30], 128, &[&[0], &[1], &[2, 3]]),
            (&[50, 50, 50, 20], 64, &[&[0], &[1], &[2], &[3]]),
            (&[40, 30, 20, 10], 60, &[&[0, 2], &[1, 3]]),
        ];
        for (lens, width, want) in table {
            let want: Vec<Vec<usize>> = want.iter().map(|r| r.to_vec()).collect();
            assert_eq!(pack(lens, *width), want, "{lens:?} width {width}");
        }
        // every segment once, no row over its width, rows fullest first
        let lens: Vec<usize> = (0..200).map(|i| 3 + (i * 37) % 90).collect();
        let rows = pack(&lens, 128);
        let mut seen: Vec<usize> = rows.iter().flatten().copied().collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
        let fills: Vec<usize> = rows.iter().map(|r| r.iter().map(|&i| lens[i]).sum()).collect();
        assert!(fills.iter().all(|&f| f <= 128) && fills.windows(2).all(|w| w[0] >= w[1]), "{fills:?}");
        // the same rows as the plain first fit (the first row with room, longest first)
        let mut naive: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut order: Vec<usize> = (0..lens.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(lens[i]));
        for i in order {
            match naive.iter_mut().find(|(fill, _)| fill + lens[i] <= 128) {
                Some((fill, row)) => {
                    *fill += lens[i];
                    row.push(i);
                }
                None => naive.push((lens[i], vec![i])),
            }
        }
        naive.sort_by_key(|(fill, _)| std::cmp::Reverse(*fill));
        assert_eq!(rows, naive.into_iter().map(|(_, r)| r).collect::<Vec<_>>());
        let long: Vec<usize> = [200, 130, 129].into_iter().chain(lens.iter().copied()).collect();
        let rows = pack(&long, 128);
        assert!(rows.iter().all(|r| r.len() == 1 || r.iter().map(|&i| long[i]).sum::<usize>() <= 128), "{rows:?}");
    }

    #[test]
    fn packed_inputs_restart_positions_and_number_sequences() {
        let (a, b, c) = (seg(&[0, 1, 1]), seg(&[0]), seg(&[0, 1]));
        let (x, slots) = pack_inputs(&[vec![&a, &b], vec![&c]], 101, 102);
        assert_eq!((x.rows, x.width), (2, 8));
        assert_eq!(slots, [0, 5, 8]);
        assert_eq!(x.ids, [101, 0, 1, 1, 102, 101, 0, 102, 101, 0, 1, 102, 0, 0, 0, 0]);
        assert_eq!(x.sequence_ids, [1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0]);
        assert_eq!(x.positions, [0, 1, 2, 3, 4, 0, 1, 2, 0, 1, 2, 3, 0, 0, 0, 0]);
    }

    #[test]
    // (a table of lengths and the batches expected: one-range lists are the point)
    #[allow(clippy::single_range_in_vec_init, clippy::type_complexity)]
    fn batches_weigh_padding_against_passes() {
        assert_eq!(batches(&[], 50, BATCH_TOKENS), Vec::<std::ops::Range<usize>>::new());
        // (lengths sorted longest first, overhead, batches)
        let table: &[(&[usize], usize, &[std::ops::Range<usize>])] = &[
            (&[10, 10, 10, 10], 50, &[0..4]),
            // no overhead: padding never pays
            (&[10, 7], 0, &[0..1, 1..2]),
            (&[10, 10, 7], 0, &[0..2, 2..3]),
            // 3 padded cells cost less than a pass of 50
            (&[10, 7], 50, &[0..2]),
            // 60 padded cells (a 64-long next to short ones) cost more than a pass of 50
            (&[64, 4, 4], 50, &[0..1, 1..3]),
            (&[64, 4, 4], 200, &[0..3]),
            // two clusters of lengths
            (&[40, 39, 38, 12, 11, 10], 20, &[0..3, 3..6]),
        ];
        for (lens, overhead, want) in table {
            assert_eq!(batches(lens, *overhead, BATCH_TOKENS), want.to_vec(), "{lens:?} overhead {overhead}");
        }
        // a lower cap splits what the overhead would join; a row over the cap runs alone
        assert_eq!(batches(&[10, 10, 10, 10], 50, 20), [0..2, 2..4]);
        assert_eq!(batches(&[30, 10, 10], 50, 20), [0..1, 1..3]);
        for cap in [1, 64, 256, 1024] {
            let lens: Vec<usize> = (0..300).map(|i| 64 - i * 60 / 300).collect();
            let b = batches(&lens, 10_000, cap);
            assert_eq!(b.iter().map(|r| r.len()).sum::<usize>(), 300, "{cap}");
            assert!(b.iter().all(|r| r.len() == 1 || r.len() * lens[r.start] <= cap), "{cap}: {b:?}");
        }
        // the limits hold whatever the overhead
        for overhead in [0, 50, 10_000] {
            let lens = vec![5usize; 200];
            let b = batches(&lens, overhead, BATCH_TOKENS);
            assert!(b.iter().all(|r| r.len() <= BATCH), "{overhead}");
            assert_eq!(b.iter().map(|r| r.len()).sum::<usize>(), 200);
            let long = vec![500usize; 20];
            let b = batches(&long, overhead, BATCH_TOKENS);
            assert!(b.iter().all(|r| r.len() * 500 <= BATCH_TOKENS), "{b:?}");
        }
    }
}

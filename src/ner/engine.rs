//! What runs the forward pass: the interface both engines share (a padded batch of
//! [`Inputs`] in, the heads' [`Outputs`] out), the libtorch engine ([`TorchNet`], the
//! network as `rust-bert` layers, also what training runs on), and the process-wide
//! settings of the engines (intra-op threads, the allocator).

#[cfg(feature = "model")]
use std::path::Path;

#[cfg(feature = "model")]
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
#[cfg(feature = "model")]
use tch::{nn, Device, Kind, Tensor};

#[cfg(feature = "model")]
use super::model_dir::SyntaxLabels;
use super::onnx::OnnxNet;
#[cfg(feature = "model")]
use crate::error::Error;
use crate::error::Result;
#[cfg(feature = "model")]
use crate::models::Precision;

/// A batch, row-major `[rows, width]`: each row holds one or more segments, each
/// as `[CLS] … [SEP]` with positions from 0, then padding. A wordpiece attends to
/// the wordpieces of its own segment only, so a packed segment's outputs are the
/// ones it would get alone.
pub(super) struct Inputs {
    pub(super) ids: Vec<i64>,
    /// Which segment of its row each wordpiece belongs to, from 1; 0 on padding
    /// (with one segment a row, this is the usual 0/1 attention mask).
    pub(super) sequence_ids: Vec<i64>,
    /// Each wordpiece's position in its segment.
    pub(super) positions: Vec<i64>,
    pub(super) type_ids: Vec<i64>,
    pub(super) rows: usize,
    pub(super) width: usize,
}

/// The heads' outputs for a batch, flat and row-major: entity log-probabilities
/// `[rows, width, label_count]` and, with syntax heads, POS and chunk ids `[rows, width]`.
pub(super) struct Outputs {
    /// How many entity labels each wordpiece has a log-probability of.
    pub(super) label_count: usize,
    pub(super) ner: Vec<f32>,
    pub(super) syntax: Option<(Vec<i64>, Vec<i64>)>,
}

/// What runs the forward pass. Neither is `Sync` (`tch::Tensor` is not, an ONNX
/// session runs with `&mut`): the model's mutex makes it shareable.
pub(super) enum Net {
    #[cfg(feature = "model")]
    Torch(Box<TorchNet>),
    Onnx(OnnxNet),
}

impl Net {
    /// The heads' outputs for a padded batch.
    pub(super) fn forward(&mut self, inputs: &Inputs) -> Result<Outputs> {
        match self {
            #[cfg(feature = "model")]
            Net::Torch(torch) => torch.forward(inputs),
            Net::Onnx(onnx) => onnx.forward(inputs),
        }
    }

    #[cfg(feature = "model")]
    /// The libtorch network (training runs on it only).
    pub(super) fn torch(&mut self) -> Result<&mut TorchNet> {
        match self {
            Net::Torch(torch) => Ok(torch),
            Net::Onnx(_) => Err(Error::Internal { message: "training needs the libtorch engine".into() }),
        }
    }
}

/// The libtorch network and its weights.
#[cfg(feature = "model")]
pub(super) struct TorchNet {
    pub(super) vs: nn::VarStore,
    pub(super) tagger: Tagger,
}

#[cfg(feature = "model")]
impl TorchNet {
    /// The network of `config` with `labels` entity labels (and syntax heads with
    /// `syntax`), its weights read from `weights`, in `precision`, on `threads`
    /// intra-op threads.
    pub(super) fn load(
        weights: &Path,
        config: &BertConfig,
        labels: usize,
        syntax: Option<&SyntaxLabels>,
        precision: Precision,
        threads: usize,
    ) -> std::result::Result<TorchNet, tch::TchError> {
        cap_kernel_caches();
        tch::set_num_threads(threads as i32);
        tune_allocator();
        let mut vs = nn::VarStore::new(Device::Cpu);
        let tagger = Tagger::new(vs.root(), config, labels, syntax);
        vs.load(weights)?;
        if precision == Precision::Bf16 {
            vs.bfloat16();
        }
        Ok(TorchNet { vs, tagger })
    }

    /// The heads' outputs for a padded batch, without gradients.
    fn forward(&self, inputs: &Inputs) -> Result<Outputs> {
        let shape = [inputs.rows as i64, inputs.width as i64];
        let tensor = |v: &[i64]| Tensor::from_slice(v).view(shape);
        let (ner, pos, chunk) = tch::no_grad(|| -> Result<_> {
            // [rows, width, width]: 1 where query and key are of the same segment
            let seq = tensor(&inputs.sequence_ids);
            let mask = seq.unsqueeze(2).eq_tensor(&seq.unsqueeze(1)).logical_and(&seq.unsqueeze(1).gt(0)).to_kind(Kind::Int64);
            let out =
                self.tagger.forward_t(&tensor(&inputs.ids), &mask, &tensor(&inputs.type_ids), Some(&tensor(&inputs.positions)), false)?;
            let best = |t: Option<Tensor>| t.map(|t| t.argmax(-1, false));
            Ok((out.ner.log_softmax(-1, Kind::Float), best(out.pos), best(out.chunk)))
        })?;
        let label_count = ner.size().last().copied().unwrap_or(0) as usize;
        let ner = Vec::<f32>::try_from(ner.flatten(0, -1))?;
        let ids_of = |t: Option<Tensor>| -> Result<Option<Vec<i64>>> {
            t.map(|t| Vec::<i64>::try_from(t.flatten(0, -1))).transpose().map_err(Error::from)
        };
        let (pos, chunk) = (ids_of(pos)?, ids_of(chunk)?);
        Ok(Outputs { label_count, ner, syntax: pos.zip(chunk) })
    }
}

/// The network: a BERT encoder, its entity head (`classifier`, as in a Hugging Face
/// `BertForTokenClassification`) and, optionally, POS and chunk heads.
#[cfg(feature = "model")]
pub(super) struct Tagger {
    bert: BertModel<BertEmbeddings>,
    dropout: f64,
    classifier: nn::Linear,
    pos: Option<nn::Linear>,
    chunk: Option<nn::Linear>,
}

/// The heads' logits `[batch, width, labels]`.
#[cfg(feature = "model")]
pub(super) struct Logits {
    pub(super) ner: Tensor,
    pub(super) pos: Option<Tensor>,
    pub(super) chunk: Option<Tensor>,
}

#[cfg(feature = "model")]
impl Tagger {
    /// The layers under `root`, named as in a Hugging Face checkpoint: an entity head
    /// of `entity_labels` outputs and, with `syntax`, POS and chunk heads.
    pub(super) fn new(root: nn::Path, config: &BertConfig, entity_labels: usize, syntax: Option<&SyntaxLabels>) -> Tagger {
        let bert = BertModel::new_with_optional_pooler(&root / "bert", config, false);
        let head = |name: &str, n: usize| nn::linear(&root / name, config.hidden_size, n as i64, Default::default());
        Tagger {
            bert,
            dropout: config.hidden_dropout_prob,
            classifier: head("classifier", entity_labels),
            pos: syntax.map(|s| head("pos_classifier", s.pos.len())),
            chunk: syntax.map(|s| head("chunk_classifier", s.chunks.len())),
        }
    }

    /// `mask` is `[batch, width]` (1 on wordpieces, 0 on padding) or `[batch, width,
    /// width]` (which keys each query attends to); `positions` default to 0, 1, 2 …
    pub(super) fn forward_t(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        type_ids: &Tensor,
        positions: Option<&Tensor>,
        train: bool,
    ) -> Result<Logits> {
        let hidden = self
            .bert
            .forward_t(Some(ids), Some(mask), Some(type_ids), positions, None, None, None, train)?
            .hidden_state
            .dropout(self.dropout, train);
        let apply = |l: &nn::Linear| hidden.apply(l);
        Ok(Logits { ner: apply(&self.classifier), pos: self.pos.as_ref().map(apply), chunk: self.chunk.as_ref().map(apply) })
    }
}

/// The environment variable that sets libtorch's intra-op threads (default: the
/// cores available). Several extractor processes on one machine (Spark's executors)
/// each take their share, or they oversubscribe the cores.
pub const THREADS_ENV: &str = "ATTRIBUTION_THREADS";

/// Intra-op threads = `$ATTRIBUTION_THREADS`, else the cores available (the
/// engines' defaults can oversubscribe).
pub(super) fn threads() -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    std::env::var(THREADS_ENV).ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(cores)
}

/// glibc's allocator returns every freed block above 128 KB to the kernel and maps
/// it again on the next forward pass: a fifth of the extractor's time went to page
/// faults and zeroing. Larger blocks up to 32 MB (a batch's activations) now stay in
/// the heap, and the heap is trimmed only above 256 MB. Process-wide and once; peak
/// memory measured unchanged (PolNeAR train: 495 MB either way), time −20%.
#[cfg(feature = "model")]
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only sets allocator parameters; any value is allowed
            // (glibc refuses out-of-range ones and returns 0)
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
                libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
            }
        });
    }
}

/// How many compiled kernels each of libtorch's two per-shape caches keeps
/// ([`cap_kernel_caches`]): enough for the kernels of one forward pass (its layers
/// share their shapes), so a pass compiles each of them once.
#[cfg(feature = "model")]
const KERNEL_CACHE: &str = "16";

/// Caps the caches in which libtorch's CPU backend keeps a compiled kernel for each
/// input shape it has seen: oneDNN's primitive cache (`ONEDNN_PRIMITIVE_CACHE_CAPACITY`)
/// and ideep's (`LRU_CACHE_CAPACITY`), 1,024 entries each by default, of about 150 KB
/// an entry. Forward passes take the shape of their batch (rows × width), which is
/// new for most batches of a corpus, so the caches grew with the corpus until full
/// (about 300 MB): peak RSS rose from 379 MB to 544 MB between 4 and 24 MB of PolNeAR
/// train, with the memory the crate holds flat. Capped at [`KERNEL_CACHE`] entries
/// each: flat over the corpus, and as fast (kernels are rarely reused across batches:
/// their shapes differ). Results are the same kernels' results: the claims do not
/// change. A value the user set in the environment is kept. Process-wide, once,
/// before libtorch runs its first kernel (they read the variables then; a program that
/// ran libtorch before loading a model keeps its caches as they are). Writing the
/// environment is not thread-safe on Unix: C code reading it on another thread at
/// that moment (`getenv`) races. The model load does it once, first thing; a program
/// that runs other native threads before loading a model should set both variables
/// itself (they are then left alone).
#[cfg(feature = "model")]
fn cap_kernel_caches() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for var in ["ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY"] {
            if std::env::var_os(var).is_none() {
                std::env::set_var(var, KERNEL_CACHE);
            }
        }
    });
}

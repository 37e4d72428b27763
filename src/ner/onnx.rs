//! The ONNX Runtime engine: the same network as the libtorch one, exported to ONNX
//! when the model is built ([`super::export`], fp32 and int8), run through the `ort`
//! crate on the ONNX Runtime library of the PyPI wheel the set-up fetched.

use std::path::Path;

use ort::environment::Environment;
use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::TensorRef;

use super::engine::{Inputs, Outputs};
use crate::cache::corrupt;
use crate::error::{Error, Result};
use crate::models::{onnx_graph_file, Precision};

/// A loaded ONNX session and what its graph outputs.
pub(super) struct OnnxNet {
    session: Session,
    syntax: bool,
}

impl OnnxNet {
    /// Opens the graph of `precision` in `dir` on the runtime library `lib` with
    /// `threads` intra-op threads. `syntax`: the model's config has syntax labels,
    /// and the graph must then have `pos` and `chunk` outputs.
    pub(super) fn load(lib: &Path, dir: &Path, precision: Precision, threads: usize, syntax: bool, fix: &str) -> Result<OnnxNet> {
        let path = dir.join(onnx_graph_file(precision));
        if !path.is_file() {
            return Err(Error::MissingModelFile { path, fix: fix.to_owned() });
        }
        let env = runtime(lib)?;
        let session = Session::builder(env)
            .and_then(|b| b.with_optimization_level(GraphOptimizationLevel::Level3).map_err(Into::into))
            .and_then(|b| b.with_intra_threads(threads).map_err(Into::into))
            .and_then(|b| b.with_inter_threads(1).map_err(Into::into))
            // memory patterns are planned per input shape, and packed batches come in
            // many: without them the CLI over PolNeAR train peaks at 458 MB, not 568,
            // in the same time (fp32; int8 383 MB, not 494)
            .and_then(|b| b.with_memory_pattern(false).map_err(Into::into))
            .and_then(|mut b| b.commit_from_file(&path))
            .map_err(|e| corrupt(dir, onnx_graph_file(precision), e.to_string(), &format!("rebuild it with `{fix}`")))?;
        let outputs: Vec<&str> = session.outputs().iter().map(|o| o.name()).collect();
        let has = |n: &str| outputs.contains(&n);
        if !has("ner") || (syntax && !(has("pos") && has("chunk"))) {
            let reason = format!("its outputs are {outputs:?}, expected ner{}", if syntax { ", pos, chunk" } else { "" });
            return Err(corrupt(dir, onnx_graph_file(precision), reason, &format!("rebuild it with `{fix}`")));
        }
        Ok(OnnxNet { session, syntax })
    }

    /// The heads' outputs for a padded batch.
    pub(super) fn forward(&mut self, inputs: &Inputs) -> Result<Outputs> {
        let shape = [inputs.rows, inputs.width];
        let out = self.session.run(ort::inputs![
            "input_ids" => TensorRef::from_array_view((shape, inputs.ids.as_slice()))?,
            "sequence_ids" => TensorRef::from_array_view((shape, inputs.sequence_ids.as_slice()))?,
            "position_ids" => TensorRef::from_array_view((shape, inputs.positions.as_slice()))?,
            "token_type_ids" => TensorRef::from_array_view((shape, inputs.type_ids.as_slice()))?,
        ])?;
        let (ner_shape, ner) = out["ner"].try_extract_tensor::<f32>()?;
        let label_count = ner_shape.last().copied().unwrap_or(0).max(0) as usize;
        let syntax = if self.syntax {
            let (_, pos) = out["pos"].try_extract_tensor::<i64>()?;
            let (_, chunk) = out["chunk"].try_extract_tensor::<i64>()?;
            Some((pos.to_vec(), chunk.to_vec()))
        } else {
            None
        };
        Ok(Outputs { label_count, ner: ner.to_vec(), syntax })
    }
}

/// The ONNX Runtime environment: the library is loaded once per process, and the
/// first library loaded stays.
fn runtime(lib: &Path) -> Result<&'static Environment> {
    static ENV: std::sync::OnceLock<std::result::Result<Environment, String>> = std::sync::OnceLock::new();
    let env = ENV.get_or_init(|| {
        let builder = ort::init_from(lib).map_err(|e| format!("{e}"))?;
        builder.with_name("attribution").build().map_err(|e| e.to_string())
    });
    env.as_ref().map_err(|reason| {
        let (dir, file) = (lib.parent().unwrap_or(Path::new(".")), lib.file_name().unwrap_or_default().to_string_lossy());
        corrupt(dir, &file, reason.clone(), "run `bash scripts/setup.sh` (fetches the ONNX Runtime wheel again)")
    })
}

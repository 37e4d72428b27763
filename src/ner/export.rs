//! Writing a model's ONNX graphs (fp32 and int8) for the ONNX Runtime engine
//! ([`super::onnx`]): `export_onnx.py`, run with the Python of the set-up and the
//! pinned ONNX tools.

use std::path::Path;
use std::process::Command;

use crate::cache::{Manifest, MANIFEST_FILE};
use crate::error::{Error, Result};
use crate::models::{ModelsConfig, ONNX_FP32_FILE, ONNX_INT8_FILE};

/// The exporter, run with the Python of the set-up and the ONNX tools on its path.
const EXPORTER: &str = include_str!("export_onnx.py");
/// Whether a model directory has both graphs.
pub(super) fn is_exported(dir: &Path) -> bool {
    [ONNX_FP32_FILE, ONNX_INT8_FILE].iter().all(|f| dir.join(f).is_file())
}

/// Writes `tagger.onnx` and `tagger.int8.onnx` into a model directory (fetching the
/// pinned ONNX tools first), and refreshes the directory's manifest if it has one.
/// Seconds, with the tools fetched.
pub fn export_onnx(config: &ModelsConfig, dir: &Path) -> Result<()> {
    let tools = config.fetch_onnx_tools()?;
    let script = tools.join("attribution_export_onnx.py");
    std::fs::write(&script, EXPORTER).map_err(|e| Error::io(&script, e))?;
    let failed = |reason: String| Error::Export { dir: dir.to_owned(), reason };
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .args([ONNX_FP32_FILE, ONNX_INT8_FILE])
        .env("PYTHONPATH", &tools)
        .output()
        .map_err(|e| failed(format!("cannot run python3 ({e})")))?;
    if !out.status.success() || !is_exported(dir) {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(failed(format!("{} ({})", tail.into_iter().rev().collect::<Vec<_>>().join(" | "), out.status)));
    }
    // the graphs of earlier builds (an attention mask instead of packed rows): unread
    for old in ["model.onnx", "model.int8.onnx"] {
        let _ = std::fs::remove_file(dir.join(old));
    }
    // a built directory's manifest lists the new graphs
    if dir.join(MANIFEST_FILE).is_file() {
        Manifest::write(dir)?;
    }
    Ok(())
}

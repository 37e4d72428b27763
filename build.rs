//! Bakes the libtorch library directory into every binary, test and example as an
//! RPATH, so that they run from a fresh shell without `LD_LIBRARY_PATH`.
//!
//! torch-sys (`links = "tch"`) exports the directory it linked against as
//! `DEP_TCH_LIBTORCH_LIB` to crates that depend on it directly. The path is
//! canonicalised so that a symlinked CPU-only view resolves to the real wheel
//! directory, where the wheel's own `$ORIGIN`-relative RPATHs find libgomp & co.
//! Link arguments do not reach a dependent's binaries; the directory is passed on
//! to them (see the README, "Use it from your crate").
//!
//! Without feature `model` (the pure crate, or `onnx` alone) there is no libtorch and
//! nothing to do: a dependent needs no build.rs or configuration of its own.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    if std::env::var_os("CARGO_FEATURE_MODEL").is_none() {
        return;
    }
    if let Ok(lib) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        let lib = std::path::PathBuf::from(lib);
        let real = std::fs::canonicalize(lib.join("libtorch_cpu.so")).ok().and_then(|p| p.parent().map(|d| d.to_path_buf())).unwrap_or(lib);
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", real.display());
        // and to crates that depend on this one (`links = "attribution"`), as
        // DEP_ATTRIBUTION_LIBTORCH_LIB, for their own RPATH
        println!("cargo:libtorch_lib={}", real.display());
    }
}

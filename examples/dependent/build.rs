// libtorch's directory as an RPATH, so the binary runs without LD_LIBRARY_PATH
// (attribution's build script passes it on as DEP_ATTRIBUTION_LIBTORCH_LIB).
fn main() {
    if let Ok(lib) = std::env::var("DEP_ATTRIBUTION_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
}

//! The `models.toml` parser on arbitrary input: a typed result, never a panic.
#![no_main]

use attribution::models::ModelsConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(c) = ModelsConfig::parse(text, std::path::Path::new("models.toml")) {
            for name in c.models.keys() {
                let _ = c.model_dir(Some(name));
                let _ = c.fix_command(Some(name));
            }
        }
    }
});

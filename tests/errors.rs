//! Every error case gives a typed error that names the path (and the fix), and
//! no panic. No built model needed: these are the model loader's own errors, so the
//! `model` feature (libtorch) is.
#![cfg(feature = "model")]

use std::path::PathBuf;

use attribution::models::ModelsConfig;
use attribution::ner::NerModel;
use attribution::Error;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attribution-errors-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const CONFIG: &str = r#"{"hidden_act": "gelu", "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1,
 "hidden_size": 8, "initializer_range": 0.02, "intermediate_size": 16, "max_position_embeddings": 16,
 "num_attention_heads": 2, "num_hidden_layers": 1, "type_vocab_size": 2, "vocab_size": 8,
 "id2label": {"0": "O", "1": "B-PER", "2": "I-PER"}, "label2id": {"O": 0, "B-PER": 1, "I-PER": 2}}"#;

#[test]
fn missing_model_files_name_the_path_and_the_fix() {
    let d = scratch("missing");
    let Err(e) = NerModel::from_dir(&d) else { panic!("loaded an empty dir") };
    match &e {
        Error::MissingModelFile { path, fix } => {
            assert_eq!(path, &d.join("config.json"));
            assert!(fix.contains("attribution model build"), "{fix}");
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("config.json"));
}

#[test]
fn corrupt_config_is_typed() {
    let d = scratch("corrupt");
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        std::fs::write(d.join(f), "not json").unwrap();
    }
    match NerModel::from_dir(&d) {
        Err(Error::ModelCorrupt { dir, file, .. }) => assert_eq!(dir.join(file), d.join("config.json")),
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn unknown_labels_are_typed() {
    let d = scratch("labels");
    std::fs::write(
        d.join("config.json"),
        CONFIG.replace("\"B-PER\", \"2\"", "\"B-DATE\", \"2\"").replace("\"1\": \"B-PER\"", "\"1\": \"B-DATE\""),
    )
    .unwrap();
    std::fs::write(d.join("tokenizer.json"), "{}").unwrap();
    std::fs::write(d.join("model.safetensors"), "").unwrap();
    match NerModel::from_dir(&d) {
        Err(e @ Error::UnknownLabel { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("B-DATE") && msg.contains("config.json"), "{msg}");
        }
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn corrupt_tokenizer_is_typed() {
    let d = scratch("tokenizer");
    std::fs::write(d.join("config.json"), CONFIG).unwrap();
    std::fs::write(d.join("tokenizer.json"), "{\"nope\": 1}").unwrap();
    std::fs::write(d.join("model.safetensors"), "").unwrap();
    match NerModel::from_dir(&d) {
        Err(Error::ModelCorrupt { dir, file, .. }) => assert_eq!(dir.join(file), d.join("tokenizer.json")),
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn malformed_models_toml_is_typed() {
    let d = scratch("toml");
    let p = d.join("models.toml");
    for bad in ["default = ", "default = \"x\"\ncache = \"/tmp\"\n[models.y]\npath = \"m\"", "[[[", "default = 3"] {
        std::fs::write(&p, bad).unwrap();
        match ModelsConfig::from_file(&p) {
            Err(e @ Error::InvalidModelsFile { .. }) => assert!(e.to_string().contains("models.toml"), "{e}"),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    match ModelsConfig::from_file(d.join("absent.toml")) {
        Err(Error::Io { path, .. }) => assert!(path.ends_with("absent.toml")),
        other => panic!("{other:?}"),
    }
    std::fs::write(&p, "default = \"y\"\ncache = \"/tmp\"\n[models.y]\npath = \"m\"").unwrap();
    let c = ModelsConfig::from_file(&p).unwrap();
    assert!(matches!(NerModel::from_config(&c, Some("zz")), Err(Error::UnknownModel { .. })));
    assert!(matches!(NerModel::from_config(&c, None), Err(Error::MissingModelFile { .. })));
}

#[test]
fn errors_keep_their_source() {
    let d = scratch("source");
    let e = ModelsConfig::from_file(d.join("nope.toml")).unwrap_err();
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn public_types_are_send_and_sync() {
    fn ok<T: Send + Sync>() {}
    ok::<attribution::Extractor>();
    ok::<NerModel>();
    ok::<attribution::Claim>();
    ok::<attribution::Article>();
    ok::<attribution::Entity>();
    ok::<attribution::Error>();
    ok::<ModelsConfig>();
}

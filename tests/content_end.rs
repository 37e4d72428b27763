//! The learned rows: rule `content_end` (the end of a content that follows its cue)
//! and rule `speech` (whether a cue is speech here), and where their parameters
//! come from. Pure heuristics with the built-in parameters, no NER model; sentences
//! of our own.

use attribution::learned::Learned;
use attribution::models::ModelsConfig;
use attribution::{attribute_with_rules, Claim, Entity, EntityKind, Rule, Rules};

/// Persons of the sentences below, as a NER model would give them.
fn entities(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    for name in ["Elena Voss", "Tomas Berg", "Ana Ruiz", "Lopez", "Ruiz", "Berg"] {
        for (at, _) in text.match_indices(name) {
            if !out.iter().any(|e: &Entity| e.start <= at && at < e.end) {
                out.push(Entity::new(EntityKind::Person, text, at, at + name.len()).expect("a span of the text"));
            }
        }
    }
    out
}

/// The contents of the claims of `text`, with the rules given.
fn contents(text: &str, rules: Rules) -> Vec<String> {
    let claims: Vec<Claim> = attribute_with_rules(text, &entities(text), &Default::default(), rules);
    claims.iter().filter_map(|c| c.text.as_ref().map(|t| t.text.clone())).collect()
}

/// (sentence, its content): where the reported clause runs to the end of the
/// sentence, the built-in parameters leave it whole.
const ROWS: &[(&str, &str)] = &[
    // an embedded relative clause is part of what was said
    ("Berg said the plan, which was drafted in May, would cut costs.", "the plan, which was drafted in May, would cut costs"),
    // a list is one content
    ("Ana Ruiz said the port, the airport and the rail line would all reopen.", "the port, the airport and the rail line would all reopen"),
    // a quotation is never cut
    ("Elena Voss said: “We will appeal, and we will win, whatever it costs.”", "We will appeal, and we will win, whatever it costs"),
    // a clause of reasons
    ("Lopez said the vote was delayed because two members were ill.", "the vote was delayed because two members were ill"),
];

#[test]
fn a_whole_reported_clause_is_left_whole() {
    for (text, want) in ROWS {
        assert_eq!(contents(text, Rules::all()), [want.to_string()], "{text}");
        assert_eq!(contents(text, Rules::all().without(Rule::ContentEnd).without(Rule::Speech)), [want.to_string()], "{text}");
    }
}

#[test]
fn a_verb_of_the_lexicon_that_is_not_speech_here_gives_no_claim() {
    // `maintained` reports speech with a clause, not with an object of accounts
    let act = "The firm maintained its costs at last year's level.";
    assert_eq!(contents(act, Rules::all()), Vec::<String>::new());
    assert_eq!(contents(act, Rules::all().without(Rule::Speech)), ["its costs at last year's level"]);
    let said = "The ministry maintained that the figures were correct.";
    assert_eq!(contents(said, Rules::all()), ["the figures were correct"]);
}

#[test]
fn the_learned_rows_find_no_claims_of_their_own() {
    let text = ROWS[0].0;
    let none = Rule::ALL.into_iter().fold(Rules::all(), Rules::without);
    for rule in [Rule::ContentEnd, Rule::Speech] {
        assert!(!rule.finds_claims());
        assert!(attribute_with_rules(text, &entities(text), &Default::default(), none.with(rule)).is_empty());
    }
}

#[test]
fn models_toml_declares_the_built_in_parameters() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = ModelsConfig::from_file(root.join("models.toml")).expect("models.toml");
    assert_eq!(config.content_end.as_deref(), Some(root.join("models/content-end.json").as_path()));
    assert_eq!(config.speech.as_deref(), Some(root.join("models/speech.json").as_path()));
    assert_eq!(&config.learned().expect("the declared files"), Learned::builtin());
    // the embedded models.toml uses the copies built into the crate
    let embedded = ModelsConfig::embedded().expect("embedded");
    assert_eq!((embedded.content_end, embedded.speech), (None, None));
    // where they came from is part of each file
    for m in [&Learned::builtin().content_end, &Learned::builtin().speech] {
        let p = &m.provenance;
        assert_eq!((p.corpus.as_str(), p.split.as_str()), ("networkdynamics/PolNeAR", "train"));
        assert_eq!(p.commit.len(), 40, "the PolNeAR commit trained on");
    }
}

#[test]
fn a_missing_or_broken_parameter_file_is_a_typed_error() {
    let dir = std::env::temp_dir().join(format!("attribution-content-end-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models.toml")).unwrap();
    std::fs::write(dir.join("models.toml"), toml).unwrap();
    let config = ModelsConfig::from_file(dir.join("models.toml")).unwrap();
    let e = config.learned().unwrap_err();
    assert!(matches!(&e, attribution::Error::Io { path, .. } if path.ends_with("models/content-end.json")), "{e:?}");
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::write(dir.join("models/content-end.json"), "{\"task\": 3}").unwrap();
    let e = config.learned().unwrap_err();
    assert!(matches!(&e, attribution::Error::Json { .. }), "{e:?}");
    std::fs::remove_dir_all(&dir).ok();
}

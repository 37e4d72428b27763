//! Writes two HTML pages without a model, for a look in a browser and for
//! `scripts/html_check.sh`: `article.html`, the claims the rules find in a short
//! article of our own wording (entities given by hand), and `report.html`, a corpus
//! report read from REPORT.json (what `attribution report --json` prints) or, without
//! it, a small hand-made one.
//!
//! ```text
//! cargo run --release --no-default-features --example html_pages -- OUT_DIR [REPORT.json]
//! ```

use std::process::ExitCode;

use attribution::html::{self, Report};
use attribution::{attribute, Article, Entity, EntityKind};

/// Our own wording: curly quotes, accents, a dash, `&` and `<` in the text, a named
/// speaker, anonymous ones, a pronoun that stands for a name, and a denial.
const TEXT: &str = "Port of Valparaíso to reopen <soon> — officials & unions split\n\n\
“The cranes will be back on Monday,” said Inés Cortázar, the port’s director. \
She added that the dockers’ union had agreed to a new schedule.\n\n\
Two officials familiar with the talks, speaking on condition of anonymity, said the agreement \
was “far from final”. The union denied that it had signed anything.";

const REPORT: &str = r#"{"overall": {"documents": 12, "failed": 1, "claims": 40, "claims_per_document": 3.64,
  "anonymity": {"named": 0.5, "institutional": 0.3, "anonymous": 0.2},
  "stance": {"assert": 0.8, "deny": 0.1, "confirm": 0.05, "hedge": 0.05},
  "top_sources": [["Inés Cortázar", 6], ["R&D <Board>", 2]], "top_anonymous": [["official", 5]],
  "unresolved_pronouns": 1},
 "by": "outlet",
 "groups": {
  "la-tercera": {"documents": 7, "failed": 0, "claims": 28, "claims_per_document": 4.0,
    "anonymity": {"named": 0.5, "institutional": 0.25, "anonymous": 0.25}, "stance": {"assert": 0.75, "deny": 0.25},
    "top_sources": [["Inés Cortázar", 5]], "top_anonymous": [["official", 5]], "unresolved_pronouns": 1},
  "el-mercurio": {"documents": 5, "failed": 1, "claims": 12, "claims_per_document": 3.0,
    "anonymity": {"named": 0.5, "institutional": 0.42, "anonymous": 0.08}, "stance": {"assert": 0.92, "hedge": 0.08},
    "top_sources": [["R&D <Board>", 2]], "top_anonymous": [], "unresolved_pronouns": 0}}}"#;

fn entities() -> Vec<Entity> {
    [(EntityKind::Location, "Valparaíso"), (EntityKind::Person, "Inés Cortázar")]
        .iter()
        .filter_map(|(kind, name)| TEXT.find(name).and_then(|s| Entity::new(*kind, TEXT, s, s + name.len())))
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, report) = match args.as_slice() {
        [dir] => (dir, None),
        [dir, report] => (dir, Some(report)),
        _ => {
            eprintln!("usage: html_pages OUT_DIR [REPORT.json]");
            return ExitCode::from(2);
        }
    };
    let json = match report.map(std::fs::read_to_string).transpose() {
        Ok(j) => j.unwrap_or_else(|| REPORT.to_owned()),
        Err(e) => {
            eprintln!("html_pages: cannot read the report: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = match Report::from_json(&json) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("html_pages: {e}");
            return ExitCode::FAILURE;
        }
    };
    let article = Article::from_claims(attribute(TEXT, &entities()));
    let pages = [("article.html", html::article_html(TEXT, &article)), ("report.html", html::report_html(&report))];
    for (name, page) in pages {
        let path = std::path::Path::new(dir).join(name);
        if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, page)) {
            eprintln!("html_pages: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    eprintln!("html_pages: {} claims, {} sources", article.claims.len(), article.sources.len());
    ExitCode::SUCCESS
}

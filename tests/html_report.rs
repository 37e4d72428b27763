//! The report page reads what `attribution report --json` prints: the binary's
//! report JSON on a small hand-made extract output parses as `html::Report` with the
//! same figures, and draws as a page. (The report needs no model: this runs the
//! binary's `report` only.)
#![cfg(feature = "cli")]

use std::process::Command;

use attribution::html::{self, Report};
use serde_json::{json, Value};

fn claim(anonymity: &str, stance: &str, name: Option<&str>, role: Option<&str>) -> Value {
    json!({"anonymity": anonymity, "stance": stance, "speaker": {"name": name, "descriptor": {"role": role, "affiliation": []}}})
}

#[test]
fn report_json_reads_as_the_page_report() {
    let dir = std::env::temp_dir().join(format!("attribution-html-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docs = [
        json!({"id": "1", "outlet": "Río <Sur>", "claims": [
            claim("named", "assert", Some("Inés Cortázar"), None),
            claim("anonymous", "deny", None, Some("official"))]}),
        json!({"id": "2", "outlet": "wire", "claims": [claim("institutional", "hedge", Some("ministry"), None)]}),
        json!({"id": "3", "outlet": "wire", "error": "not UTF-8"}),
    ];
    let path = dir.join("out.jsonl");
    std::fs::write(&path, docs.iter().map(|v| v.to_string() + "\n").collect::<String>()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_attribution"))
        .args(["report", path.to_str().unwrap(), "--by", "outlet", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = String::from_utf8(out.stdout).unwrap();
    let report = Report::from_json(&json).unwrap();
    assert_eq!((report.overall.documents, report.overall.failed, report.overall.claims), (3, 1, 3));
    assert_eq!(report.by.as_deref(), Some("outlet"));
    assert_eq!(report.groups.keys().collect::<Vec<_>>(), ["Río <Sur>", "wire"]);
    assert_eq!(report.groups["Río <Sur>"].anonymity["anonymous"], 0.5);
    assert_eq!(report.overall.top_anonymous, vec![("official".to_owned(), 1)]);
    // nothing of the JSON is lost on the way: it writes back the same value
    assert_eq!(serde_json::to_value(&report).unwrap(), serde_json::from_str::<Value>(&json).unwrap());
    let page = html::report_html(&report);
    assert!(page.contains("<td>Río &lt;Sur&gt;</td>") && page.contains("<title>Río &lt;Sur&gt;: 50.0%</title>"), "{page}");
    let _ = std::fs::remove_dir_all(&dir);
}

//! The `attribution` binary over corpora: every input format, carried fields, chosen
//! columns, batches flushed and a failed batch retried one document at a time, a
//! failing document in the middle (its line keeps the record's fields), `--resume`
//! after an interrupted run, `show`, the engines and precisions, the report's figures
//! on a small hand-made corpus, the command line's conventions (clap: help, version,
//! unknown flags, completions) and `model list | path | build`.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attribution-corpus-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the binary (with this checkout's models.toml), optionally feeding stdin.
fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    run_with(args, stdin, &[])
}

/// The binary's output with `args`, or a panic with `on_timeout`'s message when it has
/// not ended within 300 s (a run blocked on a FIFO fails instead of hanging the suite).
fn run_within(args: &[&str], on_timeout: impl FnOnce() -> &'static str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attribution"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{}", on_timeout());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

/// [`run`] with environment variables set.
fn run_with(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> (i32, String, String) {
    run_under(&[], args, stdin, env)
}

/// [`run_with`] under a wrapper command (`setpriv ...`), when `wrapper` is not empty.
fn run_under(wrapper: &[&str], args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = match wrapper {
        [] => Command::new(env!("CARGO_BIN_EXE_attribution")),
        [program, rest @ ..] => {
            let mut c = Command::new(program);
            c.args(rest).arg(env!("CARGO_BIN_EXE_attribution"));
            c
        }
    };
    cmd.envs(env.iter().copied());
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if matches!(args.first(), Some(&"extract") | Some(&"show")) {
        all.extend(["--models".to_owned(), root().join("models.toml").to_string_lossy().into_owned()]);
    }
    cmd.args(&all).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        input.write_all(s.as_bytes()).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn seed() -> String {
    std::fs::read_to_string(root().join("data/seed-chile-lithium-royalty.txt")).unwrap()
}

const SHORT: &str = "A senior official said the talks had failed.";

fn speakers(doc: &Value) -> Vec<String> {
    doc["claims"].as_array().unwrap().iter().map(|c| c["speaker"]["text"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_input_format_in_order_with_fields_carried() {
    let d = scratch("formats");
    std::fs::write(d.join("b.txt"), SHORT).unwrap();
    std::fs::write(d.join("a.txt"), seed()).unwrap();
    let jsonl = d.join("docs.jsonl");
    let recs = [json!({"id": "j1", "text": SHORT, "outlet": "wire", "n": 3}), json!({"id": 7, "text": "He said no.", "outlet": "paper"})];
    std::fs::write(&jsonl, recs.iter().map(|r| r.to_string() + "\n").collect::<String>()).unwrap();
    // the ISOT shape: title,text,subject,date (no id column: SOURCE:ROW)
    let csv = d.join("isot.csv");
    std::fs::write(&csv, format!("title,text,subject,date\n\"Talks, failed\",\"{SHORT}\",politicsNews,\"May 1, 2017\"\n")).unwrap();
    let dir = d.to_string_lossy().into_owned();
    let (code, out, err) = run(&["extract", &dir, jsonl.to_str().unwrap(), csv.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "j1", "7", &format!("{}:1", csv.display())]);
    assert!(speakers(&docs[0]).iter().any(|s| s.contains("Paula Orrego")), "{:?}", speakers(&docs[0]));
    assert_eq!(speakers(&docs[1]), ["A senior official"]);
    assert_eq!(docs[1]["anonymous_share"], 1.0);
    assert_eq!((docs[2]["outlet"].as_str(), docs[2]["n"].as_i64()), (Some("wire"), Some(3)));
    assert_eq!(docs[3]["outlet"], "paper");
    assert_eq!((docs[4]["title"].as_str(), docs[4]["subject"].as_str()), (Some("Talks, failed"), Some("politicsNews")));
    assert_eq!(speakers(&docs[4]), ["A senior official"]);
    // stdin: JSON Lines in, JSON Lines out (how Spark's RDD.pipe runs it)
    let (code, out, err) = run(&["extract", "-", "--quiet"], Some(&(recs[0].to_string() + "\n")));
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines(&out), docs[2..3]);
}

#[test]
fn a_failing_document_in_the_middle_is_an_error_line() {
    let d = scratch("failing");
    let jsonl = d.join("docs.jsonl");
    let text = format!(
        "{}\n{{\"id\": \"no-text\", \"body\": \"x\", \"outlet\": \"wire\", \"date\": \"2017-05-01\"}}\nnot json\n{}\n",
        json!({"id": "first", "text": SHORT}),
        json!({"id": "last", "text": SHORT})
    );
    std::fs::write(&jsonl, text).unwrap();
    std::fs::write(d.join("latin1.txt"), b"Caf\xe9 owner said prices rose.").unwrap();
    let (code, out, err) = run(&["extract", jsonl.to_str().unwrap(), d.join("latin1.txt").to_str().unwrap()], None);
    assert_eq!(code, 1, "{err}");
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["first", "no-text", &format!("{}:3", jsonl.display()), "last", "latin1"]);
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    assert_eq!(speakers(&docs[3]), ["A senior official"]);
    for bad in [&docs[1], &docs[2], &docs[4]] {
        assert!(bad["error"].is_string() && bad.get("claims").is_none(), "{bad}");
    }
    assert!(docs[4]["error"].as_str().unwrap().contains("not UTF-8"));
    // a record without its text keeps its other fields, so that the line joins back
    // to the input (the text column is what is missing; the id column is `id`)
    assert_eq!(
        docs[1],
        json!({"id": "no-text", "body": "x", "outlet": "wire", "date": "2017-05-01",
               "error": "no field `text` (choose it with --text-column)"})
    );
    assert!(err.contains("3 documents failed"), "{err}");
}

/// Broken encodings in one input set (issue #27, item 4, in part): JSON Lines with a
/// UTF-8 byte-order mark, CRLF line ends, an empty line and records whose text is a
/// number or null; a UTF-16 text file; a file with NUL bytes; a directory with a
/// symlink loop. Every good record gets its line, every bad one an error line that
/// names it, and the exit status says some failed.
#[test]
fn broken_encodings_lose_no_good_record() {
    let d = scratch("broken");
    let jsonl = d.join("bom.jsonl");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    for r in [json!({"id": "bom", "text": SHORT}), json!({"id": "number", "text": 42}), json!({"id": "null", "text": null})] {
        bytes.extend(r.to_string().bytes());
        bytes.extend(b"\r\n\r\n");
    }
    bytes.extend(json!({"id": "crlf", "text": SHORT}).to_string().bytes());
    bytes.extend(b"\r\n");
    std::fs::write(&jsonl, bytes).unwrap();
    let dir = d.join("dir");
    std::fs::create_dir_all(&dir).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(SHORT.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("utf16.txt"), utf16).unwrap();
    std::fs::write(dir.join("nul.txt"), format!("{SHORT}\0\0 {SHORT}")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("loop.txt", dir.join("loop.txt")).unwrap();
    let (code, out, err) = run(&["extract", jsonl.to_str().unwrap(), dir.to_str().unwrap()], None);
    assert_eq!(code, 1, "{err}");
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bom", "number", "null", "crlf", "loop", "nul", "utf16"]);
    for good in [0, 3, 6] {
        assert_eq!(speakers(&docs[good]), ["A senior official"], "{}", docs[good]);
    }
    // NUL bytes are text: the document is processed, not refused
    let nul = speakers(&docs[5]);
    assert!(docs[5].get("error").is_none() && !nul.is_empty() && nul.iter().all(|s| s == "A senior official"), "{}", docs[5]);
    for bad in [1, 2, 4] {
        assert!(docs[bad]["error"].is_string() && docs[bad].get("claims").is_none(), "{}", docs[bad]);
    }
    assert!(err.contains("3 documents failed"), "{err}");
}

/// A CSV with an unbalanced quote mid-file (issue #27, item 4): the `csv` crate alone
/// reads on to the end of the file for the closing quote, taking every row after it
/// into one field. The bad row is an error line that names it and keeps the fields of
/// its line; every other row gets its line, multi-line quoted fields (paragraphs, a
/// doubled quote inside) included. In the second file the quote is never closed (no
/// quote after it, to the end of the file), and the rows have no id column.
#[test]
fn a_csv_with_an_unbalanced_quote_loses_no_good_row() {
    let d = scratch("csv-quote");
    let a = d.join("a.csv");
    std::fs::write(
        &a,
        format!(
            "id,title,text,date\n\
             c1,\"Talks, failed\",\"{SHORT}\",\"May 1, 2017\"\n\
             c2,Multi,\"The ministry said the plan would go ahead.\n\n{SHORT}\",May 2\n\
             c3,Broken,\"He said no,May 3\n\
             c4,Plain,{SHORT},May 4\n\
             c5,\"Quoted \"\"word\"\"\",\"A senior official said \"\"no\"\" to the talks.\",\"May 5, 2017\"\n\
             c6,Last,\"Two diplomats said Iran had\nmade an offer.\",May 6\n"
        ),
    )
    .unwrap();
    let b = d.join("b.csv");
    std::fs::write(&b, format!("title,text\r\nA,\"{SHORT}\"\r\nB,\"He said no\r\nC,The ministry denied the report.\r\nD,{SHORT}\r\n"))
        .unwrap();
    let (code, out, err) = run(&["extract", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert_eq!(code, 1, "{err}");
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let b_row = |n: usize| format!("{}:{n}", b.display());
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5", "c6", &b_row(1), &b_row(2), &b_row(3), &b_row(4)]);
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    assert_eq!(docs[0]["date"], "May 1, 2017");
    // the multi-line fields are read whole
    assert_eq!(speakers(&docs[1]), ["The ministry", "A senior official"]);
    assert_eq!(docs[1]["date"], "May 2");
    assert_eq!(speakers(&docs[3]), ["A senior official"]);
    assert_eq!((docs[3]["title"].as_str(), docs[3]["date"].as_str()), (Some("Plain"), Some("May 4")));
    assert_eq!(speakers(&docs[4]), ["A senior official"]);
    assert_eq!(docs[4]["title"], "Quoted \"word\"");
    assert_eq!(speakers(&docs[5]), ["Two diplomats"]);
    assert_eq!(docs[5]["date"], "May 6");
    assert_eq!(speakers(&docs[6]), ["A senior official"]);
    assert_eq!(speakers(&docs[8]), ["The ministry"]);
    assert_eq!((speakers(&docs[9]), docs[9]["title"].as_str()), (vec!["A senior official".to_owned()], Some("D")));
    // the bad rows: named, their fields as far as their line gives them, no claims
    // (c2 spans lines 3 to 5, so c3 is on line 6)
    for (bad, line, title) in [(&docs[2], 6, "Broken"), (&docs[7], 3, "B")] {
        assert!(bad.get("claims").is_none(), "{bad}");
        assert_eq!(bad["title"], title, "{bad}");
        let e = bad["error"].as_str().unwrap();
        assert!(e.contains(&format!("line {line}: unbalanced quote")) && e.contains(&format!("line {}", line + 1)), "{e}");
    }
    assert!(err.contains("2 documents failed"), "{err}");
}

/// CSV on stdin (`-` with `--format csv`) gives what the same CSV gives as a file, the
/// unbalanced quote and the multi-line fields included (stdin cannot seek back after
/// the look-ahead: what it read is kept and read again), with `stdin:ROW` for the ids
/// a file would take from its name; `--format txt` reads stdin as one document, and
/// `--format csv` reads a named file as CSV whatever its extension.
#[test]
fn csv_and_text_on_stdin() {
    let d = scratch("stdin-csv");
    let csv = format!(
        "title,text,date\n\
         Plain,\"{SHORT}\",\"May 1, 2017\"\n\
         Multi,\"The ministry said the plan would go ahead.\n\n{SHORT}\",May 2\n\
         Broken,\"He said no,May 3\n\
         Last,The ministry denied the report.,May 4\n"
    );
    let file = d.join("rows.data");
    std::fs::write(&file, &csv).unwrap();
    let (code, from_file, err) = run(&["extract", "--format", "csv", file.to_str().unwrap(), "--quiet"], None);
    assert_eq!(code, 1, "{err}");
    let (code, from_stdin, err) = run(&["extract", "-", "--format", "csv", "--quiet"], Some(&csv));
    assert_eq!(code, 1, "{err}");
    let name = file.display().to_string();
    assert_eq!(from_stdin, from_file.replace(&format!("{name}:"), "stdin:"));
    let docs = lines(&from_stdin);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["stdin:1", "stdin:2", "stdin:3", "stdin:4"]);
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    assert_eq!(speakers(&docs[1]), ["The ministry", "A senior official"]);
    assert!(docs[2]["error"].as_str().unwrap().contains("line 6: unbalanced quote"), "{}", docs[2]);
    assert_eq!((speakers(&docs[3]), docs[3]["date"].as_str()), (vec!["The ministry".to_owned()], Some("May 4")));
    // without --format, stdin is JSON Lines: the CSV header is not JSON
    let (code, out, _) = run(&["extract", "-", "--quiet"], Some(&csv));
    assert_eq!(code, 1);
    assert!(lines(&out)[0]["error"].as_str().unwrap().contains("not JSON"), "{out}");
    let (code, out, err) = run(&["extract", "--format", "txt", "--quiet"], Some(SHORT));
    assert_eq!(code, 0, "{err}");
    let docs = lines(&out);
    assert_eq!((docs.len(), docs[0]["id"].as_str()), (1, Some("stdin")));
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
}

/// A FIFO named `*.txt` inside an input directory (issue #27): reading it would wait
/// for a writer and block the run, so it is not read; its error line names it, the
/// files around it get their lines, the exit status is 1, and the run ends (under a
/// deadline, so that a regression fails instead of hanging). A FIFO named on the
/// command line is read (`<(…)`, a pipe on purpose).
#[test]
fn a_fifo_in_a_directory_is_an_error_line_not_a_hang() {
    let d = scratch("fifo");
    std::fs::write(d.join("a.txt"), SHORT).unwrap();
    std::fs::write(d.join("c.txt"), "The ministry denied the report.").unwrap();
    let fifo = d.join("b-pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::create_dir(d.join("sub.txt")).unwrap();
    let models = root().join("models.toml");
    let out = run_within(&["extract", d.to_str().unwrap(), "--quiet", "--models", models.to_str().unwrap()], || {
        "extract blocked on the FIFO in the directory"
    });
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let docs = lines(&stdout);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b-pipe", "c", "sub"]);
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    assert_eq!(speakers(&docs[2]), ["The ministry"]);
    for (bad, what) in [(&docs[1], "a FIFO"), (&docs[3], "a directory")] {
        let e = bad["error"].as_str().unwrap_or_default();
        assert!(e.contains(&format!("is {what}, not a regular file")) && bad.get("claims").is_none(), "{bad}");
    }
    assert!(docs[1]["error"].as_str().unwrap().contains("b-pipe.txt"), "{}", docs[1]);
    assert!(stderr.contains("2 documents failed"), "{stderr}");
    // named on the command line, the FIFO is read: a writer feeds it
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, SHORT).unwrap())
    };
    let (code, out, err) = run(&["extract", fifo.to_str().unwrap(), "--quiet"], None);
    if !writer.is_finished() {
        // (the run never opened it: a reader of our own lets the writer end)
        let _ = std::fs::OpenOptions::new().read(true).write(true).open(&fifo);
    }
    writer.join().unwrap();
    assert_eq!(code, 0, "{err}");
    let docs = lines(&out);
    assert_eq!((docs[0]["id"].as_str(), speakers(&docs[0])), (Some("b-pipe"), vec!["A senior official".to_owned()]));
    // read as JSON Lines, the FIFO is read once, by the extraction (counting its
    // documents first once emptied it: nothing out, or a wait for a gone writer)
    let writer = {
        let fifo = fifo.clone();
        let line = format!("{{\"id\":\"j\",\"text\":{}}}\n", serde_json::to_string(SHORT).unwrap());
        std::thread::spawn(move || std::fs::write(fifo, line).unwrap())
    };
    let out = run_within(&["extract", "--format", "jsonl", fifo.to_str().unwrap(), "--quiet"], || {
        // (a reader of our own lets the writer end)
        let _ = std::fs::OpenOptions::new().read(true).write(true).open(&fifo);
        "extract --format jsonl waited on a FIFO it had already read"
    });
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!((docs[0]["id"].as_str(), speakers(&docs[0])), (Some("j"), vec!["A senior official".to_owned()]));
}

/// A directory with a file that cannot be read (permission denied): its error line
/// names it, the files around it get their lines, and the exit status is 1. The tests
/// run as root here, and root reads a file of mode 000 anyway (CAP_DAC_OVERRIDE): the
/// binary then runs under `setpriv` without the two capabilities that bypass file
/// permissions, still as root, so the model cache stays readable. Skipped, saying so,
/// where neither a plain run nor setpriv makes the file unreadable.
#[test]
fn a_directory_with_an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = scratch("unreadable");
    std::fs::write(d.join("a.txt"), SHORT).unwrap();
    std::fs::write(d.join("b-locked.txt"), SHORT).unwrap();
    std::fs::write(d.join("c.txt"), "The ministry denied the report.").unwrap();
    let locked = d.join("b-locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let no_dac = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"];
    let wrapper: &[&str] = if std::fs::read(&locked).is_err() {
        &[]
    } else if Command::new(no_dac[0])
        .args(&no_dac[1..])
        .arg("cat")
        .arg(&locked)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| !s.success())
    {
        &no_dac
    } else {
        eprintln!("a_directory_with_an_unreadable_file: SKIPPED: this process reads a file of mode 000 and setpriv cannot drop CAP_DAC_OVERRIDE here");
        return;
    };
    let (code, out, err) = run_under(wrapper, &["extract", d.to_str().unwrap()], None, &[]);
    assert_eq!(code, 1, "{err}");
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b-locked", "c"]);
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    assert_eq!(speakers(&docs[2]), ["The ministry"]);
    let e = docs[1]["error"].as_str().unwrap_or_default();
    assert!(e.contains("b-locked.txt") && e.contains("ermission denied") && docs[1].get("claims").is_none(), "{}", docs[1]);
    assert!(err.contains("1 documents failed"), "{err}");
}

#[test]
fn resume_continues_an_interrupted_run() {
    let d = scratch("resume");
    let jsonl = d.join("docs.jsonl");
    let texts = [SHORT, "The ministry denied the report.", "Two diplomats said Iran had made an offer.", "He did not elaborate."];
    let body: String = texts.iter().enumerate().map(|(i, t)| json!({"id": format!("d{i}"), "text": t}).to_string() + "\n").collect();
    std::fs::write(&jsonl, body).unwrap();
    let full = d.join("full.jsonl");
    let (code, _, err) = run(&["extract", jsonl.to_str().unwrap(), "-o", full.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let want = std::fs::read_to_string(&full).unwrap();
    // interrupted: two complete lines and half of the third
    let cut: Vec<&str> = want.lines().collect();
    let partial = d.join("partial.jsonl");
    std::fs::write(&partial, format!("{}\n{}\n{}", cut[0], cut[1], &cut[2][..cut[2].len() / 2])).unwrap();
    let (code, _, err) = run(&["extract", jsonl.to_str().unwrap(), "-o", partial.to_str().unwrap(), "--resume"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), want);
    // a finished run resumed again adds nothing
    let (code, _, _) = run(&["extract", jsonl.to_str().unwrap(), "-o", partial.to_str().unwrap(), "--resume"], None);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), want);
    let (code, _, err) = run(&["extract", jsonl.to_str().unwrap(), "--resume"], None);
    assert_eq!(code, 2, "--resume without -o is a usage error: {err}");
}

#[test]
fn show_prints_a_table() {
    let d = scratch("show");
    let f = d.join("seed.txt");
    std::fs::write(&f, seed()).unwrap();
    let (code, out, err) = run(&["show", f.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().next().unwrap().ends_with("% anonymous"), "{out}");
    assert!(out.lines().any(|l| l.contains("Paula Orrego") && l.contains("named") && l.contains("assert")), "{out}");
    assert!(out.contains("sources\n"), "{out}");
    let (code, out, _) = run(&["show", f.to_str().unwrap(), "--json"], None);
    assert_eq!(code, 0);
    // 29 required and 5 optional claims in the seed's gold
    let n = serde_json::from_str::<Value>(&out).unwrap()["claims"].as_array().map_or(0, Vec::len);
    assert!((28..=34).contains(&n), "{n} claims");
    // with an engine and a precision named: the same table head, the same claims
    for (engine, precision) in [("torch", "f32"), ("onnx", "int8")] {
        let (code, out, err) = run(&["show", f.to_str().unwrap(), "--engine", engine, "--precision", precision], None);
        assert_eq!(code, 0, "{engine} {precision}: {err}");
        let head = out.lines().next().unwrap();
        assert!(head.ends_with("% anonymous") && head.starts_with(&format!("{n} claims")), "{engine} {precision}: {head}");
    }
}

/// A claim line of an extract output, as far as the report reads it.
fn claim(anonymity: &str, stance: &str, name: Option<&str>, role: Option<&str>, affiliation: &[&str]) -> Value {
    json!({"anonymity": anonymity, "stance": stance,
           "speaker": {"name": name, "descriptor": {"role": role, "affiliation": affiliation}}})
}

#[test]
fn report_figures_by_hand() {
    let d = scratch("report");
    let docs = [
        json!({"id": "1", "outlet": "wire", "claims": [
            claim("named", "assert", Some("Ana Silva"), None, &[]),
            claim("anonymous", "assert", None, Some("official"), &["U.S."]),
            claim("anonymous", "deny", None, Some("official"), &["U.S."]),
            claim("institutional", "decline", Some("ministry"), None, &[])]}),
        // (a surname alone counts for the one full name that ends in it)
        json!({"id": "2", "outlet": "wire", "claims": [claim("named", "assert", Some("Silva"), None, &[])]}),
        json!({"id": "3", "outlet": "paper", "claims": [
            claim("anonymous", "hedge", None, Some("diplomat"), &[]),
            claim("named", "confirm", Some("Bo Lee"), None, &[])]}),
        json!({"id": "4", "outlet": "paper", "error": "not UTF-8"}),
    ];
    let path = d.join("out.jsonl");
    std::fs::write(&path, docs.iter().map(|v| v.to_string() + "\n").collect::<String>() + "junk\n").unwrap();
    let svg = d.join("chart.svg");
    let (code, out, err) = run(&["report", path.to_str().unwrap(), "--by", "outlet", "--json", "--plot", svg.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 lines"), "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let all = &r["overall"];
    // 4 documents, 1 failed; 7 claims over the 3 that were processed
    assert_eq!((all["documents"].as_u64(), all["failed"].as_u64(), all["claims"].as_u64()), (Some(4), Some(1), Some(7)));
    assert!((all["claims_per_document"].as_f64().unwrap() - 7.0 / 3.0).abs() < 1e-9);
    let share = |s: &Value, k: &str| s["anonymity"][k].as_f64().unwrap();
    assert!((share(all, "named") - 3.0 / 7.0).abs() < 1e-9);
    assert!((share(all, "anonymous") - 3.0 / 7.0).abs() < 1e-9);
    assert!((share(all, "institutional") - 1.0 / 7.0).abs() < 1e-9);
    assert!((all["stance"]["assert"].as_f64().unwrap() - 3.0 / 7.0).abs() < 1e-9);
    assert_eq!(all["top_sources"][0], json!(["Ana Silva", 2]));
    assert_eq!(all["top_anonymous"][0], json!(["official (U.S.)", 2]));
    let wire = &r["groups"]["wire"];
    assert_eq!((wire["documents"].as_u64(), wire["claims"].as_u64()), (Some(2), Some(5)));
    assert!((share(wire, "anonymous") - 2.0 / 5.0).abs() < 1e-9);
    let paper = &r["groups"]["paper"];
    assert_eq!(
        (paper["documents"].as_u64(), paper["failed"].as_u64(), paper["claims_per_document"].as_f64()),
        (Some(2), Some(1), Some(2.0))
    );
    assert_eq!(share(paper, "anonymous"), 0.5);
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains(">wire<") && chart.contains(">40.0%<") && chart.contains(">50.0%<"), "{chart}");
    // the readable table says the same
    let (code, out, _) = run(&["report", path.to_str().unwrap(), "--by", "outlet"], None);
    assert_eq!(code, 0);
    assert!(out.contains("all: 4 documents (1 failed), 7 claims, 2.33 per document"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("wire") && l.trim_end().ends_with("40.0%")), "{out}");
}

/// `--by month` groups by the `YYYY-MM` of `date` (or by `month`, where a line has
/// one); `--top N` keeps the N most quoted sources.
#[test]
fn report_by_month_and_top() {
    let d = scratch("months");
    let docs = [
        json!({"id": "1", "date": "2017-05-01", "claims": [
            claim("named", "assert", Some("Ana Silva"), None, &[]),
            claim("named", "assert", Some("Bo Lee"), None, &[]),
            claim("named", "assert", Some("Ana Silva"), None, &[])]}),
        json!({"id": "2", "date": "2017-05-30", "claims": [claim("anonymous", "assert", None, Some("official"), &[])]}),
        json!({"id": "3", "date": "2017-06-02", "claims": [claim("named", "deny", Some("Cy Ward"), None, &[])]}),
        json!({"id": "4", "month": "2017-07", "date": "2017-05-09", "claims": []}),
        json!({"id": "5", "claims": []}),
    ];
    let path = d.join("out.jsonl");
    std::fs::write(&path, docs.iter().map(|v| v.to_string() + "\n").collect::<String>()).unwrap();
    let (code, out, err) = run(&["report", path.to_str().unwrap(), "--by", "month", "--top", "1", "--json"], None);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let groups = r["groups"].as_object().unwrap();
    assert_eq!(groups.keys().collect::<Vec<_>>(), ["(none)", "2017-05", "2017-06", "2017-07"]);
    let may = &groups["2017-05"];
    assert_eq!((may["documents"].as_u64(), may["claims"].as_u64()), (Some(2), Some(4)));
    assert_eq!(may["anonymity"]["anonymous"].as_f64(), Some(0.25));
    assert_eq!(r["overall"]["top_sources"], json!([["Ana Silva", 2]]));
    assert_eq!(may["top_sources"], json!([["Ana Silva", 2]]));
    assert_eq!(groups["2017-06"]["top_sources"], json!([["Cy Ward", 1]]));
    let (code, out, _) = run(&["report", path.to_str().unwrap(), "--top", "2", "--json"], None);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["overall"]["top_sources"], json!([["Ana Silva", 2], ["Bo Lee", 1]]));
    assert!(r["groups"].as_object().unwrap().is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["extract", "--batch", "0"],
        &["report"],
        &["extract", "--nope"],
        &["extract", "--engine", "tpu", "-"],
        &["show", "x.txt", "--precision", "fp8"],
        &["report", "x.jsonl", "--top", "many"],
    ] {
        let (code, _, err) = run(args, None);
        assert_eq!(code, 2, "{args:?}: {err}");
        // clap's: the error, then the usage or a pointer to --help
        assert!(err.starts_with("error: ") && (err.contains("Usage: attribution") || err.contains("try '--help'")), "{err}");
    }
}

/// An unknown flag: exit status 2, and the message names the flag (and the
/// subcommand's usage); a bad value names its flag and what it may be.
#[test]
fn unknown_flags_and_bad_values_are_named() {
    let (code, out, err) = run(&["extract", "--nope", "-"], None);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("unexpected argument '--nope'") && err.contains("Usage: attribution extract"), "{err}");
    let (code, _, err) = run(&["report", "x.jsonl", "--bye", "outlet"], None);
    assert_eq!(code, 2);
    // (clap suggests the flag that was meant)
    assert!(err.contains("'--bye'") && err.contains("--by"), "{err}");
    let (code, _, err) = run(&["show", "x.txt", "--engine", "tpu"], None);
    assert_eq!(code, 2);
    assert!(err.contains("'tpu'") && err.contains("--engine") && err.contains("auto, onnx, torch"), "{err}");
    let (code, _, err) = run(&["extract", "--without", "passive,no_such_rule", "-"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--without") && err.contains("no rule named `no_such_rule`"), "{err}");
    let (code, _, err) = run(&["extract", "--batch", "0", "-"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--batch"), "{err}");
    let (code, _, err) = run(&["extract", "--resume", "-"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--resume") && err.contains("--output"), "{err}");
}

/// `--version`, `--help` (the tool's and each subcommand's) and `help SUBCOMMAND`
/// follow clap's conventions: on stdout, exit status 0, loading no model.
#[test]
fn version_and_help() {
    let (code, out, err) = run(&["--version"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("attribution {}", env!("CARGO_PKG_VERSION")));
    let (code, out, _) = run(&["--help"], None);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: attribution <COMMAND>"), "{out}");
    for sub in ["extract", "show", "report", "model", "completions"] {
        assert!(out.lines().any(|l| l.trim_start().starts_with(sub)), "{sub} in {out}");
    }
    for (args, flags) in [
        (
            &["extract", "--help"][..],
            &[
                "--output", "--resume", "--quiet", "--batch", "--text-column", "--id-column", "--models", "--model", "--engine",
                "--precision", "--without",
            ][..],
        ),
        (&["show", "--help"], &["--json", "--explain", "--engine", "[possible values: auto, onnx, torch]"]),
        (&["report", "--help"], &["--by", "--json", "--plot", "--top", "[default: 10]"]),
        (&["model", "--help"], &["build", "list", "path"]),
        (&["model", "build", "--help"], &["--force", "--models", "[NAME]"]),
        (&["help", "report"], &["Usage: attribution report [OPTIONS] <OUTPUT.jsonl>"]),
    ] {
        let (code, out, err) = run(args, None);
        assert_eq!(code, 0, "{args:?}: {err}");
        for f in flags {
            assert!(out.contains(f), "{args:?} has no {f}: {out}");
        }
    }
    // no subcommand: the help, on stderr, as a usage error
    let (code, out, err) = run(&[], None);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("Usage: attribution <COMMAND>"), "{err}");
}

/// `completions SHELL` writes a completion script that knows the subcommands and flags.
#[test]
fn shell_completions() {
    for (shell, marker) in [("bash", "_attribution()"), ("zsh", "#compdef attribution"), ("fish", "complete -c attribution")] {
        let (code, out, err) = run(&["completions", shell], None);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: {out}");
        // (fish names a long flag without its dashes)
        assert!(out.contains("extract") && out.contains("text-column") && out.contains("precision") && out.contains("int8"), "{shell}");
    }
    let (code, _, err) = run(&["completions", "tcsh"], None);
    assert_eq!(code, 2);
    assert!(err.contains("'tcsh'"), "{err}");
}

/// A models file with a model to build (from packages nobody fetched) and a model
/// directory, its cache in `dir`.
fn fake_models(dir: &std::path::Path) -> PathBuf {
    let toml = format!(
        "default = \"a\"\ncache = \"{}\"\n[models.a]\nencoder = {{ pypi = \"enc\", version = \"1.0\", dir = \"m\" }}\n\
         data = {{ pypi = \"dat\", version = \"2.0\", dir = \"d\" }}\n[models.a.recipe]\nepochs = 1\nbatch_size = 8\n\
         learning_rate = 1e-4\nwarmup = 0.1\nweight_decay = 0.0\nseed = 1\ncasing = true\n[models.mine]\npath = \"mine\"\n",
        dir.join("cache").display()
    );
    let path = dir.join("models.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

/// `model list` and `model path` say what is built and where, building and fetching
/// nothing; `model path` of an unknown model fails naming it.
#[test]
fn model_list_and_path() {
    let d = scratch("models");
    let models = fake_models(&d);
    let m = models.to_str().unwrap();
    let env = [("ATTRIBUTION_CACHE", "")];
    let (code, list, err) = run_with(&["model", "list", "--models", m], None, &env);
    assert_eq!(code, 0, "{err}");
    let (code, a_dir, err) = run_with(&["model", "path", "--models", m], None, &env);
    assert_eq!(code, 0, "{err}");
    let a_dir = a_dir.trim_end();
    assert!(a_dir.starts_with(&*d.join("cache").join("models").join("a-").to_string_lossy()), "{a_dir}");
    let rows: Vec<Vec<&str>> = list.lines().map(|l| l.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect()).collect();
    let mine = d.join("mine");
    assert_eq!(rows, [vec!["a *", "not built", a_dir], vec!["mine", "missing", &*mine.to_string_lossy()]], "{list}");
    let (code, out, _) = run_with(&["model", "path", "mine", "--models", m], None, &env);
    assert_eq!((code, out.trim_end()), (0, &*mine.to_string_lossy()));
    // nothing was built, fetched or even created
    assert!(!d.join("cache").exists());
    // a model directory with its files is listed as such
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("config.json"), "{}").unwrap();
    let (_, list, _) = run_with(&["model", "list", "--models", m], None, &env);
    assert!(list.lines().any(|l| l.starts_with("mine ") && l.contains("  directory  ")), "{list}");
    let (code, _, err) = run_with(&["model", "path", "nope", "--models", m], None, &env);
    assert_eq!(code, 1);
    assert!(err.contains("no model named `nope`"), "{err}");
}

/// The real (built) default model: `model path` names its directory, `model list`
/// marks it built, and `model build` returns at once, saying it is up to date.
#[test]
fn model_build_of_a_built_model_is_quick() {
    let models = root().join("models.toml");
    let m = models.to_str().unwrap();
    let (code, dir, err) = run(&["model", "path", "--models", m], None);
    assert_eq!(code, 0, "{err}");
    let dir = PathBuf::from(dir.trim_end());
    assert!(dir.join("model.safetensors").is_file(), "{} is not built: run bash scripts/setup.sh", dir.display());
    let (code, list, _) = run(&["model", "list", "--models", m], None);
    assert_eq!(code, 0);
    assert!(list.lines().any(|l| l.contains(" *  built  ") && l.ends_with(&*dir.to_string_lossy())), "{list}");
    let started = std::time::Instant::now();
    let (code, out, err) = run(&["model", "build", "--models", m], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty() && err.contains("up to date") && err.contains(&*dir.to_string_lossy()), "{out}{err}");
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

/// `--engine` and `--precision` pick what runs the model: libtorch and ONNX Runtime
/// at fp32 give the same claims on the seed (two engines, whatever this CPU's
/// default is: where it has no bf16 the default is ONNX fp32 itself), and the
/// default gives them too; a combination that cannot run fails with a message that
/// says why.
#[test]
fn engine_and_precision_from_the_command_line() {
    let d = scratch("engines");
    let file = d.join("seed.txt");
    std::fs::write(&file, seed()).unwrap();
    let path = file.to_str().unwrap();
    let (code, torch, err) = run(&["extract", path, "--quiet", "--engine", "torch", "--precision", "f32"], None);
    assert_eq!(code, 0, "{err}");
    let (code, onnx, err) = run(&["extract", path, "--quiet", "--engine", "onnx", "--precision", "f32"], None);
    assert_eq!(code, 0, "{err}");
    let claims = |out: &str| lines(out)[0]["claims"].clone();
    assert!(claims(&torch).as_array().is_some_and(|c| c.len() > 20), "{torch}");
    assert_eq!(claims(&onnx), claims(&torch));
    let (code, default, err) = run(&["extract", path, "--quiet"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(claims(&default), claims(&torch));
    let (code, _, err) = run(&["extract", path, "--quiet", "--engine", "torch", "--precision", "int8"], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("int8") && err.contains("ONNX Runtime"), "{err}");
}

/// `--text-column` and `--id-column` name the fields of JSON Lines and CSV records;
/// `--model` names a model of the models file.
#[test]
fn chosen_columns_and_model() {
    let d = scratch("columns");
    let jsonl = d.join("docs.jsonl");
    // (a field named `id` does not replace the id column's value)
    let recs = [json!({"doc": "x1", "body": SHORT, "text": "not this", "id": "stale"}), json!({"doc": 9, "body": "He said no."})];
    std::fs::write(&jsonl, recs.iter().map(|r| r.to_string() + "\n").collect::<String>()).unwrap();
    let csv = d.join("docs.csv");
    std::fs::write(&csv, format!("key,story,desk\nc1,\"{SHORT}\",world\n")).unwrap();
    let (code, out, err) =
        run(&["extract", jsonl.to_str().unwrap(), "--text-column", "body", "--id-column", "doc", "--model", "minilm-l6-conll03"], None);
    assert_eq!(code, 0, "{err}");
    let docs = lines(&out);
    assert_eq!(docs.iter().map(|d| d["id"].as_str().unwrap()).collect::<Vec<_>>(), ["x1", "9"]);
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    assert_eq!(speakers(&docs[1]), ["He"]);
    // the text and id columns are used up; the other fields are carried
    assert_eq!(docs[0]["text"].as_str(), Some("not this"));
    assert!(docs[0].get("body").is_none() && docs[0].get("doc").is_none(), "{}", docs[0]);
    let (code, out, err) = run(&["extract", csv.to_str().unwrap(), "--text-column", "story", "--id-column", "key"], None);
    assert_eq!(code, 0, "{err}");
    let docs = lines(&out);
    assert_eq!((docs[0]["id"].as_str(), docs[0]["desk"].as_str()), (Some("c1"), Some("world")));
    assert_eq!(speakers(&docs[0]), ["A senior official"]);
    // without --text-column, records without `text` are errors that name the flag
    let (code, out, _) = run(&["extract", csv.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(lines(&out)[0]["error"].as_str().unwrap().contains("--text-column"), "{out}");
    let (code, _, err) = run(&["extract", jsonl.to_str().unwrap(), "--model", "no-such-model"], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no model named `no-such-model`"), "{err}");
}

/// Documents go through the model in batches of `--batch`: any batch size gives the
/// same lines in the same order, and a batch that fails as a whole is retried one
/// document at a time, so that only the document at fault fails. (The failure is
/// injected with the binary's test hook `ATTRIBUTION_TEST_FAIL_ON`.)
#[test]
fn batches_and_a_failed_batch() {
    let d = scratch("batches");
    let jsonl = d.join("docs.jsonl");
    let texts = [
        SHORT,
        "The ministry denied the report.",
        "Two diplomats said Iran had made an offer. POISON",
        "He did not elaborate.",
        "The union said the strike would go ahead.",
    ];
    let body: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"id": format!("d{i}"), "text": t, "outlet": format!("o{i}"), "date": "2017-05-01"}).to_string() + "\n")
        .collect();
    std::fs::write(&jsonl, body).unwrap();
    let path = jsonl.to_str().unwrap();
    let (code, whole, err) = run(&["extract", path], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines(&whole).len(), 5);
    for batch in ["1", "2", "4"] {
        let (code, out, err) = run(&["extract", path, "--batch", batch], None);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, whole, "--batch {batch}");
    }
    // the failed document in a batch of 2 and in one of 64
    for batch in ["2", "64"] {
        let (code, out, err) = run_with(&["extract", path, "--batch", batch], None, &[("ATTRIBUTION_TEST_FAIL_ON", "POISON")]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("1 documents failed"), "--batch {batch}: {err}");
        let got = lines(&out);
        let want = lines(&whole);
        assert_eq!(got.len(), 5);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            if i == 2 {
                assert!(g["error"].as_str().is_some_and(|e| e.contains("ATTRIBUTION_TEST_FAIL_ON")), "{g}");
                assert!(g.get("claims").is_none());
                // the failed document's line keeps the input's fields
                assert_eq!(
                    (g["id"].as_str(), g["outlet"].as_str(), g["date"].as_str()),
                    (Some("d2"), Some("o2"), Some("2017-05-01")),
                    "{g}"
                );
            } else {
                assert_eq!(g, w, "--batch {batch}: document {i}");
            }
        }
    }
}

#[test]
fn show_and_report_as_html_pages() {
    let d = scratch("html");
    let seed = root().join("data/seed-chile-lithium-royalty.txt");
    let (code, page, err) = run(&["show", seed.to_str().unwrap(), "--html"], None);
    assert_eq!(code, 0, "{err}");
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    // the article's words are on the page, and every claim's speaker is highlighted
    assert!(page.contains("Kestrel Chief Executive Martin Hallberg"));
    let (_, json, _) = run(&["show", seed.to_str().unwrap(), "--json"], None);
    let claims = serde_json::from_str::<serde_json::Value>(&json).unwrap()["claims"].as_array().unwrap().len();
    // (a mark cut by another claim's span comes in pieces: count the claims marked)
    let marked: std::collections::BTreeSet<&str> =
        page.split("class=\"m speaker").skip(1).filter_map(|rest| rest.split("data-claim=\"").nth(1)?.split('"').next()).collect();
    assert_eq!(marked.len(), claims, "every claim's speaker marked");
    // no network at view time
    assert!(!page.contains("http://") && !page.contains("https://"));
    let (code, _, err) = run(&["show", seed.to_str().unwrap(), "--html", "--json"], None);
    assert_eq!(code, 2, "--html and --json together are a usage error: {err}");
    // the report of an extract output
    let out = d.join("out.jsonl");
    let (code, _, err) = run(&["extract", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"], None);
    assert_eq!(code, 0, "{err}");
    let (code, page, err) = run(&["report", out.to_str().unwrap(), "--html"], None);
    assert_eq!(code, 0, "{err}");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg"), "{}", &page[..page.len().min(300)]);
}

#[test]
fn report_counts_unresolved_pronouns_apart_from_anonymous_sources() {
    let d = scratch("report-who");
    let out = d.join("out.jsonl");
    let claim = |speaker: &str, anonymity: &str| serde_json::json!({"speaker": {"text": speaker, "start": 0, "end": speaker.len(), "resolved": null}, "anonymity": anonymity, "stance": "assert"});
    let line =
        serde_json::json!({"id": "a", "claims": [claim("who", "anonymous"), claim("she", "named"), claim("two officials", "anonymous")]});
    std::fs::write(&out, format!("{line}\n")).unwrap();
    let (code, json, err) = run(&["report", out.to_str().unwrap(), "--json"], None);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["overall"]["unresolved_pronouns"], 2, "{json}");
    let anonymous = r["overall"]["top_anonymous"].to_string();
    assert!(anonymous.contains("officials") && !anonymous.contains("who"), "{anonymous}");
}

//! Documents from the inputs a corpus comes in: `.txt` files, directories of them,
//! JSON Lines, CSV with a header, or JSON Lines on stdin. Read lazily, one document
//! at a time, so memory stays bounded whatever the corpus size.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One document: its id, its text, and the other fields of its record.
pub struct Doc {
    pub id: String,
    pub text: String,
    pub fields: Map<String, Value>,
}

/// A record that could not be read as a document: the id it would have had, why,
/// and those of its fields that could be read (carried to its error line, so that
/// the output joins back to the input).
pub struct Unread {
    pub id: String,
    pub error: String,
    pub fields: Map<String, Value>,
}

impl Unread {
    /// A record of which nothing could be read but its id.
    fn bare(id: String, error: String) -> Unread {
        Unread { id, error, fields: Map::new() }
    }
}

/// A document, or why its record could not be read.
pub type Item = Result<Doc, Unread>;

/// Which record fields hold the text and the id.
#[derive(Clone)]
pub struct Columns {
    pub text: String,
    /// `None`: `id` when the record has it, else the source and record number.
    pub id: Option<String>,
}

/// The inputs, expanded: directories into their `.txt` files (sorted).
pub fn expand(inputs: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if input != "-" && path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{input}: {e}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            out.extend(files.into_iter().map(|p| p.to_string_lossy().into_owned()));
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// How many documents the inputs hold, when that is cheap to know (not stdin).
pub fn count(inputs: &[String]) -> Option<u64> {
    let mut n = 0u64;
    for input in inputs {
        match kind(input) {
            Kind::Stdin => return None,
            Kind::Text => n += 1,
            Kind::JsonLines | Kind::Csv => {
                let file = File::open(input).ok()?;
                let lines = BufReader::new(file).split(b'\n').filter(|l| l.as_ref().is_ok_and(|l| !l.trim_ascii().is_empty())).count();
                // (a CSV's quoted fields may hold newlines: then this is an upper bound)
                n += lines.saturating_sub(usize::from(kind(input) == Kind::Csv)) as u64;
            }
        }
    }
    Some(n)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Stdin,
    Text,
    JsonLines,
    Csv,
}

fn kind(input: &str) -> Kind {
    let lower = input.to_lowercase();
    if input == "-" {
        Kind::Stdin
    } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
        Kind::JsonLines
    } else if lower.ends_with(".csv") {
        Kind::Csv
    } else {
        Kind::Text
    }
}

/// Every document of the inputs, in order.
pub fn documents(inputs: Vec<String>, columns: Columns) -> impl Iterator<Item = Item> {
    inputs.into_iter().flat_map(move |input| -> Box<dyn Iterator<Item = Item>> {
        let columns = columns.clone();
        match kind(&input) {
            Kind::Stdin => Box::new(json_lines(Box::new(std::io::stdin().lock()), "stdin".into(), columns)),
            Kind::Text => Box::new(std::iter::once(text_file(&input))),
            Kind::JsonLines => match File::open(&input) {
                Ok(f) => Box::new(json_lines(Box::new(BufReader::new(f)), input, columns)),
                Err(e) => Box::new(std::iter::once(Err(Unread::bare(input.clone(), format!("cannot open {input}: {e}"))))),
            },
            Kind::Csv => match File::open(&input) {
                Ok(f) => Box::new(csv_rows(f, input, columns)),
                Err(e) => Box::new(std::iter::once(Err(Unread::bare(input.clone(), format!("cannot open {input}: {e}"))))),
            },
        }
    })
}

/// A `.txt` file: id = its name without the extension.
pub fn text_file(path: &str) -> Item {
    let id = Path::new(path).file_stem().map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned());
    let bytes = std::fs::read(path).map_err(|e| Unread::bare(id.clone(), format!("cannot read {path}: {e}")))?;
    let text = decode(bytes).map_err(|e| Unread::bare(id.clone(), format!("{path} is {e}")))?;
    Ok(Doc { id, text, fields: Map::new() })
}

/// A text file's bytes as text: UTF-8 (a leading byte-order mark dropped), or
/// UTF-16 when it starts with its byte-order mark; else why not.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks(2).map(|c| {
            if c.len() < 2 {
                0xFFFD
            } else if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| format!("not valid UTF-16 ({e})"))
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => {
            let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
            String::from_utf8(bytes[start..].to_vec())
                .map_err(|e| format!("not UTF-8 text (byte {} is invalid)", e.utf8_error().valid_up_to() + start))
        }
    }
}

/// One record's id: the id column, `id`, or `SOURCE:N`.
fn record_id(record: &Map<String, Value>, columns: &Columns, source: &str, n: usize) -> String {
    let named = columns.id.as_deref().unwrap_or("id");
    match record.get(named) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => format!("{source}:{n}"),
        Some(v) => v.to_string(),
    }
}

/// A record as a document: the text column is the text; the rest are carried (also
/// when the text is missing or not a string: to the error line).
fn record(mut record: Map<String, Value>, columns: &Columns, source: &str, n: usize) -> Item {
    let id = record_id(&record, columns, source, n);
    let text = record.remove(&columns.text);
    record.remove(columns.id.as_deref().unwrap_or("id"));
    let error = match text {
        Some(Value::String(text)) => return Ok(Doc { id, text, fields: record }),
        Some(_) => format!("field `{}` is not a string", columns.text),
        None => format!("no field `{}` (choose it with --text-column)", columns.text),
    };
    Err(Unread { id, error, fields: record })
}

fn json_lines(reader: Box<dyn BufRead>, source: String, columns: Columns) -> impl Iterator<Item = Item> {
    reader.split(b'\n').enumerate().filter_map(move |(i, line)| {
        let n = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => return Some(Err(Unread::bare(format!("{source}:{n}"), format!("cannot read {source}: {e}")))),
        };
        if line.trim_ascii().is_empty() {
            return None;
        }
        // (a UTF-8 byte-order mark before the first record is not part of it)
        let line = if n == 1 { line.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(&line[..]) } else { &line[..] };
        let parsed = std::str::from_utf8(line)
            .map_err(|e| format!("line {n} is not UTF-8 (byte {} is invalid)", e.valid_up_to()))
            .and_then(|l| serde_json::from_str::<Value>(l).map_err(|e| format!("line {n} is not JSON: {e}")));
        Some(match parsed {
            Ok(Value::Object(m)) => record(m, &columns, &source, n),
            Ok(_) => Err(Unread::bare(format!("{source}:{n}"), format!("line {n} is not a JSON object"))),
            Err(e) => Err(Unread::bare(format!("{source}:{n}"), e)),
        })
    })
}

fn csv_rows(reader: impl Read + 'static, source: String, columns: Columns) -> impl Iterator<Item = Item> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header: Result<Vec<String>, String> =
        csv.headers().map(|h| h.iter().map(str::to_owned).collect()).map_err(|e| format!("{source}: no CSV header: {e}"));
    let (header, failed) = match header {
        Ok(h) => (h, None),
        Err(e) => (Vec::new(), Some(Err(Unread::bare(source.clone(), e)))),
    };
    let rows = csv.into_records().enumerate().map(move |(i, row)| {
        let n = i + 1;
        match row {
            Ok(r) => {
                let m: Map<String, Value> = header.iter().zip(r.iter()).map(|(k, v)| (k.clone(), Value::String(v.to_owned()))).collect();
                record(m, &columns, &source, n)
            }
            Err(e) => Err(Unread::bare(format!("{source}:{n}"), format!("row {n}: {e}"))),
        }
    });
    failed.into_iter().chain(rows)
}

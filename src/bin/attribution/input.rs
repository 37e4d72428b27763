//! Documents from the inputs a corpus comes in: `.txt` files, directories of them,
//! JSON Lines, CSV with a header, or JSON Lines on stdin. Read lazily, one document
//! at a time, so memory stays bounded whatever the corpus size.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
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

/// How an input is read ([`Format::Auto`]: by its name's extension; stdin as JSON
/// Lines).
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    /// By extension: .jsonl, .ndjson, .json are JSON Lines, .csv CSV, anything else
    /// text; stdin is JSON Lines
    Auto,
    /// JSON Lines, one record a line
    Jsonl,
    /// CSV with a header
    Csv,
    /// The whole input is one document
    Txt,
}

/// One input to read: stdin or a path, and how.
pub struct Input {
    pub name: String,
    kind: Kind,
}

/// The inputs, expanded: directories into their `.txt` files (sorted), read as
/// text; stdin and named files as `format` says. A file of a directory that is not a
/// regular file (a FIFO, a socket, a device, a directory named `*.txt`) is not read:
/// reading a FIFO waits for a writer, which would block the whole run. It gives an
/// error line naming it instead. A FIFO named on the command line is read (`<(…)`).
pub fn expand(inputs: &[String], format: Format) -> Result<Vec<Input>, String> {
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
            out.extend(files.into_iter().map(|p| {
                // (a symlink loop or a vanished file: its read says why, on its line)
                let kind = match std::fs::metadata(&p) {
                    Ok(m) if !m.is_file() => Kind::NotRegular(file_type(&m.file_type())),
                    _ => Kind::Text,
                };
                Input { name: p.to_string_lossy().into_owned(), kind }
            }));
        } else {
            out.push(Input { name: input.clone(), kind: kind(input, format) });
        }
    }
    Ok(out)
}

/// What a file that is not a regular file is, in words.
fn file_type(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// How many documents the inputs hold, when that is cheap to know (not stdin).
pub fn count(inputs: &[Input]) -> Option<u64> {
    let mut n = 0u64;
    for input in inputs {
        match input.kind {
            Kind::Stdin(_) => return None,
            Kind::Text | Kind::NotRegular(_) => n += 1,
            // (a pipe or FIFO is read once, by the extraction: never counted)
            Kind::JsonLines | Kind::Csv => {
                if !std::fs::metadata(&input.name).is_ok_and(|m| m.is_file()) {
                    return None;
                }
                let file = File::open(&input.name).ok()?;
                let lines = BufReader::new(file).split(b'\n').filter(|l| l.as_ref().is_ok_and(|l| !l.trim_ascii().is_empty())).count();
                // (a CSV's quoted fields may hold newlines: then this is an upper bound)
                n += lines.saturating_sub(usize::from(input.kind == Kind::Csv)) as u64;
            }
        }
    }
    Some(n)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Stdin, read as JSON Lines, CSV or one text.
    Stdin(Format),
    Text,
    JsonLines,
    Csv,
    /// A file of a directory that is not read: what it is.
    NotRegular(&'static str),
}

fn kind(input: &str, format: Format) -> Kind {
    let lower = input.to_lowercase();
    match format {
        _ if input == "-" => Kind::Stdin(format),
        Format::Jsonl => Kind::JsonLines,
        Format::Csv => Kind::Csv,
        Format::Txt => Kind::Text,
        Format::Auto if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") => Kind::JsonLines,
        Format::Auto if lower.ends_with(".csv") => Kind::Csv,
        Format::Auto => Kind::Text,
    }
}

/// Every document of the inputs, in order.
pub fn documents(inputs: Vec<Input>, columns: Columns) -> impl Iterator<Item = Item> {
    inputs.into_iter().flat_map(move |Input { name: input, kind }| -> Box<dyn Iterator<Item = Item>> {
        let columns = columns.clone();
        let stdin = || Box::new(std::io::stdin().lock());
        match kind {
            Kind::Stdin(Format::Auto | Format::Jsonl) => Box::new(json_lines(stdin(), "stdin".into(), columns)),
            Kind::Stdin(Format::Csv) => Box::new(csv_rows(Replay::new(stdin()), "stdin".into(), columns)),
            Kind::Stdin(Format::Txt) => Box::new(std::iter::once(text(stdin(), "stdin", "stdin".into()))),
            Kind::Text => Box::new(std::iter::once(text_file(&input))),
            Kind::NotRegular(what) => Box::new(std::iter::once(Err(Unread::bare(
                stem(&input),
                format!("{input} is {what}, not a regular file: not read inside a directory (name it on the command line to read it)"),
            )))),
            Kind::JsonLines => match File::open(&input) {
                Ok(f) => Box::new(json_lines(Box::new(BufReader::new(f)), input, columns)),
                Err(e) => Box::new(std::iter::once(Err(Unread::bare(input.clone(), format!("cannot open {input}: {e}"))))),
            },
            Kind::Csv => match File::open(&input) {
                Ok(f) => Box::new(csv_rows(BufReader::new(f), input, columns)),
                Err(e) => Box::new(std::iter::once(Err(Unread::bare(input.clone(), format!("cannot open {input}: {e}"))))),
            },
        }
    })
}

/// A text file's id: its name without the extension.
fn stem(path: &str) -> String {
    Path::new(path).file_stem().map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// A `.txt` file: id = its name without the extension.
pub fn text_file(path: &str) -> Item {
    match File::open(path) {
        Ok(f) => text(f, path, stem(path)),
        Err(e) => Err(Unread::bare(stem(path), format!("cannot read {path}: {e}"))),
    }
}

/// A whole input as one document (`name` says where from in an error).
fn text(mut from: impl Read, name: &str, id: String) -> Item {
    let mut bytes = Vec::new();
    from.read_to_end(&mut bytes).map_err(|e| Unread::bare(id.clone(), format!("cannot read {name}: {e}")))?;
    let text = decode(bytes).map_err(|e| Unread::bare(id.clone(), format!("{name} is {e}")))?;
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

/// A CSV file's rows, read a record at a time with the `csv` crate, except where a
/// quoted field is still open at the end of a line. Such a record is read whole only
/// when it ends like one: its quoted fields close where a field ends (before a comma
/// or the line end), and it has the header's number of fields. Else the quote is
/// unbalanced (the `csv` crate would read on to the end of the file for the closing
/// quote, taking every row after it into one field): the record is an error line with
/// the fields of its first line, and reading goes on at the next line. A legitimately
/// multi-line field (an article's paragraphs) is kept whole. Memory: one line, or one
/// record, at a time (on a file the look-ahead reads without keeping, then seeks back;
/// on stdin it keeps what it read, [`Replay`]).
fn csv_rows(file: impl Source + 'static, source: String, columns: Columns) -> impl Iterator<Item = Item> {
    let mut rows = CsvRows { file, source, columns, header: Vec::new(), pos: 0, line: 0, row: 0, queue: Vec::new() };
    let header = rows.header();
    let failed = header.err().map(|e| Err(Unread::bare(rows.source.clone(), e)));
    failed.into_iter().chain(std::iter::from_fn(move || rows.next_item()))
}

/// What the CSV reader reads from: lines, and going back to where a look-ahead
/// started.
trait Source {
    fn read_until(&mut self, byte: u8, buf: &mut Vec<u8>) -> std::io::Result<usize>;
    /// Goes back to byte `pos` (one read since the last [`Source::forget`]).
    fn seek_to(&mut self, pos: u64) -> std::io::Result<()>;
    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()>;
    /// Nothing before the current position will be read again.
    fn forget(&mut self) {}
}

impl Source for BufReader<File> {
    fn read_until(&mut self, byte: u8, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        BufRead::read_until(self, byte, buf)
    }

    fn seek_to(&mut self, pos: u64) -> std::io::Result<()> {
        self.seek(SeekFrom::Start(pos)).map(drop)
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        Read::read_exact(self, buf)
    }
}

/// A stream that cannot seek (stdin), made to go back: what was read since the last
/// [`Source::forget`] is kept, and read again from memory after a [`Source::seek_to`].
/// The CSV reader forgets at each record's start, so what is kept is the record being
/// read and its look-ahead.
struct Replay<R> {
    inner: R,
    kept: Vec<u8>,
    /// The position of `kept[0]` in the stream, and of the next byte to read.
    start: u64,
    pos: u64,
}

impl<R: BufRead> Replay<R> {
    fn new(inner: R) -> Replay<R> {
        Replay { inner, kept: Vec::new(), start: 0, pos: 0 }
    }

    /// The kept bytes from the current position on.
    fn ahead(&self) -> &[u8] {
        &self.kept[(self.pos - self.start) as usize..]
    }
}

impl<R: BufRead> Source for Replay<R> {
    fn read_until(&mut self, byte: u8, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        let ahead = self.ahead();
        if let Some(i) = ahead.iter().position(|&b| b == byte) {
            buf.extend_from_slice(&ahead[..=i]);
            self.pos += i as u64 + 1;
            return Ok(i + 1);
        }
        let n = ahead.len();
        buf.extend_from_slice(ahead);
        let from = buf.len();
        let m = self.inner.read_until(byte, buf)?;
        self.kept.extend_from_slice(&buf[from..]);
        self.pos += (n + m) as u64;
        Ok(n + m)
    }

    fn seek_to(&mut self, pos: u64) -> std::io::Result<()> {
        if pos < self.start || pos > self.start + self.kept.len() as u64 {
            return Err(std::io::Error::other(format!("cannot go back to byte {pos} of a stream")));
        }
        self.pos = pos;
        Ok(())
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        let ahead = self.ahead();
        if ahead.len() < buf.len() {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.copy_from_slice(&ahead[..buf.len()]);
        self.pos += buf.len() as u64;
        Ok(())
    }

    fn forget(&mut self) {
        // what was read goes once it is at least half of what is kept: after a quote
        // nothing closes, the rest of the stream is kept, and draining it a record at
        // a time would move all of it each time
        let used = (self.pos - self.start) as usize;
        if used * 2 >= self.kept.len() {
            self.kept.drain(..used);
            self.start = self.pos;
        }
    }
}

struct CsvRows<S> {
    file: S,
    source: String,
    columns: Columns,
    header: Vec<String>,
    /// Byte offset and line number (1-based) of the last line read.
    pos: u64,
    line: usize,
    /// Rows read (the id of a row without an id column is `SOURCE:ROW`).
    row: usize,
    /// Items read but not yet given (a stretch of lines the `csv` crate reads as more
    /// than one record, as with lone `\r` line ends), last first.
    queue: Vec<Item>,
}

/// Where a CSV line leaves the quoting: at a field's start, inside an unquoted field,
/// inside a quoted one, or just after a quote inside a quoted one (which closes it, or
/// is the first of a doubled `""`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Moves `state` over one line (its `\n` included), counting the commas that end a
/// field; false when a quoted field closes somewhere else than before a comma or the
/// line end (`"a"b`: the `csv` crate reads it as `ab`, as this does).
fn scan(state: &mut Quoting, commas: &mut usize, line: &[u8]) -> bool {
    let mut ok = true;
    for &b in line {
        *state = match (*state, b) {
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, _) => Quoting::Quoted,
            (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
            (Quoting::FieldStart, b'"') => Quoting::Quoted,
            (_, b',') => {
                *commas += 1;
                Quoting::FieldStart
            }
            (_, b'\n' | b'\r') => Quoting::FieldStart,
            (Quoting::QuoteInQuoted, _) => {
                ok = false;
                Quoting::Unquoted
            }
            _ => Quoting::Unquoted,
        };
    }
    ok
}

/// The records the `csv` crate reads in `bytes` (one, but for lone `\r` line ends),
/// each as its fields, in bytes.
fn csv_records(bytes: &[u8]) -> Vec<csv::ByteRecord> {
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    csv.byte_records().filter_map(Result::ok).collect()
}

impl<S: Source> CsvRows<S> {
    /// The next line, with its line end, into `buf` (cleared first); false at the end.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, String> {
        buf.clear();
        let n = self.file.read_until(b'\n', buf).map_err(|e| format!("cannot read {}: {e}", self.source))?;
        self.pos += n as u64;
        self.line += usize::from(n > 0);
        Ok(n > 0)
    }

    fn header(&mut self) -> Result<(), String> {
        let mut buf = Vec::new();
        while self.read_line(&mut buf)? {
            let line = buf.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(&buf);
            if line.trim_ascii().is_empty() {
                continue;
            }
            let record = csv_records(line).into_iter().next().unwrap_or_default();
            self.header = record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
            return Ok(());
        }
        Ok(())
    }

    fn next_item(&mut self) -> Option<Item> {
        if let Some(item) = self.queue.pop() {
            return Some(item);
        }
        self.file.forget();
        let mut first = Vec::new();
        loop {
            match self.read_line(&mut first) {
                Ok(true) if first.trim_ascii().is_empty() => continue,
                Ok(true) => break,
                Ok(false) => return None,
                Err(e) => {
                    self.row += 1;
                    return Some(Err(Unread::bare(format!("{}:{}", self.source, self.row), e)));
                }
            }
        }
        let (start, line) = (self.pos - first.len() as u64, self.line);
        let (mut state, mut commas) = (Quoting::FieldStart, 0);
        let mut ok = scan(&mut state, &mut commas, &first);
        if state != Quoting::Quoted {
            return self.rows(&first, None);
        }
        // a quoted field open at the line end: look ahead for where the record ends
        let mut next = Vec::new();
        loop {
            match self.read_line(&mut next) {
                Ok(true) => {}
                Ok(false) | Err(_) => {
                    ok = false;
                    break;
                }
            }
            if !scan(&mut state, &mut commas, &next) {
                ok = false;
                break;
            }
            if state != Quoting::Quoted {
                break;
            }
        }
        let (end, last) = (self.pos, self.line);
        let ok = ok && state != Quoting::Quoted && commas + 1 == self.header.len();
        let at = if ok { start } else { start + first.len() as u64 };
        if let Err(e) = self.file.seek_to(at) {
            self.row += 1;
            return Some(Err(Unread::bare(format!("{}:{}", self.source, self.row), format!("cannot read {}: {e}", self.source))));
        }
        if ok {
            let mut record = vec![0; (end - start) as usize];
            if let Err(e) = self.file.read_exact(&mut record) {
                self.row += 1;
                return Some(Err(Unread::bare(format!("{}:{}", self.source, self.row), format!("cannot read {}: {e}", self.source))));
            }
            (self.pos, self.line) = (end, last);
            self.rows(&record, None)
        } else {
            (self.pos, self.line) = (at, line);
            let why = format!(
                "line {line}: unbalanced quote (the quoted field opened on this line does not close where a record ends); \
                 its fields as far as this line gives them; reading goes on at line {}",
                line + 1
            );
            self.rows(&first, Some(why))
        }
    }

    /// The items of the records in `bytes`: documents, or (with `bad`) error lines that
    /// keep the fields read.
    fn rows(&mut self, bytes: &[u8], bad: Option<String>) -> Option<Item> {
        let bytes = if bad.is_some() { bytes.strip_suffix(b"\n").map_or(bytes, |b| b.strip_suffix(b"\r").unwrap_or(b)) } else { bytes };
        let mut items: Vec<Item> = csv_records(bytes).into_iter().map(|r| self.row(&r, bad.as_deref())).collect();
        if items.is_empty() {
            self.row += 1;
            items.push(Err(Unread::bare(format!("{}:{}", self.source, self.row), format!("line {}: no CSV record", self.line))));
        }
        items.reverse();
        self.queue = items;
        self.queue.pop()
    }

    fn row(&mut self, r: &csv::ByteRecord, bad: Option<&str>) -> Item {
        self.row += 1;
        let n = self.row;
        let mut invalid = None;
        let fields: Map<String, Value> = self
            .header
            .iter()
            .zip(r.iter())
            .map(|(k, v)| {
                let v = String::from_utf8(v.to_vec()).unwrap_or_else(|e| {
                    invalid.get_or_insert_with(|| {
                        format!("row {n}: field `{k}` is not UTF-8 (byte {} is invalid)", e.utf8_error().valid_up_to())
                    });
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                });
                (k.clone(), Value::String(v))
            })
            .collect();
        match bad.map(|b| format!("row {n}, {b}")).or(invalid) {
            None => record(fields, &self.columns, &self.source, n),
            Some(error) => {
                let id = record_id(&fields, &self.columns, &self.source, n);
                let mut fields = fields;
                fields.remove(&self.columns.text);
                fields.remove(self.columns.id.as_deref().unwrap_or("id"));
                Err(Unread { id, error, fields })
            }
        }
    }
}

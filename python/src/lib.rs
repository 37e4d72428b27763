//! `attribution._native`: the extension module under the Python package
//! `attribution` (python/attribution/). It runs the crate's [`Extractor`] on ONNX
//! Runtime and hands each result to Python as JSON whose offsets are already Python
//! `str` indices (code points, not the crate's bytes); the package turns that JSON
//! into its typed classes.
//!
//! Every call that runs the model releases the GIL (`Python::detach`), so other Python
//! threads run meanwhile. Errors of the crate become `attribution.AttributionError`
//! with the crate's message and the messages of its sources.

use attribution::{Article, Claim, Extractor, IfMissing, Span, Speaker};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

pyo3::create_exception!(
    _native,
    AttributionError,
    PyException,
    "An error of the attribution crate (a model not built, a corrupt model file, an engine that cannot run, ...); the message names the fix where there is one."
);

/// The crate's error as a Python exception: its message, then each source's.
fn to_py(e: attribution::Error) -> PyErr {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    AttributionError::new_err(message)
}

/// Calls `f` on every offset of `article`: speakers and spans (start and end). The
/// patterns name every field, so that a span added to a claim fails to compile here
/// instead of reaching Python in bytes.
fn each_offset(article: &mut Article, f: &mut impl FnMut(&mut usize)) {
    for claim in &mut article.claims {
        let Claim { speaker, anonymity: _, anonymity_markers, stance: _, cue, text, quote: _, rule: _ } = claim;
        let Speaker { start, end, text: _, resolved, name: _, kind: _, descriptor: _ } = speaker;
        f(start);
        f(end);
        for s in resolved.iter_mut().chain(anonymity_markers.iter_mut()).chain(std::iter::once(cue)).chain(text.iter_mut()) {
            let Span { start, end, text: _ } = s;
            f(start);
            f(end);
        }
    }
}

/// Rewrites the byte offsets of `article` (into `text`) as char offsets, which are
/// Python's `str` indices: one pass over the text for all of them.
fn to_char_offsets(text: &str, article: &mut Article) {
    if text.is_ascii() {
        return;
    }
    let mut bytes = Vec::new();
    each_offset(article, &mut |b| bytes.push(*b));
    bytes.sort_unstable();
    bytes.dedup();
    // (byte offset, chars that start before it)
    let mut table = Vec::with_capacity(bytes.len());
    let mut chars = text.char_indices().peekable();
    let mut count = 0;
    for b in bytes {
        while chars.next_if(|&(i, _)| i < b).is_some() {
            count += 1;
        }
        table.push((b, count));
    }
    each_offset(article, &mut |b| {
        if let Ok(i) = table.binary_search_by_key(b, |&(byte, _)| byte) {
            *b = table[i].1;
        }
    });
}

/// The articles of `texts` as a JSON array, offsets in chars.
fn to_json(texts: &[String], mut articles: Vec<Article>) -> PyResult<String> {
    for (text, article) in texts.iter().zip(&mut articles) {
        to_char_offsets(text, article);
    }
    serde_json::to_string(&articles).map_err(|e| AttributionError::new_err(format!("cannot serialize the claims: {e}")))
}

/// The crate's `Extractor` on a built model (ONNX Runtime). Wrapped by
/// `attribution.Extractor`, which the package exports.
#[pyclass(frozen, module = "attribution._native", name = "NativeExtractor")]
struct NativeExtractor {
    inner: Extractor,
}

#[pymethods]
impl NativeExtractor {
    /// The crate's default model from the cache (`$ATTRIBUTION_CACHE`, else
    /// `~/.cache/attribution`); raises when it is not built, naming the command that
    /// builds it.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<NativeExtractor> {
        let inner = py.detach(|| Extractor::default_model(IfMissing::Fail)).map_err(to_py)?;
        Ok(NativeExtractor { inner })
    }

    /// Model `name` (or the file's default) of a `models.toml`.
    #[staticmethod]
    #[pyo3(signature = (path, name=None))]
    fn from_models_file(py: Python<'_>, path: std::path::PathBuf, name: Option<String>) -> PyResult<NativeExtractor> {
        let inner = py.detach(|| Extractor::from_models_file(&path, name.as_deref())).map_err(to_py)?;
        Ok(NativeExtractor { inner })
    }

    /// The engine the model runs on (`onnx`).
    #[getter]
    fn engine(&self) -> String {
        format!("{:?}", self.inner.ner().engine()).to_lowercase()
    }

    /// The precision it runs at (`f32`, `int8`, ...).
    #[getter]
    fn precision(&self) -> String {
        format!("{:?}", self.inner.ner().precision()).to_lowercase()
    }

    /// One article as JSON (an object), offsets in chars.
    fn extract_json(&self, py: Python<'_>, text: String) -> PyResult<String> {
        let texts = [text];
        let article = py.detach(|| self.inner.extract(&texts[0])).map_err(to_py)?;
        let json = to_json(&texts, vec![article])?;
        // the one element of the array
        Ok(json[1..json.len() - 1].to_owned())
    }

    /// Many articles as one JSON array, offsets in chars; their sentences share the
    /// model's batches. The GIL is released while the model runs.
    fn extract_batch_json(&self, py: Python<'_>, texts: Vec<String>) -> PyResult<String> {
        let articles = py.detach(|| self.inner.extract_batch(&texts)).map_err(to_py)?;
        to_json(&texts, articles)
    }
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeExtractor>()?;
    m.add("AttributionError", m.py().get_type::<AttributionError>())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use attribution::{Anonymity, Descriptor, QuoteKind, SpeakerKind, Stance};

    fn span(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span { start, end: start + part.len(), text: part.to_owned() }
    }

    /// Byte offsets after accents, curly quotes and an emoji become char offsets
    /// that slice the same text out (in chars).
    #[test]
    fn char_offsets() {
        let text = "“Ça va très bien 🙂,” Zoë Müller said.";
        let speaker = span(text, "Zoë Müller");
        let claims = vec![Claim {
            speaker: Speaker {
                start: speaker.start,
                end: speaker.end,
                text: speaker.text.clone(),
                resolved: None,
                name: Some("Zoë Müller".into()),
                kind: SpeakerKind::Person,
                descriptor: Descriptor::default(),
            },
            anonymity: Anonymity::Named,
            anonymity_markers: vec![],
            stance: Stance::Assert,
            cue: span(text, "said"),
            text: Some(span(text, "Ça va très bien 🙂,")),
            quote: QuoteKind::Direct,
            rule: attribution::Rule::ContentBefore,
        }];
        let mut article = Article::from_claims(claims);
        to_char_offsets(text, &mut article);
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let c = &article.claims[0];
        assert_eq!(slice(c.speaker.start, c.speaker.end), "Zoë Müller");
        assert_eq!(slice(c.cue.start, c.cue.end), "said");
        let t = c.text.as_ref().unwrap();
        assert_eq!((t.start, t.end), (1, 19));
        assert_eq!(slice(t.start, t.end), "Ça va très bien 🙂,");
    }
}

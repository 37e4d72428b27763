"""Who said what in news articles: typed claims from a Rust core.

The Python face of the Rust crate ``attribution``: the same names and fields
(``Extractor``, ``Article``, ``Claim``, ``Speaker``, ``Descriptor``, ``Source``,
``Span``), with every offset a Python ``str`` index (the crate's are bytes).

    >>> import attribution
    >>> extractor = attribution.Extractor.default()
    >>> article = extractor.extract(text)
    >>> [(c.speaker.text, c.anonymity, c.stance) for c in article.claims]

The model runs on ONNX Runtime and comes from the crate's cache
(``$ATTRIBUTION_CACHE``, else ``~/.cache/attribution``), built there with
``attribution model build`` (or ``bash scripts/setup.sh`` in the repository).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence

from ._native import AttributionError, NativeExtractor

__all__ = [
    "Article",
    "AttributionError",
    "Claim",
    "Descriptor",
    "Extractor",
    "Source",
    "Span",
    "Speaker",
    "to_dataframe",
]

#: The longest text (in characters) an ``Extractor`` takes unless told otherwise,
#: like spaCy's ``nlp.max_length``: a text longer than this is far more likely a
#: mistake (a whole corpus in one string) than an article.
MAX_LENGTH = 1_000_000


@dataclass(frozen=True)
class Span:
    """A stretch of the text: ``text[start:end] == span.text`` (``str`` indices)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    @staticmethod
    def _from(d: Dict[str, Any]) -> "Span":
        return Span(d["start"], d["end"], d["text"])


@dataclass(frozen=True)
class Descriptor:
    """The descriptor of an unnamed source (``two senior U.S. officials familiar with the talks``)."""

    role: Optional[str] = None
    affiliation: List[str] = field(default_factory=list)
    count: Optional[int] = None
    knowledge: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Speaker:
    """Who made a claim: the mention as written (``start``, ``end``, ``text``), the
    earlier mention a pronoun stands for (``resolved``), the ``name``, the ``kind``
    (``person``, ``organization``, ``group``, ``document``, ``unknown``) and the
    ``descriptor`` of an unnamed source."""

    start: int
    end: int
    text: str
    resolved: Optional[Span]
    name: Optional[str]
    kind: str
    descriptor: Descriptor

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Claim:
    """One statement the article attributes to a source.

    ``anonymity``: ``named``, ``institutional`` or ``anonymous``; ``stance``:
    ``assert``, ``deny``, ``confirm``, ``decline`` or ``hedge``; ``quote``: ``direct``,
    ``indirect`` or ``unknown``; ``rule``: the rule of the crate's table that found it.
    ``text`` is the content, ``None`` for a decline with no topic.
    """

    speaker: Speaker
    anonymity: str
    anonymity_markers: List[Span]
    stance: str
    cue: Span
    text: Optional[Span]
    quote: str
    rule: str

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Source:
    """One source of an article: its ``mention``, ``name``, ``anonymity`` and the
    indices of its ``claims`` in ``Article.claims``."""

    mention: str
    name: Optional[str]
    anonymity: str
    claims: List[int]

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """The claims of one article (in text order), its sources, and the share of
    claims (0..1) made by anonymous sources."""

    claims: List[Claim]
    sources: List[Source]
    anonymous_share: float

    def to_dict(self) -> Dict[str, Any]:
        """The article as plain dicts and lists: the crate's JSON, offsets in ``str`` indices."""
        return asdict(self)

    @staticmethod
    def from_dict(d: Dict[str, Any]) -> "Article":
        """The article of a ``to_dict()`` (or of the crate's JSON, offsets in chars)."""
        return Article(
            claims=[_claim(c) for c in d["claims"]],
            sources=[Source(s["mention"], s.get("name"), s["anonymity"], list(s["claims"])) for s in d["sources"]],
            anonymous_share=float(d["anonymous_share"]),
        )


def _span(d: Optional[Dict[str, Any]]) -> Optional[Span]:
    return None if d is None else Span._from(d)


def _claim(d: Dict[str, Any]) -> Claim:
    s = d["speaker"]
    desc = s.get("descriptor") or {}
    speaker = Speaker(
        start=s["start"],
        end=s["end"],
        text=s["text"],
        resolved=_span(s.get("resolved")),
        name=s.get("name"),
        kind=s["kind"],
        descriptor=Descriptor(desc.get("role"), list(desc.get("affiliation", [])), desc.get("count"), desc.get("knowledge")),
    )
    return Claim(
        speaker=speaker,
        anonymity=d["anonymity"],
        anonymity_markers=[Span._from(m) for m in d.get("anonymity_markers", [])],
        stance=d["stance"],
        cue=Span._from(d["cue"]),
        text=_span(d.get("text")),
        quote=d["quote"],
        rule=d["rule"],
    )


def _check_text(text: object, max_length: Optional[int], what: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, not {type(text).__name__}")
    if max_length is not None and len(text) > max_length:
        raise ValueError(
            f"{what} has {len(text)} characters, more than max_length={max_length}: split it into "
            f"articles, or raise the limit with Extractor.default(max_length=...) (None: no limit)"
        )
    return text


class Extractor:
    """Builds ``Article`` s from text: the crate's NER model on ONNX Runtime plus its
    attribution heuristics. Build once and reuse; the methods may be called from many
    threads (the model runs without the GIL)."""

    def __init__(self, native: NativeExtractor, max_length: Optional[int] = MAX_LENGTH) -> None:
        self._native = native
        self.max_length = max_length

    @staticmethod
    def default(max_length: Optional[int] = MAX_LENGTH) -> "Extractor":
        """The crate's default model from its cache. Raises ``AttributionError`` with
        the crate's message and fix when the model is not built."""
        return Extractor(NativeExtractor.default(), max_length)

    @staticmethod
    def from_models_file(path: str, name: Optional[str] = None, max_length: Optional[int] = MAX_LENGTH) -> "Extractor":
        """Model ``name`` (or the default) of a ``models.toml``."""
        return Extractor(NativeExtractor.from_models_file(str(path), name), max_length)

    @property
    def engine(self) -> str:
        """The engine the model runs on (``onnx``)."""
        return self._native.engine

    @property
    def precision(self) -> str:
        """The precision the model runs at (``f32``, ``int8``, ...)."""
        return self._native.precision

    def extract(self, text: str) -> Article:
        """The claims and sources of one article."""
        _check_text(text, self.max_length)
        return Article.from_dict(json.loads(self._native.extract_json(text)))

    def extract_batch(self, texts: Sequence[str]) -> List[Article]:
        """An ``Article`` per text, in order; their sentences share the model's batches,
        and the GIL is released while it runs. Gives what ``extract`` gives one by one."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("extract_batch takes a sequence of str, not one " + type(texts).__name__ + ": use extract")
        texts = list(texts)
        for i, t in enumerate(texts):
            _check_text(t, self.max_length, f"texts[{i}]")
        return [Article.from_dict(a) for a in json.loads(self._native.extract_batch_json(texts))]

    def __repr__(self) -> str:
        return f"Extractor(engine={self.engine!r}, precision={self.precision!r}, max_length={self.max_length!r})"


#: The columns of ``to_dataframe``, in order.
COLUMNS = [
    "article", "claim", "speaker", "speaker_start", "speaker_end", "resolved", "name", "kind",
    "anonymity", "stance", "cue", "text", "start", "end", "quote", "rule",
]


def to_dataframe(articles: Iterable[Article], keys: Optional[Sequence[Any]] = None) -> Any:
    """One row per claim of ``articles`` (a ``pandas.DataFrame``, columns ``COLUMNS``):
    ``article`` is the article's position, or its entry of ``keys`` (e.g. a DataFrame's
    index); ``start`` and ``end`` are the content's. Needs pandas."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("to_dataframe needs pandas: pip install pandas") from e
    articles = list(articles)
    if keys is not None:
        keys = list(keys)
        if len(keys) != len(articles):
            raise ValueError(f"{len(keys)} keys for {len(articles)} articles")
    rows = []
    for i, a in enumerate(articles):
        if not isinstance(a, Article):
            raise TypeError(f"articles[{i}] is a {type(a).__name__}, not an Article")
        key = i if keys is None else keys[i]
        for j, c in enumerate(a.claims):
            rows.append((
                key, j, c.speaker.text, c.speaker.start, c.speaker.end,
                c.speaker.resolved.text if c.speaker.resolved else None, c.speaker.name, c.speaker.kind,
                c.anonymity, c.stance, c.cue.text,
                c.text.text if c.text else None, c.text.start if c.text else None, c.text.end if c.text else None,
                c.quote, c.rule,
            ))
    df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    # offsets stay integers where a claim has no content (a decline with no topic)
    return df.astype({"start": "Int64", "end": "Int64", "speaker_start": "int64", "speaker_end": "int64"})

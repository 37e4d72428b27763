"""The Python package over the built model: the seed's claims, batch against one by
one, offsets as str indices on non-ASCII text, bad input, errors, the GIL, pandas."""

import json
import os
import pathlib
import subprocess
import sys
import threading
import time

import pytest

import attribution
from attribution import Article, AttributionError, Extractor

# our own wording: curly quotes, accents, a non-BMP emoji, a CJK name
NON_ASCII = (
    "Santiago, 3 de mayo 🇨🇱 — “The royalty will not change before 2030,” said José Núñez, "
    "the ministry’s spokesman, on Tuesday. 🙂\n\n"
    "Zoë Müller, an analyst at Façade Capital in Zürich, said that investors would wait "
    "for the final text of the bill.\n\n"
    "A senior official who asked not to be named said the talks with Codelco had stalled 🚧. "
    "“Nobody is happy,” the official added.\n\n"
    "王小明, a trader in Shanghai, told reporters the price of lithium had fallen sharply."
)


def spans(article):
    """Every (span start, end, text) of an article: speakers, resolved mentions,
    anonymity markers, cues and contents."""
    for c in article.claims:
        yield c.speaker.start, c.speaker.end, c.speaker.text
        for s in [c.speaker.resolved, c.cue, c.text, *c.anonymity_markers]:
            if s is not None:
                yield s.start, s.end, s.text


def test_import_installed_package():
    # the installed wheel, not the source folder, with its typing files
    pkg = pathlib.Path(attribution.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "_native.pyi").is_file()
    assert issubclass(AttributionError, Exception)
    assert set(attribution.__all__) >= {"Extractor", "Article", "Claim", "Speaker", "Source", "Span", "to_dataframe"}


def test_seed_claims(extractor, seed_text):
    article = extractor.extract(seed_text)
    assert isinstance(article, Article)
    assert 28 <= len(article.claims) <= 34, len(article.claims)
    speakers = {c.speaker.text for c in article.claims}
    assert "Chile s Mining Ministry spokeswoman Paula Orrego" in speakers, speakers
    assert extractor.engine == "onnx"
    for c in article.claims:
        assert c.anonymity in {"named", "institutional", "anonymous"}
        assert c.stance in {"assert", "deny", "confirm", "decline", "hedge"}
        assert c.quote in {"direct", "indirect", "unknown"}
        assert c.cue.text
    for start, end, text in spans(article):
        assert seed_text[start:end] == text
    # every claim belongs to exactly one source
    indices = sorted(i for s in article.sources for i in s.claims)
    assert indices == list(range(len(article.claims)))
    anonymous = sum(c.anonymity == "anonymous" for c in article.claims)
    assert article.anonymous_share == pytest.approx(anonymous / len(article.claims))


def test_to_dict_is_the_crates_json(extractor, seed_text):
    article = extractor.extract(seed_text)
    d = article.to_dict()
    assert set(d) == {"claims", "sources", "anonymous_share"}
    c = d["claims"][0]
    assert set(c) == {"speaker", "anonymity", "anonymity_markers", "stance", "cue", "text", "quote", "rule"}
    assert set(c["speaker"]) == {"start", "end", "text", "resolved", "name", "kind", "descriptor"}
    assert set(c["speaker"]["descriptor"]) == {"role", "affiliation", "count", "knowledge"}
    # plain data: JSON and back gives the same article
    assert Article.from_dict(json.loads(json.dumps(d))) == article


def test_batch_equals_one_by_one(extractor, seed_text):
    texts = [seed_text, NON_ASCII, "", "No one said anything here.", seed_text[:3000], NON_ASCII * 3]
    batch = extractor.extract_batch(texts)
    assert len(batch) == len(texts)
    assert batch == [extractor.extract(t) for t in texts]
    assert batch[2].claims == [] and batch[2].anonymous_share == 0.0
    # a tuple and a generator are sequences of str too
    assert extractor.extract_batch(tuple(texts[:2])) == batch[:2]
    assert extractor.extract_batch(t for t in texts[:2]) == batch[:2]
    assert extractor.extract_batch([]) == []


def test_non_ascii_offsets_are_str_indices(extractor):
    article = extractor.extract(NON_ASCII)
    speakers = [c.speaker.text for c in article.claims]
    for name in ["José Núñez", "Zoë Müller", "A senior official"]:
        assert any(s.startswith(name) for s in speakers), speakers
    n = 0
    for start, end, text in spans(article):
        assert NON_ASCII[start:end] == text, (start, end, text)
        n += 1
    assert n >= 3 * len(article.claims)
    # the offsets are not bytes: after the emoji and curly quote they differ
    jose = next(c for c in article.claims if c.speaker.text.startswith("José Núñez"))
    assert NON_ASCII.encode("utf-8").find("José".encode("utf-8")) != jose.speaker.start
    # the same spans after a paragraph of multi-byte characters before
    prefix = "Édition spéciale 🙂🙂 «Ça».\n\n"
    shifted = extractor.extract(prefix + NON_ASCII)
    assert [(s - len(prefix), e - len(prefix), t) for s, e, t in spans(shifted)] == list(spans(article))


@pytest.mark.parametrize("bad", [123, None, 1.5, b"bytes", ["a list"], {"text": "a dict"}])
def test_extract_rejects_non_str(extractor, bad):
    with pytest.raises(TypeError):
        extractor.extract(bad)


@pytest.mark.parametrize("bad", [["fine", None], ["fine", 3], [b"bytes"], "a str", None, 7])
def test_extract_batch_rejects_non_str(extractor, bad):
    with pytest.raises(TypeError):
        extractor.extract_batch(bad)


def test_native_layer_rejects_non_str(extractor):
    # the Rust layer on its own, without the package's checks
    native = extractor._native
    for bad in [123, None, b"bytes"]:
        with pytest.raises(TypeError):
            native.extract_json(bad)
    for bad in [["fine", None], "a str", None]:
        with pytest.raises(TypeError):
            native.extract_batch_json(bad)


def test_huge_string_raises(extractor, seed_text):
    huge = "x" * (5 * 1024 * 1024)
    with pytest.raises(ValueError, match="max_length"):
        extractor.extract(huge)
    with pytest.raises(ValueError, match=r"texts\[1\]"):
        extractor.extract_batch([seed_text, huge])
    # the extractor is still usable afterwards
    assert len(extractor.extract(seed_text).claims) >= 28


def test_max_length_is_the_callers(seed_text):
    small = Extractor.default(max_length=100)
    with pytest.raises(ValueError, match="max_length=100"):
        small.extract(seed_text)
    assert small.extract(seed_text[:100]) is not None


def test_lone_surrogate_raises(extractor):
    # a str Python allows but that is not Unicode text: an exception, not a crash
    with pytest.raises(UnicodeEncodeError):
        extractor.extract("He said \ud800 that.")


def test_model_not_built_raises_the_crates_message(tmp_path):
    # a fresh process with an empty cache: the crate's ModelNotBuilt, with its fix
    code = (
        "import attribution\n"
        "try:\n"
        "    attribution.Extractor.default()\n"
        "except attribution.AttributionError as e:\n"
        "    print(e)\n"
        "else:\n"
        "    raise SystemExit('no error')\n"
    )
    env = dict(os.environ, ATTRIBUTION_CACHE=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "is not built in" in out.stdout and str(tmp_path) in out.stdout, out.stdout
    assert "attribution model build" in out.stdout, out.stdout


def test_batch_releases_the_gil(extractor, seed_text):
    times = {}

    def work():
        times["start"] = time.perf_counter()
        extractor._native.extract_batch_json([seed_text] * 6)
        times["end"] = time.perf_counter()

    t = threading.Thread(target=work)
    ticks = []
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    t.join()
    start, end = times["start"], times["end"]
    assert end - start > 0.1, "too short a batch to tell"
    # this thread ran Python during the call: with the GIL held by the call, it could
    # not have come back from a single sleep before the call ended
    inside = [x for x in ticks if start + 0.02 < x < end - 0.02]
    assert len(inside) >= 5, (len(inside), end - start)


def test_to_dataframe(extractor, seed_text):
    pd = pytest.importorskip("pandas")
    articles = extractor.extract_batch([seed_text, NON_ASCII, ""])
    df = attribution.to_dataframe(articles, keys=["seed", "ours", "empty"])
    assert list(df.columns) == attribution.COLUMNS
    assert len(df) == sum(len(a.claims) for a in articles)
    assert set(df["article"]) == {"seed", "ours"}
    share = df.groupby("article")["anonymity"].apply(lambda s: (s == "anonymous").mean())
    assert share["seed"] == pytest.approx(articles[0].anonymous_share)
    row = df[df["speaker"].str.startswith("Zoë Müller")].iloc[0]
    assert NON_ASCII[row["start"]:row["end"]] == row["text"]
    assert isinstance(attribution.to_dataframe([]), pd.DataFrame)
    with pytest.raises(TypeError):
        attribution.to_dataframe([seed_text])

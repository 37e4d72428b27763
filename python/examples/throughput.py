"""Articles per second from Python over every .txt of a directory: one `extract` call
an article, then all in one `extract_batch` call (the figures of the Rust example
`throughput`: `articles_per_s`, `batched_articles_per_s`), median of N rounds (5: the Rust example's).

    python python/examples/throughput.py DIR [--rounds 5]
"""

import argparse
import pathlib
import statistics
import time

import attribution


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    texts = [f.read_text(encoding="utf-8") for f in sorted(pathlib.Path(args.dir).glob("*.txt"))]
    extractor = attribution.Extractor.default()
    print(f"{extractor!r}, {len(texts)} articles, {sum(map(len, texts))} characters")
    extractor.extract_batch(texts)  # warm-up
    one, batch = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        for text in texts:
            extractor.extract(text)
        one.append(len(texts) / (time.perf_counter() - t))
        t = time.perf_counter()
        extractor.extract_batch(texts)
        batch.append(len(texts) / (time.perf_counter() - t))
    one, batch = statistics.median(one), statistics.median(batch)
    print(f"batched_articles_per_s={batch:.2f}")
    print(f"articles_per_s={one:.2f}")


if __name__ == "__main__":
    main()

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def extractor():
    import attribution

    return attribution.Extractor.default()


@pytest.fixture(scope="session")
def seed_text():
    return (ROOT / "data" / "seed-chile-lithium-royalty.txt").read_text(encoding="utf-8")

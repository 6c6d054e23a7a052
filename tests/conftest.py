"""Shared fixtures: the real corpus and gold beside the repo (../shared)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI machines are shared: a slow example is not a failing one there.
settings.register_profile("ci", deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GONGBAO_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
NEWS = SHARED / "news"
EXAMPLES = REPO / "examples"


def _require(path: Path) -> Path:
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing; CI must have ../shared beside the repo")
        pytest.skip(f"{path} is not here (the real corpus lives in ../shared)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """Folder of the real bulletins."""
    return _require(CORPUS)


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """Folder of the hand-checked answers for some of the real bulletins."""
    return _require(GOLD)


@pytest.fixture(scope="session")
def news_dir() -> Path:
    """The development set for generality: real news pages (corpus/) and gold/."""
    _require(NEWS / "gold")
    return _require(NEWS / "corpus").parent


@pytest.fixture(scope="session")
def corpus_file(corpus_dir: Path):
    """Find a real bulletin by its key (the file name up to the first ``_``)."""

    def find(key: str) -> Path:
        matches = sorted(corpus_dir.glob(f"{key}_*.txt"))
        if not matches:
            pytest.skip(f"no bulletin {key}_*.txt in {corpus_dir}")
        return matches[0]

    return find


@pytest.fixture(scope="session")
def corpus_facts(corpus_dir: Path):
    """DocumentFacts of every real bulletin, by key, extracted once per session."""
    from gongbao.extract.io import read_document
    from gongbao.extract.pipeline import extract_document

    return {
        path.name.split("_", 1)[0]: extract_document(read_document(path))
        for path in sorted(corpus_dir.glob("*.txt"))
    }


@pytest.fixture(scope="session")
def corpus_build(corpus_dir: Path, tmp_path_factory) -> Path:
    """The real corpus built once per session (graph.nq, store, views)."""
    from gongbao.graph.build import build

    out = tmp_path_factory.mktemp("corpus") / "out"
    summary = build([corpus_dir], out)
    assert not summary.failed, summary.failed
    return out


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory) -> Path:
    """The fictional examples built once per session."""
    from gongbao.graph.build import build

    out = tmp_path_factory.mktemp("examples") / "out"
    summary = build([EXAMPLES], out)
    assert not summary.failed, summary.failed
    return out

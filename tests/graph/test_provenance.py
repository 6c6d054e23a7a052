"""Every fact in the graph points at the exact characters it was read from."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongbao.extract.pipeline import extract_document
from gongbao.extract.records import SourceDocument
from gongbao.graph.query import QUERIES, load_query, run_query
from gongbao.graph.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", QUERIES)
def test_provenance_every_row_quotes_its_source(corpus_build, corpus_dir, name):
    rows = run_query(open_store(corpus_build / "store"), load_query(name)).rows
    texts = {}
    for row in rows:
        source = row["source"]
        if source not in texts:
            texts[source] = (corpus_dir / source).read_text(encoding="utf-8")
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(texts[source]), row
        assert texts[source][start:end] == row["quote"], row
        prefix, suffix = row.get("prefix") or "", row.get("suffix") or ""
        assert texts[source][start - len(prefix) : start] == prefix, row
        assert texts[source][end : end + len(suffix)] == suffix, row
        assert "\n" not in prefix + suffix, row


def test_provenance_every_query_has_rows_on_the_real_corpus(corpus_build):
    store = open_store(corpus_build / "store")
    for name in QUERIES:
        rows = run_query(store, load_query(name)).rows
        assert rows, f"{name}.rq returned no rows on the real corpus"


def _records(facts):
    for family in (
        "meetings",
        "attendance",
        "reports",
        "appointments",
        "laws",
        "reviews",
        "mentions",
        "articles",
    ):
        yield from getattr(facts, family)


def test_provenance_every_record_of_the_corpus(corpus_facts):
    for facts in corpus_facts.values():
        text = facts.document.text
        for record in _records(facts):
            ev = record.evidence
            assert text[ev.start : ev.end] == ev.quote, record


# PDF damage a bulletin suffers: breaks inside words, padded names, page numbers.
_NOISE = st.sampled_from(["\n\n", "\n", " ", "\u3000", "\t", "- 3 -\n", "**", "12\n"])


@st.composite
def damaged(draw):
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))
    )
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=30, unique=True)))
    pieces, last = [], 0
    for cut in cuts:
        pieces += [text[last:cut], draw(_NOISE)]
        last = cut
    return "".join(pieces) + text[last:]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_provenance_survives_pdf_damage(text):
    facts = extract_document(SourceDocument("x.txt", "x.txt", text, "utf-8", ""))
    for record in _records(facts):
        ev = record.evidence
        assert text[ev.start : ev.end] == ev.quote, record

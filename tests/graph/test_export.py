"""Exports read back as the same data: datasets keep their named graphs, tables
hold every competency answer."""

import json
import sqlite3

import pandas as pd
import pytest
import rdflib

from gongbao.errors import GongbaoError
from gongbao.graph.export import FORMATS, export
from gongbao.graph.query import QUERIES
from gongbao.graph.store import open_build

_RDFLIB = {
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "turtle": "turtle",
    "ntriples": "nt",
    "rdfxml": "xml",
}
RDF_FORMATS = sorted(n for n, f in FORMATS.items() if f.kind == "rdf")


# rdflib's own parsers call its deprecated ConjunctiveGraph API.
@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_parses_back_with_every_triple(examples_build, tmp_path, fmt):
    [dest] = export(
        examples_build, fmt, tmp_path / f"graph{FORMATS[fmt].suffix}", merge=True
    )
    store = open_build(examples_build)
    quads = len(store)
    triples = len(
        {
            (q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None)
        }
    )
    if FORMATS[fmt].named_graphs:
        dataset = rdflib.Dataset()
        dataset.parse(dest, format=_RDFLIB[fmt])
        named = [g for g in dataset.graphs() if len(g)]
        assert len(named) == 3 + 2  # the documents, the ontology and the shapes
        assert sum(len(g) for g in named) == quads
    else:
        graph = rdflib.Graph().parse(dest, format=_RDFLIB[fmt])
        assert len(graph) == triples
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml"])
def test_export_one_graph_formats_refuse_to_merge_unless_asked(
    examples_build, tmp_path, fmt
):
    with pytest.raises(GongbaoError, match="merge"):
        export(examples_build, fmt, tmp_path)
    assert not list(tmp_path.iterdir())


def test_export_jsonld_is_compacted_with_a_context(examples_build, tmp_path):
    [dest] = export(examples_build, "jsonld", tmp_path)
    document = json.loads(dest.read_text("utf-8"))
    for prefix in ("gb", "schema", "org", "prov", "dcterms"):
        assert prefix in document["@context"]
    text = dest.read_text("utf-8")
    assert "https://schema.org/name" not in text and '"schema:name"' in text


def test_export_refuses_an_unknown_format_listing_the_known(examples_build, tmp_path):
    with pytest.raises(GongbaoError, match="unknown export format .*csv.*xlsx"):
        export(examples_build, "xls", tmp_path / "x")


def test_export_csv_has_a_bom_and_every_competency_row(examples_build, tmp_path):
    written = export(examples_build, "csv", tmp_path / "tables")
    assert sorted(p.stem for p in written) == sorted(QUERIES)
    attendance = tmp_path / "tables" / "attendance.csv"
    assert attendance.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(attendance, encoding="utf-8-sig")
    assert {"邬岚", "温海宁"} <= set(frame["person"])
    from gongbao.graph.query import load_query, run_query

    assert len(frame) == len(
        run_query(open_build(examples_build), load_query("attendance")).rows
    )


@pytest.mark.parametrize("fmt", ["parquet", "xlsx", "sqlite"])
def test_export_tables_read_back(examples_build, tmp_path, fmt):
    written = export(examples_build, fmt, tmp_path)
    if fmt == "parquet":
        frames = {p.stem: pd.read_parquet(p) for p in written}
    elif fmt == "xlsx":
        frames = pd.read_excel(written[0], sheet_name=None)
    else:
        with sqlite3.connect(written[0]) as db:
            frames = {n: pd.read_sql(f'SELECT * FROM "{n}"', db) for n in QUERIES}
            indexes = {
                r[0]
                for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")
            }
        db.close()
        assert "attendance_person" in indexes
    assert set(frames) == set(QUERIES)
    assert {"邬岚", "温海宁"} <= set(frames["attendance"]["person"])
    assert set(frames["meetings"].columns) >= {
        "source",
        "meeting",
        "body",
        "date",
        "chair",
    }

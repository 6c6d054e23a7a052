"""Exports read back as the same data: datasets keep their named graphs."""

import pytest
import rdflib

from gongbao.graph.export import FORMATS, export
from gongbao.graph.store import open_store

_RDFLIB = {
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "turtle": "turtle",
    "ntriples": "nt",
    "rdfxml": "xml",
}


# rdflib's own parsers call its deprecated ConjunctiveGraph API.
@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_parses_back_with_every_triple(examples_build, tmp_path, fmt):
    dest = export(examples_build / "store", fmt, tmp_path / f"graph.{fmt}")
    store = open_store(examples_build / "store")
    quads = len(store)
    triples = len(
        {
            (q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None)
        }
    )
    if FORMATS[fmt].supports_datasets:
        dataset = rdflib.Dataset()
        dataset.parse(dest, format=_RDFLIB[fmt])
        named = [g for g in dataset.graphs() if len(g)]
        assert len(named) == 3
        assert sum(len(g) for g in named) == quads
    else:
        graph = rdflib.Graph().parse(dest, format=_RDFLIB[fmt])
        assert len(graph) == triples
    assert not list(tmp_path.glob(".*.partial"))


def test_export_refuses_an_unknown_format(examples_build, tmp_path):
    from gongbao.extract.errors import GongbaoError

    with pytest.raises(GongbaoError, match="unknown export format"):
        export(examples_build / "store", "xlsx", tmp_path / "x")

"""The Python API: build a graph, open it, get pandas and networkx back.

Everything a researcher needs in a notebook, in four calls::

    import gongbao
    gongbao.build(["bulletins/"], "out")         # files or folders -> out/
    kg = gongbao.open("out")                     # a built graph, read-only
    kg.query("attendance")                       # a competency table, a DataFrame
    kg.query("SELECT ?l { gb:Person rdfs:label ?l }")   # or SPARQL of your own

Queries see the union of the named graphs as their default graph (one per
document, plus the ontology and the shapes), as ``gongbao serve`` does; ``GRAPH``
still selects one document. Prefixes gongbao knows (``gb:``, ``schema:``, ``org:``,
``prov:``, ``dcterms:``, ``oa:``, ``rdfs:`` ...) may be used without declaring them.
Values come back typed: integers as ``Int64``, dates as ``datetime64``, IRIs and
text as strings, unbound as missing.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "a.txt").write_text(
...     "青湖区第九届人民代表大会常务委员会第三次会议于2024年5月8日举行。"
...     "会议由区人大常委会主任罗清源主持。", encoding="utf-8")
>>> _ = build(tmp / "a.txt", tmp / "out", views=False)
>>> kg = open(tmp / "out")
>>> kg.query("meetings")[["term", "session", "chair"]].values.tolist()
[[9, 3, '罗清源']]
>>> kg.facts("chairing")[["kind", "person", "source"]].values.tolist()
[['chairing', '罗清源', 'a.txt']]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GongbaoError
from .stats import FACT_CLASSES
from .store import ONTOLOGY_GRAPH, built_dir, open_store

if TYPE_CHECKING:
    import networkx
    import pandas

    from .build import BuildSummary
    from .stats import GraphCounts

__all__ = ["FACT_KINDS", "KnowledgeGraph", "build", "open", "to_frame"]

#: The kinds of fact :meth:`KnowledgeGraph.facts` knows, in the order listed.
FACT_KINDS = tuple(FACT_CLASSES)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + t
    for t in (
        "integer long int short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedLong unsignedInt"
    ).split()
}
_FLOATS = {_XSD + t for t in ("decimal", "double", "float")}

# One row per fact, every kind alike: the graph has one property per role.
_FACTS = """
SELECT ?kind ?source ?date ?meeting ?person ?role ?body ?law ?title ?status
       ?action ?post ?event ?item ?outcome ?fact ?document_id ?meeting_id ?person_id
       ?body_id ?law_id ?quote ?start ?end
WHERE {
  VALUES (?class ?kind) { %(values)s }
  GRAPH ?g {
    ?fact a ?class ;
          prov:wasDerivedFrom ?document_id ;
          gb:evidence ?ev .
    ?document_id gb:fileName ?source .
    ?ev oa:hasSelector ?position , ?quoted .
    ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?quoted a oa:TextQuoteSelector ; oa:exact ?quote .
    OPTIONAL { ?fact gb:meeting ?meeting_id .
               OPTIONAL { ?meeting_id rdfs:label ?meeting }
               OPTIONAL { ?meeting_id dcterms:date ?meeting_date } }
    OPTIONAL { ?fact dcterms:date ?fact_date }
    BIND (COALESCE(?fact_date, ?meeting_date) AS ?date)
    OPTIONAL { ?fact gb:person|org:member ?person_id . ?person_id schema:name ?person }
    OPTIONAL { ?fact gb:role ?role }
    OPTIONAL { ?fact gb:body|org:organization ?fact_body .
               ?fact_body schema:name ?fact_body_name }
    OPTIONAL { ?fact a gb:MeetingRecord ; gb:meeting/gb:body ?convener .
               ?convener schema:name ?convener_name }
    BIND (COALESCE(?fact_body, ?convener) AS ?body_id)
    BIND (COALESCE(?fact_body_name, ?convener_name) AS ?body)
    OPTIONAL { ?fact gb:law ?law_id . ?law_id schema:name ?law }
    OPTIONAL { ?fact dcterms:title ?title }
    OPTIONAL { ?fact gb:status ?status_id .
               GRAPH <%(ontology)s> { ?status_id skos:notation ?status } }
    OPTIONAL { ?fact gb:action ?action_id .
               GRAPH <%(ontology)s> { ?action_id skos:notation ?action } }
    OPTIONAL { ?fact gb:post|org:role ?post_id . ?post_id schema:name ?post }
    OPTIONAL { ?fact gb:holdingEvent ?event }
    OPTIONAL { ?fact gb:item ?item }
    OPTIONAL { ?fact gb:outcome ?outcome }
  }
}
ORDER BY ?source ?start ?kind
"""

# Which fact kinds become which edges of the networkx graph: (from, to) columns.
_EDGES = {
    "meeting": [("body", "meeting")],
    "attendance": [("person", "meeting")],
    "chairing": [("person", "meeting")],
    "report": [("person", "meeting"), ("body", "meeting"), ("person", "law")],
    "appointment": [("body", "person")],
    "citation": [("document", "law")],
    "review": [],
    "holding": [("person", "body")],
}
_PROVENANCE = ("source", "start", "end", "quote", "date")
_DETAILS = ("status", "role", "title", "action", "post", "event")


def build(
    inputs: str | Path | Iterable[str | Path], out: str | Path, **options
) -> BuildSummary:
    """Build the graph of ``inputs`` (files or folders) into ``out``; the summary.

    Options are those of :func:`gongbao.graph.build.build` (``views=False`` skips
    the HTML views, ``cache=False`` re-extracts everything). A file that fails is
    listed in ``summary.failed``; the rest still builds.
    """
    from .build import build as run_build

    if isinstance(inputs, str | Path):
        inputs = [inputs]
    return run_build([Path(p) for p in inputs], Path(out), **options)


def open(out: str | Path) -> KnowledgeGraph:  # noqa: A001 - gongbao.open(out)
    """The graph built in ``out``, opened read-only."""
    return KnowledgeGraph(out)


class KnowledgeGraph:
    """A built graph: tables, facts, people and networks from its store."""

    def __init__(self, out: str | Path) -> None:
        self.out = built_dir(Path(out))
        self.store = open_store(self.out / "store")

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.out}: {self.counts.documents} documents>"

    @property
    def counts(self) -> GraphCounts:
        """Documents, quads, distinct entities and facts (as ``gongbao stats``)."""
        from .stats import graph_counts

        return graph_counts(self.store)

    @property
    def views(self) -> Path:
        """The folder of the HTML views (``index.html`` first)."""
        return self.out / "views"

    def query(self, query: str | Path) -> pandas.DataFrame:
        """A competency query's name (``"attendance"``), a ``.rq`` file or SPARQL.

        ``SELECT`` answers one column per variable, ``ASK`` one ``answer``,
        ``CONSTRUCT`` the columns ``subject``, ``predicate``, ``object``.
        """
        from .query import load_query

        return to_frame(self.store, load_query(query))

    def tables(self) -> dict[str, pandas.DataFrame]:
        """Every competency table by name (what ``gongbao export`` writes)."""
        from .query import QUERIES

        return {name: self.query(name) for name in QUERIES}

    def facts(self, kind: str | None = None) -> pandas.DataFrame:
        """One row per fact of ``kind`` (every kind when ``None``), alike columns.

        Kinds: meeting (a record that a meeting took place), attendance,
        chairing, report, appointment, citation, review, holding (a post a
        person is seen holding: an ``org:Membership``, whose member, organisation
        and role fill person, body and post). Columns: kind, source, date (the
        fact's, else its meeting's), meeting, person, role, body, law, title,
        status, action, post, event (how a holding is shown), item, outcome, the
        IRIs (fact, document_id, meeting_id, person_id, body_id, law_id) and the
        evidence (quote, start, end).
        """
        if kind is None:
            kinds = FACT_KINDS
        elif kind in FACT_CLASSES:
            kinds = (kind,)
        else:
            raise GongbaoError(
                f"{kind}: no such kind of fact (known: {', '.join(FACT_KINDS)})"
            )
        values = " ".join(f'(<{FACT_CLASSES[k]}> "{k}")' for k in kinds)
        return to_frame(
            self.store, _FACTS % {"values": values, "ontology": ONTOLOGY_GRAPH}
        )

    def person(self, name: str) -> pandas.DataFrame:
        """Every fact about the person ``name``, by date: a career in one table.

        Names compare in one script (NFKC, simplified characters); a name not in
        the graph is an error that lists the closest names.
        """
        from ..extract.script import fold

        facts = self.facts()
        folded = facts["person"].map(lambda v: fold(v) if isinstance(v, str) else "")
        found = facts[folded == fold(name.strip())]
        if found.empty:
            names = sorted(set(facts["person"].dropna()))
            close = difflib.get_close_matches(name, names, n=5, cutoff=0.3)
            hint = f"; close: {', '.join(close)}" if close else ""
            raise GongbaoError(f"{name}: no such person in {self.out}{hint}")
        return found.sort_values(["date", "source", "start"], na_position="last")

    def to_networkx(
        self, *, kinds: Iterable[str] | None = None
    ) -> networkx.MultiDiGraph:
        """People, bodies, meetings and laws as nodes; facts as edges.

        Each fact becomes one edge or a few (a report: reporter -> meeting,
        body -> meeting, reporter -> law), keyed by its kind, with its provenance
        as attributes: ``source`` (the document's file name), ``start``/``end``
        (the character span), ``quote``, ``date``, the ``fact`` IRI, and the
        fact's own details (status, role, title, action, post). A law citation has
        no second entity; its edge comes from the citing document, a node of kind
        ``document``. Nodes are IRIs with ``label`` and ``kind``.
        """
        import networkx as nx
        import pandas as pd

        wanted = FACT_KINDS if kinds is None else tuple(kinds)
        facts = pd.concat([self.facts(k) for k in wanted], ignore_index=True)
        graph = nx.MultiDiGraph()
        for row in facts.to_dict("records"):
            for a, b in _EDGES[row["kind"]]:
                ends = [_node(graph, row, end) for end in (a, b)]
                if None in ends:
                    continue
                graph.add_edge(*ends, key=row["kind"], **_edge_data(row))
        return graph


def _node(graph, row: dict, end: str) -> str | None:
    iri = row.get(f"{end}_id")
    if _missing(iri):
        return None
    label = row.get("source" if end == "document" else end)
    if iri not in graph:
        graph.add_node(iri, kind=end, label=iri if _missing(label) else label)
    return iri


def _edge_data(row: dict) -> dict:
    data = {"kind": row["kind"], "fact": row["fact"]}
    for name in _PROVENANCE + _DETAILS:
        value = row.get(name)
        if not _missing(value):
            data[name] = value.date().isoformat() if name == "date" else value
    return data


def _missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


# SPARQL answers as DataFrames ------------------------------------------------------


def to_frame(store, sparql: str) -> pandas.DataFrame:
    """The answer of ``sparql`` on ``store`` as a typed DataFrame.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:n"),
    ...     ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer")),
    ...     ox.NamedNode("urn:g")))
    >>> frame = to_frame(store, "SELECT ?s ?n { ?s ?p ?n }")
    >>> frame.dtypes["n"], frame.loc[0, "s"]
    (Int64Dtype(), 'urn:a')
    """
    import pandas as pd

    from .query import answer_terms

    answer = answer_terms(store, sparql)
    if answer.boolean is not None:
        return pd.DataFrame({"answer": [answer.boolean]})
    data = {
        c: _column([_python(row[i]) for row in answer.rows])
        for i, c in enumerate(answer.columns)
    }
    return pd.DataFrame(data, columns=answer.columns)


def _python(term):
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, pyoxigraph.Literal):
        return term.value
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype in _FLOATS:
            return float(term.value)
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        if datatype == _XSD + "date":
            import datetime

            return datetime.date.fromisoformat(term.value)
    except ValueError:
        pass
    return term.value


def _column(values: list):
    import datetime

    import pandas as pd

    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    if kinds == {int}:
        return pd.array(values, dtype="Int64")
    if kinds <= {int, float} and present:
        return pd.array(values, dtype="Float64")
    if kinds == {bool}:
        return pd.array(values, dtype="boolean")
    if kinds == {datetime.date}:
        return pd.to_datetime(pd.Series(values, dtype=object))
    if kinds and kinds != {str}:
        values = [None if v is None else str(v) for v in values]
    return pd.Series(values, dtype=object if not present else None)

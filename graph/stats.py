"""Counts of a built graph, read from its store: the one source of counts.

The build summary, ``gongbao stats`` and the index page all take their numbers
from :func:`graph_counts`: distinct entities across the corpus (a person named in
three bulletins is one person) and facts by kind, over the documents' named graphs
(the ontology's and the shapes' graphs are left out).

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> gb = "https://w3id.org/gongbao/ontology#"
>>> for g in ("urn:a", "urn:b"):
...     store.add(ox.Quad(ox.NamedNode("urn:p"), ox.NamedNode(
...         "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
...         ox.NamedNode(gb + "Person"), ox.NamedNode(g)))
>>> graph_counts(store).entities["person"]
1
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..ontology.prefixes import GB, short
from .store import VOCABULARY_GRAPHS

__all__ = [
    "ENTITY_CLASSES",
    "FACT_CLASSES",
    "GraphCounts",
    "Tally",
    "counts_after",
    "graph_counts",
    "graph_stats",
    "tally",
    "type_counts",
]

#: Entity kind -> class; counted as distinct nodes across the corpus (meetings:
#: those some document records).
ENTITY_CLASSES = {
    "person": GB.Person,
    "body": GB.Body,
    "meeting": GB.Meeting,
    "law": GB.Law,
    "post": GB.Post,
    "region": GB.Region,
}
#: Fact kind -> class; every fact node is one statement of one document.
FACT_CLASSES = {
    "meeting": GB.MeetingRecord,
    "attendance": GB.Attendance,
    "chairing": GB.Chairing,
    "report": GB.Report,
    "appointment": GB.Appointment,
    "citation": GB.LawCitation,
    "review": GB.Review,
    "holding": GB.PostHolding,
}

_NOT_VOCABULARY = "FILTER (?g NOT IN ({}))".format(
    ", ".join(f"<{g}>" for g in VOCABULARY_GRAPHS)
)
_TYPES = f"""
SELECT ?type (COUNT(DISTINCT ?s) AS ?n)
WHERE {{ GRAPH ?g {{ ?s a ?type }} {_NOT_VOCABULARY} }}
GROUP BY ?type ORDER BY DESC(?n) ?type
"""
_SIZES = f"""
SELECT (COUNT(*) AS ?quads)
WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_VOCABULARY} }}
"""
_DOCUMENTS = """
PREFIX gb: <https://w3id.org/gongbao/ontology#>
SELECT (COUNT(DISTINCT ?d) AS ?documents) WHERE { GRAPH ?g { ?d a gb:Document } }
"""
# A meeting counts when a document records it, not when a fact only names it.
_MEETINGS = """
PREFIX gb: <https://w3id.org/gongbao/ontology#>
SELECT (COUNT(DISTINCT ?m) AS ?meetings)
WHERE { GRAPH ?g { ?record a gb:MeetingRecord ; gb:meeting ?m } }
"""


@dataclass(slots=True)
class GraphCounts:
    """Documents, quads, distinct entities by kind and facts by kind."""

    documents: int = 0
    quads: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)


def type_counts(store) -> list[tuple[str, int]]:
    """``(type, distinct subjects)`` over the documents' graphs, most frequent first."""
    return [(short(str(t)), n) for t, n in _type_rows(store)]


def _type_rows(store) -> list[tuple[str, int]]:
    return [
        (solution["type"].value, int(solution["n"].value))
        for solution in store.query(_TYPES)
    ]


def graph_counts(store) -> GraphCounts:
    """Every count gongbao reports, from one store."""
    quads = next(iter(store.query(_SIZES)))["quads"]
    documents = next(iter(store.query(_DOCUMENTS)))["documents"]
    meetings = next(iter(store.query(_MEETINGS)))["meetings"]
    by_type = dict(_type_rows(store))
    entities = {k: by_type.get(str(c), 0) for k, c in ENTITY_CLASSES.items()}
    entities["meeting"] = int(meetings.value)
    return GraphCounts(
        documents=int(documents.value),
        quads=int(quads.value),
        entities=entities,
        facts={k: by_type.get(str(c), 0) for k, c in FACT_CLASSES.items()},
    )


# Counting by difference ---------------------------------------------------------
#
# A rebuild that replaces a few named graphs in the last build's store counts
# again only what those graphs held before and hold now (:func:`tally`), and
# asks the store, for each entity they name, whether another graph names it too.

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_MEETING_OF = f"{GB}meeting"


@dataclass(slots=True)
class Tally:
    """What some named graphs hold: quads, facts by kind, entities by kind.

    ``members`` are the IRIs counted as :class:`GraphCounts` counts them:
    entities by kind (``meeting``: those a record names), and ``document``.
    """

    quads: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)


def tally(store, graphs) -> Tally:
    """What the named ``graphs`` of ``store`` hold (index lookups per graph)."""
    import pyoxigraph as ox

    rdf_type = ox.NamedNode(_RDF_TYPE)
    found = Tally(
        facts=dict.fromkeys(FACT_CLASSES, 0),
        members={kind: set() for kind in (*ENTITY_CLASSES, "document")},
    )
    classes = {str(c): k for k, c in ENTITY_CLASSES.items() if k != "meeting"}
    facts = {str(c): k for k, c in FACT_CLASSES.items()}
    for name in graphs:
        graph = ox.NamedNode(name)
        size = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        found.quads += int(next(iter(store.query(size)))["n"].value)
        records = set()
        for quad in store.quads_for_pattern(None, rdf_type, None, graph):
            kind = quad.object.value
            if kind in classes:
                found.members[classes[kind]].add(quad.subject.value)
            elif kind in facts:
                found.facts[facts[kind]] += 1
            if kind == str(GB.Document):
                found.members["document"].add(quad.subject.value)
            if kind == str(GB.MeetingRecord):
                records.add(quad.subject)
        for record in records:
            for quad in store.quads_for_pattern(
                record, ox.NamedNode(_MEETING_OF), None, graph
            ):
                found.members["meeting"].add(quad.object.value)
    return found


def counts_after(
    store, last: GraphCounts, before: Tally, after: Tally, changed
) -> GraphCounts:
    """``last`` (the store's counts before) with the ``changed`` graphs replaced.

    ``before`` and ``after`` are those graphs' :func:`tally` before and after
    the replacement; ``store`` holds the graphs after it. Equal to
    :func:`graph_counts` of the new store, at the cost of the changed graphs.
    """
    changed = set(changed)
    facts = {
        k: last.facts.get(k, 0) + after.facts[k] - before.facts[k] for k in FACT_CLASSES
    }
    members = {}
    for kind in (*ENTITY_CLASSES, "document"):
        base = last.entities.get(kind, 0) if kind != "document" else last.documents
        old, new = before.members[kind], after.members[kind]
        for iri in old ^ new:  # in both: counted before and now alike
            elsewhere = _named_elsewhere(store, kind, iri, changed)
            base += (iri in new or elsewhere) - (iri in old or elsewhere)
        members[kind] = base
    documents = members.pop("document")
    return GraphCounts(
        documents=documents,
        quads=last.quads + after.quads - before.quads,
        entities=members,
        facts=facts,
    )


def _named_elsewhere(store, kind: str, iri: str, changed: set[str]) -> bool:
    """Whether a document graph outside ``changed`` counts ``iri`` as a ``kind``."""
    import pyoxigraph as ox

    skip = changed | set(VOCABULARY_GRAPHS)
    node, rdf_type = ox.NamedNode(iri), ox.NamedNode(_RDF_TYPE)
    if kind == "meeting":
        for quad in store.quads_for_pattern(None, ox.NamedNode(_MEETING_OF), node):
            graph = quad.graph_name
            if graph.value not in skip and any(
                True
                for _ in store.quads_for_pattern(
                    quad.subject, rdf_type, ox.NamedNode(str(GB.MeetingRecord)), graph
                )
            ):
                return True
        return False
    cls = GB.Document if kind == "document" else ENTITY_CLASSES[kind]
    return any(
        quad.graph_name.value not in skip
        for quad in store.quads_for_pattern(node, rdf_type, ox.NamedNode(str(cls)))
    )


def graph_stats(out: Path) -> str:
    """A readable report: sizes, entities and facts, every type, then failures."""
    from .store import open_build

    store = open_build(out)
    counts = graph_counts(store)
    lines = [
        f"documents: {counts.documents}",
        f"quads: {counts.quads:,} (plus the ontology and shapes graphs)",
        "",
        "entities (distinct across the corpus):",
    ]
    lines += [
        f"  {k + (' (recorded)' if k == 'meeting' else ''):<40}{v:>8,}"
        for k, v in counts.entities.items()
    ]
    lines += ["", "facts (one per statement per document):"]
    lines += [f"  {k:<40}{v:>8,}" for k, v in counts.facts.items()]
    lines += ["", "resources by type:"]
    lines += [f"  {name:<40}{count:>8,}" for name, count in type_counts(store)]
    manifest = Path(out) / "manifest.json"
    if manifest.is_file():
        built = json.loads(manifest.read_text(encoding="utf-8"))
        if built.get("failed"):
            lines += ["", f"files failed at build time: {len(built['failed'])}"]
    return "\n".join(lines)

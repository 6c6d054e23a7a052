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
    "graph_counts",
    "graph_stats",
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

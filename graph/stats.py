"""Counts of a built graph, read back from its store: ``gongbao stats DIR``."""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["graph_stats", "type_counts"]

_PREFIXES = {
    "https://w3id.org/gongbao/ontology#": "gb:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/ns/prov#": "prov:",
    "https://schema.org/": "schema:",
    "http://schema.org/": "schema:",
    "http://data.europa.eu/eli/ontology#": "eli:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/oa#": "oa:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
}

_TYPES = """
SELECT ?type (COUNT(DISTINCT ?s) AS ?n)
WHERE { GRAPH ?g { ?s a ?type } }
GROUP BY ?type ORDER BY DESC(?n) ?type
"""

_SIZES = """
SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads)
WHERE { GRAPH ?g { ?s ?p ?o } }
"""


def _short(iri: str) -> str:
    for base, prefix in _PREFIXES.items():
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return f"<{iri}>"


def type_counts(store) -> list[tuple[str, int]]:
    """``(type, distinct subjects)`` over every named graph, most frequent first."""
    from .query import run_query

    return [
        (_short(row["type"]), int(row["n"])) for row in run_query(store, _TYPES).rows
    ]


def graph_stats(out: Path) -> str:
    """A readable report: sizes, then resources by type, then the build manifest."""
    from .query import run_query
    from .store import open_store

    store = open_store(Path(out) / "store")
    sizes = run_query(store, _SIZES).rows[0]
    lines = [
        f"documents (named graphs): {sizes['graphs']}",
        f"quads: {int(sizes['quads']):,}",
        "",
        "resources by type:",
    ]
    lines += [f"  {name:<40}{count:>8,}" for name, count in type_counts(store)]
    manifest = Path(out) / "manifest.json"
    if manifest.is_file():
        built = json.loads(manifest.read_text(encoding="utf-8"))
        lines += ["", "facts by relation (at build time):"]
        lines += [f"  {k:<40}{v:>8,}" for k, v in built.get("facts", {}).items()]
        if built.get("failed"):
            lines += ["", f"files skipped at build time: {len(built['failed'])}"]
    return "\n".join(lines)

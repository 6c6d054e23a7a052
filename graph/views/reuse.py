"""What the views keep from one build to the next, to redraw only what changed.

Every view query reads one named graph at a time (its patterns sit inside
``GRAPH ?g { ... }``), so its rows are the union of each graph's rows. A build
records, in its cache folder (:data:`RECORD`), each graph's digest (of its
quads in ``graph.nq``, after the corpus pass of resolution rewrote them), each
query's rows by graph, and each page's digest (of the data the page is drawn
from). The next build runs the queries only for the graphs whose digest
changed (``GRAPH <graph>`` in place of ``GRAPH ?g``), keeps the other
graphs' rows, and redraws only the pages whose digest changed. Rows are put in
one total order (:func:`ordered`) whichever way they were read, so a rebuild
gives the same pages as a fresh build. A record made by other views code is
not used.

>>> scoped("SELECT ?a WHERE { GRAPH ?g { ?a ?b ?c } }")
'SELECT ?g ?a WHERE { GRAPH ?g { ?a ?b ?c } }'
>>> scoped("SELECT * WHERE { GRAPH ?g { ?a ?b ?c } }")
'SELECT * WHERE { GRAPH ?g { ?a ?b ?c } }'
>>> scoped("SELECT ?a WHERE { GRAPH ?g { ?a ?b ?c } }", "urn:x")
'SELECT ?a WHERE { GRAPH <urn:x> { ?a ?b ?c } }'
>>> ordered([{"source": "b", "start": "10"}, {"source": "b", "start": "9"}],
...         "SELECT ?source ?start WHERE {} ORDER BY ?source ?start")
[{'source': 'b', 'start': '9'}, {'source': 'b', 'start': '10'}]
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..incremental import VIEWS_RECORD

__all__ = [
    "RECORD",
    "Record",
    "is_scopable",
    "ordered",
    "read_record",
    "scoped",
    "write_record",
]

#: The views' record in a build's cache folder.
RECORD = VIEWS_RECORD
_SELECT = re.compile(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?", re.I)
_GRAPH = re.compile(r"\bGRAPH\s+\?g\s*\{", re.I)
_ANY_GRAPH = re.compile(r"\bGRAPH\b", re.I)
_ORDER = re.compile(r"\bORDER\s+BY\s+((?:\?\w+\s*)+)", re.I)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.M)


@dataclass(slots=True)
class Record:
    """What one build's views were drawn from."""

    code: str  # the views code version
    graphs: dict[str, str] = field(default_factory=dict)  # graph -> digest
    rows: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # page file -> digest
    search: dict[str, str] = field(default_factory=dict)  # title -> search keys


def read_record(path: Path) -> Record | None:
    """The record a build left; ``None`` if there is none or it cannot be read."""
    try:
        record = Record(**json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    fields = (record.graphs, record.rows, record.pages, record.search)
    if not (isinstance(record.code, str) and all(isinstance(f, dict) for f in fields)):
        return None  # not a record this code wrote: the views are drawn whole
    return record


def write_record(path: Path, record: Record) -> None:
    """Write ``record`` (a new file: a hard-linked old one is never changed)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    data = {name: getattr(record, name) for name in Record.__slots__}
    with tmp.open("w", encoding="utf-8") as out:  # streamed: never one big string
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)


def is_scopable(sparql: str) -> bool:
    """Whether every graph pattern of ``sparql`` is a ``GRAPH ?g`` block."""
    sparql = _COMMENT_LINE.sub("", sparql)
    graphs = len(_ANY_GRAPH.findall(sparql))
    return graphs > 0 and graphs == len(_GRAPH.findall(sparql))


def scoped(sparql: str, graph: str | None = None) -> str:
    """``sparql`` answering ``?g`` too; or, given a ``graph``, only that graph's rows.

    A graph's rows come from ``GRAPH <graph>`` in place of ``GRAPH ?g`` (a
    constant graph lets the store read that graph only; ``VALUES ?g`` did not).
    Whole-line comments are dropped first (they may name SELECT or GRAPH).
    """
    sparql = _COMMENT_LINE.sub("", sparql)
    if graph is not None:
        return _GRAPH.sub(lambda m: f"GRAPH <{graph}> {{", sparql)
    found = _SELECT.search(sparql)
    if found is None:
        return sparql
    clause = re.split(r"\bWHERE\b|\{", sparql[found.end() :], maxsplit=1, flags=re.I)[0]
    if clause.lstrip().startswith("*") or re.search(r"\?g\b", clause):
        return sparql  # ?g is answered already
    return sparql[: found.end()] + "?g " + sparql[found.end() :]


def ordered(rows: list[dict], sparql: str) -> list[dict]:
    """Rows in one total order: the query's ORDER BY, then every other column.

    Whole numbers (offsets, counts) compare as numbers; unbound values first.
    """
    found = _ORDER.search(sparql)
    first = [v.lstrip("?") for v in found[1].split()] if found else []
    if not rows:
        return []
    columns = first + sorted(k for k in rows[0] if k not in first)

    def key(row: dict) -> tuple:
        return tuple(_sortable(row.get(c)) for c in columns)

    return sorted(rows, key=key)


def _sortable(value) -> tuple:
    if value is None:
        return (0, 0, "")
    if value.isdigit():
        return (1, int(value), "")
    return (2, 0, value)

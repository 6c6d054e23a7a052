"""Export a built graph: RDF files, or every competency table as files.

Formats are named through one registry, :data:`FORMATS`; an unknown name fails
with the list of known ones.

- RDF that keeps one named graph per document: ``nquads``, ``trig`` and
  ``jsonld`` (compacted, with an ``@context`` for gb:, schema:, org:, prov:,
  dcterms: ...).
- RDF that holds one graph: ``turtle``, ``ntriples``, ``rdfxml``. Writing one
  merges every document's graph into one, so which document said what is kept
  only by ``prov:wasDerivedFrom``; they refuse unless asked to ``merge``.
- Tables, one per competency query (attendance, meetings, reports, appointments,
  laws, reviewed): ``csv`` (UTF-8 with a byte-order mark, so Excel reads the
  Chinese), ``parquet``, ``xlsx`` (one sheet per table) and ``sqlite`` (one
  table per query, indexed, ready for ``datasette``).

``dest`` is a file for the one-file formats when it ends with the format's
suffix, else a folder to write into (``graph.nq``, ``tables.xlsx`` ...); ``csv``
and ``parquet`` always write a folder of files.

>>> sorted(FORMATS)  # doctest: +NORMALIZE_WHITESPACE
['csv', 'jsonld', 'nquads', 'ntriples', 'parquet', 'rdfxml', 'sqlite', 'trig',
 'turtle', 'xlsx']
>>> get_format("xls")
Traceback (most recent call last):
...
gongbao.errors.GongbaoError: xls: unknown export format (known: csv, jsonld, nquads, ntriples, parquet, rdfxml, sqlite, trig, turtle, xlsx)
"""  # noqa: E501

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from ..errors import GongbaoError
from ..ontology.prefixes import PREFIXES

__all__ = ["FORMATS", "ExportFormat", "export", "get_format", "jsonld_context"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A named export: how to write it and what it can hold."""

    name: str
    suffix: str  # of the file written, or of each file in the folder
    kind: str  # "rdf" or "tables"
    write: Callable[..., list[Path]]
    description: str
    named_graphs: bool = True  # False: writing merges the documents' graphs
    folder: bool = False  # True: always a folder of files, one per table


#: Every export format by name.
FORMATS: dict[str, ExportFormat] = {}


def _register(name: str, suffix: str, kind: str, description: str, **flags):
    def add(write):
        FORMATS[name] = ExportFormat(name, suffix, kind, write, description, **flags)
        return write

    return add


def get_format(name: str) -> ExportFormat:
    """The format called ``name``; an unknown name fails with the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise GongbaoError(f"{name}: unknown export format (known: {known})") from None


def export(out: Path, fmt: str, dest: Path, *, merge: bool = False) -> list[Path]:
    """Write the graph built in ``out`` to ``dest`` as ``fmt``; the files written.

    ``merge=True`` lets a one-graph RDF format (turtle, ntriples, rdfxml) merge the
    documents' named graphs; without it they refuse.
    """
    from .store import open_build

    spec = get_format(fmt)
    if not spec.named_graphs and not merge:
        raise GongbaoError(
            f"{fmt}: holds a single graph, so the per-document named graphs "
            "would merge into one (who said what kept only by "
            "prov:wasDerivedFrom); use nquads, trig or jsonld to keep them, "
            "or --merge to write the merged graph"
        )
    dest = Path(dest)
    if spec.folder or dest.suffix != spec.suffix:
        dest.mkdir(parents=True, exist_ok=True)
        target = dest if spec.folder else dest / _default_name(spec)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        target = dest
    if spec.kind == "tables":
        from .api import KnowledgeGraph

        return spec.write(KnowledgeGraph(out).tables(), target)
    return spec.write(open_build(out), target)


def _default_name(spec: ExportFormat) -> str:
    return ("tables" if spec.kind == "tables" else "graph") + spec.suffix


def _atomic(dest: Path, write: Callable[[Path], None]) -> list[Path]:
    """Write through a hidden partial file, renamed when complete."""
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        write(partial)
        partial.replace(dest)
    finally:
        partial.unlink(missing_ok=True)
    return [dest]


# RDF --------------------------------------------------------------------------------


def _dump(rdf_format, prefixes=None):
    def write(store, dest: Path) -> list[Path]:
        def to(path: Path) -> None:
            with path.open("wb") as file:
                store.dump(file, rdf_format, prefixes=prefixes)

        return _atomic(dest, to)

    return write


def _merged(rdf_format, prefixes=None):
    def write(store, dest: Path) -> list[Path]:
        def to(path: Path) -> None:
            triples = store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
            )
            with path.open("wb") as file:
                pyoxigraph.serialize(triples, file, rdf_format, prefixes=prefixes)

        return _atomic(dest, to)

    return write


_register("nquads", ".nq", "rdf", "N-Quads: one named graph per document")(
    _dump(pyoxigraph.RdfFormat.N_QUADS)
)
_register("trig", ".trig", "rdf", "TriG: one named graph per document")(
    _dump(pyoxigraph.RdfFormat.TRIG, PREFIXES)
)
_register("turtle", ".ttl", "rdf", "Turtle: the merged graph", named_graphs=False)(
    _merged(pyoxigraph.RdfFormat.TURTLE, PREFIXES)
)
_register("ntriples", ".nt", "rdf", "N-Triples: the merged graph", named_graphs=False)(
    _merged(pyoxigraph.RdfFormat.N_TRIPLES)
)
_register("rdfxml", ".rdf", "rdf", "RDF/XML: the merged graph", named_graphs=False)(
    _merged(pyoxigraph.RdfFormat.RDF_XML)
)


def jsonld_context() -> dict[str, str]:
    """The ``@context`` of gongbao's JSON-LD: every prefix gongbao uses.

    >>> jsonld_context()["schema"]
    'https://schema.org/'
    """
    return dict(PREFIXES)


@_register("jsonld", ".jsonld", "rdf", "JSON-LD, compacted with an @context")
def _jsonld(store, dest: Path) -> list[Path]:
    """Oxigraph writes expanded JSON-LD; IRIs are compacted against the context.

    Keys, ``@id`` and ``@type`` values become ``prefix:name`` compact IRIs, which
    a JSON-LD processor expands back through the ``@context``; a single value is
    not wrapped in a list, a plain string literal is a bare string.
    """
    expanded = json.loads(store.dump(format=pyoxigraph.RdfFormat.JSON_LD))
    context = jsonld_context()
    document = {"@context": context, "@graph": _compact(expanded, context)}

    def to(path: Path) -> None:
        path.write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )

    return _atomic(dest, to)


def _compact(node, context: dict[str, str]):
    bases = sorted(context.items(), key=lambda item: -len(item[1]))

    def iri(value: str) -> str:
        for prefix, base in bases:
            if value.startswith(base) and len(value) > len(base):
                rest = value[len(base) :]
                if not rest.startswith("//"):
                    return f"{prefix}:{rest}"
        return value

    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        compacted = {}
        for key, item in value.items():
            if key == "@id" and isinstance(item, str):
                compacted[key] = iri(item)
            elif key == "@type":
                compacted[key] = (
                    [iri(t) for t in item] if isinstance(item, list) else iri(item)
                )
            elif key.startswith("@"):
                compacted[key] = walk(item)
            else:
                compacted[iri(key)] = _one(walk(item))
        return compacted

    def _one(values):
        """A single value unwrapped; a plain string literal as a bare string."""
        values = [
            v["@value"] if set(v) == {"@value"} and isinstance(v["@value"], str) else v
            for v in (values if isinstance(values, list) else [values])
        ]
        return values[0] if len(values) == 1 else values

    return walk(node)


# Tables -------------------------------------------------------------------------------


def _as_text(frame):
    """Dates as ``YYYY-MM-DD`` text: what CSV readers and SQLite expect."""
    frame = frame.copy()
    for column in frame.columns:
        if str(frame[column].dtype).startswith("datetime64"):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return frame


@_register(
    "csv", ".csv", "tables", "a CSV file per table (UTF-8 with BOM)", folder=True
)
def _csv(tables, folder: Path) -> list[Path]:
    written = []
    for name, frame in tables.items():
        dest = folder / f"{name}.csv"
        written += _atomic(
            dest,
            lambda path, frame=frame: _as_text(frame).to_csv(
                path, index=False, encoding="utf-8-sig"
            ),
        )
    return written


@_register("parquet", ".parquet", "tables", "a Parquet file per table", folder=True)
def _parquet(tables, folder: Path) -> list[Path]:
    _need("pyarrow", "parquet")
    written = []
    for name, frame in tables.items():
        dest = folder / f"{name}.parquet"
        written += _atomic(
            dest, lambda path, frame=frame: frame.to_parquet(path, index=False)
        )
    return written


@_register("xlsx", ".xlsx", "tables", "one Excel workbook, a sheet per table")
def _xlsx(tables, dest: Path) -> list[Path]:
    _need("openpyxl", "xlsx")
    import pandas as pd

    def to(path: Path) -> None:
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for name, frame in tables.items():
                _as_text(frame).to_excel(book, sheet_name=name, index=False)

    return _atomic(dest, to)


#: Columns indexed in the SQLite tables (where present): what one facets on.
_INDEXED = ("source", "meeting", "person", "body", "law", "date", "status", "action")


@_register("sqlite", ".sqlite", "tables", "one SQLite database, a table per query")
def _sqlite(tables, dest: Path) -> list[Path]:
    def to(path: Path) -> None:
        path.unlink(missing_ok=True)
        with sqlite3.connect(path) as db:
            for name, frame in tables.items():
                _as_text(frame).to_sql(name, db, index=False)
                for column in frame.columns:
                    if column in _INDEXED:
                        db.execute(
                            f'CREATE INDEX "{name}_{column}" ON "{name}" ("{column}")'
                        )
        db.close()

    return _atomic(dest, to)


def _need(module: str, fmt: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise GongbaoError(
            f"{fmt}: needs {module}; install it with: pip install 'gongbao[tables]'"
        )

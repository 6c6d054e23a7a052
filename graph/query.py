"""Run SPARQL on a built store and print the answers.

A query is named by a file (``ontology/queries/attendance.rq``), by the name of
a bundled query (``attendance``) or given as SPARQL text. Answers come back as a
:class:`QueryResult`: column names and one ``dict`` per row, values as plain
strings (IRIs as their IRI, literals as their lexical form, ``None`` when unbound).
The default graph is the union of the named graphs, as on ``gongbao serve``, and
the prefixes gongbao knows need no ``PREFIX`` line.

>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("https://e.org/a"),
...     pyoxigraph.NamedNode("https://e.org/name"), pyoxigraph.Literal("王丽"),
...     pyoxigraph.NamedNode("https://e.org/g")))
>>> result = run_query(store, "SELECT ?s ?n WHERE { GRAPH ?g { ?s ?p ?n } }")
>>> result.rows
[{'s': 'https://e.org/a', 'n': '王丽'}]
>>> print(format_result(result, "csv"))
s,n
https://e.org/a,王丽
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyoxigraph

from .. import ontology
from ..errors import GongbaoError, InputError
from ..ontology.prefixes import PREFIXES

__all__ = [
    "QUERIES",
    "QUERIES_DIR",
    "QueryResult",
    "TermAnswer",
    "answer_terms",
    "available_queries",
    "format_result",
    "load_query",
    "order_by",
    "run_query",
    "select_clause",
    "with_prefixes",
    "without_comments",
]

#: The competency queries: one row per fact per document, with provenance columns.
QUERIES = ("attendance", "meetings", "reports", "appointments", "laws", "reviewed")

#: Where the bundled ``.rq`` files live.
QUERIES_DIR = Path(ontology.__file__).resolve().parent / "queries"

_SPARQL_WORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")
# A query's closing ORDER BY of plain (ascending) variables, nothing after it.
_ORDER_TAIL = re.compile(r"\bORDER\s+BY((?:\s+\?\w+)+)\s*$", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
# What the outermost SELECT shows (after DISTINCT or REDUCED): up to its WHERE
# or its group's brace.
_SELECT_CLAUSE = re.compile(
    r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(.*?)(?:\bWHERE\b|\{)",
    re.IGNORECASE | re.DOTALL,
)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = frozenset(
    _XSD + name
    for name in (
        "integer decimal double float int long short byte nonNegativeInteger "
        "positiveInteger negativeInteger nonPositiveInteger unsignedLong "
        "unsignedInt unsignedShort unsignedByte"
    ).split()
)


@dataclass(slots=True)
class QueryResult:
    """Column names and rows (``None`` for unbound values)."""

    columns: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)


def available_queries() -> dict[str, Path]:
    """Bundled queries by name."""
    return {path.stem: path for path in sorted(QUERIES_DIR.glob("*.rq"))}


def load_query(query: str | Path) -> str:
    """The SPARQL text of a .rq file, of a bundled query's name, or ``query`` itself."""
    text = str(query).strip()
    if text.upper().startswith(_SPARQL_WORDS) or "{" in text:
        return text
    path = Path(text)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise InputError(path, "no such query file")
        return _query_text(path)
    bundled = available_queries()
    if text in bundled:
        return bundled[text].read_text(encoding="utf-8")
    names = ", ".join(bundled) or "none"
    raise GongbaoError(
        f"{text}: not a .rq file, SPARQL text or bundled query (bundled: {names})"
    )


def _query_text(path: Path) -> str:
    """A query file's text: UTF-8 (a byte-order mark is dropped), at most 1 MB."""
    from ..extract.files import read_bytes

    raw = read_bytes(path, max_bytes=1 << 20, fix="a query is a short text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            str(path),
            f"is not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})",
            "save the query file as UTF-8",
        ) from err


def run_query(
    store: pyoxigraph.Store, sparql: str, *, shared: dict[str, str] | None = None
) -> QueryResult:
    """Run a SELECT (or ASK) query; CONSTRUCT answers come back as s, p, o rows.

    Values are plain strings (:func:`answer_terms` has the RDF terms). With
    ``shared``, equal values are one string object across every answer given
    the same dict (the same person, meeting, document and label recur in
    thousands of rows: the views' rows of a large corpus in far less memory).
    """
    answer = _answer(store, sparql)
    if answer.boolean is not None:
        return QueryResult(
            ["answer"], [{"answer": "true" if answer.boolean else "false"}]
        )
    one = (lambda text: text) if shared is None else _sharing(shared)
    return QueryResult(
        answer.columns,
        [
            {
                name: one(_plain(term))
                for name, term in zip(answer.columns, terms, strict=True)
            }
            for terms in answer.rows  # converted as the store answers, unless sorted
        ],
    )


def _sharing(shared: dict[str, str]):
    def one(text):
        return text if text is None else shared.setdefault(text, text)

    return one


class TermAnswer(NamedTuple):
    """A query's answer as RDF terms: columns and rows, or an ASK's boolean."""

    columns: list[str]
    rows: Iterable[list]  # terms, ``None`` when unbound; a list from answer_terms
    boolean: bool | None = None  # an ASK's answer (no columns, no rows)


def answer_terms(store: pyoxigraph.Store, sparql: str) -> TermAnswer:
    """The answer of ``sparql`` as RDF terms (CONSTRUCT: subject, predicate, object).

    The default graph is the union of the named graphs. A SELECT that ends
    with ``ORDER BY`` plain variables is evaluated without it and its rows
    sorted here (:func:`order_by`): Oxigraph reads a term's text from the store
    at every comparison of its sort, which took 14 of the 34 s of ``timeline``
    on 10 M quads.
    """
    answer = _answer(store, sparql)
    return answer._replace(rows=list(answer.rows))


def _answer(store: pyoxigraph.Store, sparql: str) -> TermAnswer:
    """:func:`answer_terms`, its rows read from the store as they are iterated.

    Unless the rows are sorted here: then they are all read first.
    """
    unsorted, keys = order_by(with_prefixes(sparql))
    try:
        answer = store.query(unsorted, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise GongbaoError(f"SPARQL syntax error: {err}") from err
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return TermAnswer([], [], bool(answer))
    if isinstance(answer, pyoxigraph.QueryTriples):
        return TermAnswer(
            ["subject", "predicate", "object"],
            ([t.subject, t.predicate, t.object] for t in answer),
        )
    columns = [v.value for v in answer.variables]
    rows = (list(s) for s in answer)  # its values in the variables' order, at once
    if keys:  # sorted as the store sorts: by the ORDER BY's variables, ties as found
        at = [columns.index(k) for k in keys]
        rows = sorted(rows, key=lambda terms: [_order_key(terms[i]) for i in at])
    return TermAnswer(columns, rows)


def order_by(sparql: str) -> tuple[str, list[str]]:
    """``sparql`` without its closing ORDER BY of plain variables, and their names.

    ``sparql`` itself and ``[]`` when it ends otherwise (DESC, an expression,
    LIMIT or OFFSET after it), or when it sorts by a variable the SELECT does
    not show (the rows could not be sorted after).

    >>> order_by("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?b ?a")
    ('SELECT ?a ?b WHERE { ?a ?p ?b } ', ['b', 'a'])
    >>> order_by("SELECT ?a WHERE { ?a ?p ?b } ORDER BY DESC(?a)")[1]
    []
    >>> order_by("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b")[1]
    []
    """
    found = _ORDER_TAIL.search(sparql)
    select = select_clause(without_comments(sparql))
    if found is None or select is None:
        return sparql, []
    keys = [v.lstrip("?") for v in found[1].split()]
    shown = select[1].strip()
    if shown != "*" and not all(re.search(rf"\?{k}\b", shown) for k in keys):
        return sparql, []
    return sparql[: found.start()], keys


def without_comments(sparql: str) -> str:
    """``sparql`` without its whole-line comments (they may name SELECT or GRAPH)."""
    return _COMMENT_LINE.sub("", sparql)


def select_clause(sparql: str) -> re.Match[str] | None:
    """Where the outermost SELECT's variables are: ``[1]`` what it shows.

    >>> select_clause("SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b }")[1]
    '?a ?b '
    """
    return _SELECT_CLAUSE.search(sparql)


def _order_key(term) -> tuple:
    """SPARQL's order of terms: unbound, blank nodes, IRIs, then literals.

    Numbers compare by value, other literals by their text (ISO dates so
    compare by date), then by language tag and datatype.
    """
    if term is None:
        return (0,)
    if isinstance(term, pyoxigraph.BlankNode):
        return (1, term.value)
    if isinstance(term, pyoxigraph.NamedNode):
        return (2, term.value)
    if not isinstance(term, pyoxigraph.Literal):  # an RDF 1.2 triple term
        return (4, str(term))
    datatype = term.datatype.value
    if datatype in _NUMERIC:
        try:
            return (3, 0, float(term.value), term.value)
        except ValueError:
            pass
    return (3, 1, term.value, term.language or "", datatype)


def with_prefixes(sparql: str) -> str:
    """``sparql`` with the known prefixes it uses but does not declare.

    >>> print(with_prefixes("SELECT ?l { gb:Person rdfs:label ?l }"))
    PREFIX gb: <https://w3id.org/gongbao/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?l { gb:Person rdfs:label ?l }
    """
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in sparql.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    head = [
        f"PREFIX {p}: <{iri}>"
        for p, iri in PREFIXES.items()
        if p not in declared and f"{p}:" in sparql
    ]
    return "\n".join([*head, sparql]) if head else sparql


def _plain(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    return term.value


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render as ``table`` (aligned for CJK), ``tsv``, ``csv`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=2)
    if fmt in ("tsv", "csv"):
        buffer = io.StringIO()
        writer = csv.writer(
            buffer,
            delimiter="\t" if fmt == "tsv" else ",",
            lineterminator="\n",
            quoting=csv.QUOTE_MINIMAL,
        )
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([_cell(row.get(c)) for c in result.columns])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise GongbaoError(f"{fmt}: unknown format (table, tsv, csv, json)")
    return _table(result)


def _cell(value: str | None) -> str:
    return "" if value is None else " ".join(value.split())


def _width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(result: QueryResult) -> str:
    cells = [[_cell(row.get(c)) for c in result.columns] for row in result.rows]
    widths = [
        max([_width(c)] + [_width(line[i]) for line in cells])
        for i, c in enumerate(result.columns)
    ]

    def line(values: list[str]) -> str:
        return "  ".join(
            v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(result.columns), line(["-" * w for w in widths])]
    out += [line(values) for values in cells]
    out.append(f"({len(cells)} rows)")
    return "\n".join(out)

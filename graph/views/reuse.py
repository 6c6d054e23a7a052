"""What the views keep from one build to the next, to redraw only what changed.

Every view query reads one named graph at a time (its patterns sit inside
``GRAPH ?g { ... }``), so its rows are the union of each graph's rows. A build
records, in its cache folder (:data:`RECORD`, an SQLite file), each graph's
digest (of its quads in ``graph.nq``, after the corpus pass of resolution
rewrote them), each query's rows by graph, which rows name which entity
(:func:`graph.views.model.row_keys`), each entity's label and page URL, and
each page's title and digest (of the data the page is drawn from). The next
build runs the queries only for the graphs whose digest changed (``GRAPH
<graph>`` in place of ``GRAPH ?g``), replaces those graphs' rows, and draws only
the pages that can have changed (:mod:`graph.views`). Rows are put in one total
order (:func:`ordered`) whichever way they were read, so a rebuild gives the
same pages as a fresh build. A record made by other views code is not used.

The record is updated where it is: the next build takes the last build's file
(moved into its own cache folder, or copied when other links to it exist), so
keeping it costs nothing per unchanged graph. A build that fails after taking
it leaves the last build without a record: its next rebuild draws every page.

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
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from ..incremental import VIEWS_RECORD
from ..query import order_by, select_clause, without_comments

__all__ = [
    "RECORD",
    "Record",
    "is_scopable",
    "open_record",
    "ordered",
    "read_record",
    "scoped",
]

#: The views' record in a build's cache folder.
RECORD = VIEWS_RECORD
_GRAPH = re.compile(r"\bGRAPH\s+\?g\s*\{", re.I)
_ANY_GRAPH = re.compile(r"\bGRAPH\b", re.I)
#: Keys per ``IN (...)`` list (SQLite allows 32,766 parameters).
_CHUNK = 900
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE graphs (graph TEXT PRIMARY KEY, digest TEXT) WITHOUT ROWID;
CREATE TABLE rows (id INTEGER PRIMARY KEY, graph TEXT, query TEXT, data TEXT);
CREATE INDEX rows_by_graph ON rows (graph);
CREATE INDEX rows_by_query ON rows (query);
CREATE TABLE refs (key TEXT, row INTEGER, PRIMARY KEY (key, row)) WITHOUT ROWID;
CREATE TABLE keys (key TEXT PRIMARY KEY, label TEXT, url TEXT) WITHOUT ROWID;
CREATE TABLE pages (name TEXT PRIMARY KEY, kind TEXT, title TEXT, digest TEXT)
    WITHOUT ROWID;
CREATE TABLE search (title TEXT PRIMARY KEY, keys TEXT) WITHOUT ROWID;
CREATE TABLE posts (post TEXT, person_id TEXT, person TEXT,
    PRIMARY KEY (person_id, post)) WITHOUT ROWID;
"""


class Record:
    """One build's views record: an SQLite file, read and updated by difference.

    Rows are kept as JSON objects; ``refs`` says which rows name which key
    (an entity's IRI, :func:`graph.views.model.row_keys`); ``keys`` holds each
    named key's label and page URL (``NULL`` when it has none); ``pages`` each
    page's kind, title and digest; ``posts`` the index's posts with their
    holders (:func:`graph.views.model.first_posts`).
    """

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path, self.db = Path(path), db

    # Whole tables ------------------------------------------------------------

    @property
    def code(self) -> str | None:
        """The views code version that wrote the record."""
        return self.meta("code")

    def meta(self, name: str) -> str | None:
        """A named value kept with the record (``None`` if not set)."""
        found = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,))
        row = found.fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        """Keep a named value with the record."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    @property
    def graphs(self) -> dict[str, str]:
        """Graph -> its digest, for the graphs whose rows the record holds."""
        return dict(self.db.execute("SELECT graph, digest FROM graphs"))

    @property
    def rows(self) -> dict[str, dict[str, list[dict]]]:
        """Query -> graph -> its rows (the whole record: for tests and tools)."""
        found: dict[str, dict[str, list[dict]]] = {}
        for graph, query, data in self.db.execute(
            "SELECT graph, query, data FROM rows ORDER BY id"
        ):
            found.setdefault(query, {}).setdefault(graph, []).append(json.loads(data))
        return found

    @property
    def pages(self) -> dict[str, str]:
        """Page file -> its digest."""
        return dict(self.db.execute("SELECT name, digest FROM pages"))

    def entries(self) -> list[tuple[str, str, str]]:
        """Every page's (file name, title, kind), by name."""
        return list(
            self.db.execute("SELECT name, title, kind FROM pages ORDER BY name")
        )

    def search(self, titles: Iterable[str] | None = None) -> dict[str, str]:
        """Title -> its search keys (of ``titles`` only, when given)."""
        if titles is None:
            return dict(self.db.execute("SELECT title, keys FROM search"))
        return dict(self._select("SELECT title, keys FROM search", "title", titles))

    # Rows by graph -------------------------------------------------------------

    def graph_rows(self, graphs: Iterable[str]) -> list[tuple[int, str, dict]]:
        """(row id, query, row) of ``graphs``."""
        found = self._select("SELECT id, query, data FROM rows", "graph", graphs)
        return [(i, q, json.loads(d)) for i, q, d in found]

    def query_rows(self, query: str) -> list[dict]:
        """Every row of ``query``, in no particular order."""
        found = self.db.execute("SELECT data FROM rows WHERE query = ?", (query,))
        return [json.loads(d) for (d,) in found]

    def rows_naming(self, keys: Iterable[str]) -> dict[int, tuple[str, dict]]:
        """Row id -> (query, row) of every row naming one of ``keys``."""
        found = self._select(
            "SELECT r.id, r.query, r.data FROM refs f JOIN rows r ON r.id = f.row",
            "f.key",
            keys,
        )
        return {i: (q, json.loads(d)) for i, q, d in found}

    def remove_graphs(
        self, graphs: Iterable[str], refs: Iterable[tuple[str, int]]
    ) -> None:
        """Drop the rows of ``graphs`` and their ``refs`` ((key, row id))."""
        graphs = list(graphs)
        self.db.executemany("DELETE FROM refs WHERE key = ? AND row = ?", list(refs))
        for chunk in _chunks(graphs):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM rows WHERE graph IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM graphs WHERE graph IN ({marks})", chunk)

    def add_rows(
        self,
        by_query: dict[str, dict[str, list[dict]]],
        digests: dict[str, str],
        keys_of: Callable[[dict], Iterable[str]],
    ) -> None:
        """Add each query's rows by graph, what they name, and the graphs' digests.

        Streamed (two passes numbering the rows alike): never all rows as text.
        """
        found = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM rows")
        (start,) = found.fetchone()

        def numbered():
            row_id = start
            for query, by_graph in by_query.items():
                for graph, rows in by_graph.items():
                    for r in rows:
                        yield row_id, graph, query, r
                        row_id += 1

        self.db.executemany(
            "INSERT INTO rows VALUES (?, ?, ?, ?)",
            ((i, g, q, json.dumps(r, ensure_ascii=False)) for i, g, q, r in numbered()),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO refs VALUES (?, ?)",
            ((key, i) for i, _, _, r in numbered() for key in keys_of(r)),
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO graphs VALUES (?, ?)", list(digests.items())
        )

    # Keys and pages ------------------------------------------------------------

    def keys(self, keys: Iterable[str] | None = None) -> dict[str, tuple]:
        """Key -> (label, URL) (of ``keys`` only, when given)."""
        sql = "SELECT key, label, url FROM keys"
        found = self.db.execute(sql) if keys is None else self._select(sql, "key", keys)
        return {k: (label, url) for k, label, url in found}

    def set_keys(self, keys: dict[str, tuple]) -> None:
        """Set each key's (label, URL); a key named by no row is dropped."""
        self.db.executemany(
            "DELETE FROM keys WHERE key = ?",
            [(k,) for k, v in keys.items() if v == (None, None)],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO keys VALUES (?, ?, ?)",
            [(k, *v) for k, v in keys.items() if v != (None, None)],
        )

    def set_pages(self, pages: dict[str, tuple], gone: Iterable[str] = ()) -> None:
        """Set pages' (kind, title, digest); drop the pages ``gone``."""
        self.db.executemany("DELETE FROM pages WHERE name = ?", [(n,) for n in gone])
        self.db.executemany(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)",
            [(n, *v) for n, v in pages.items()],
        )

    def set_search(self, search: dict[str, str]) -> None:
        """Keep the search keys of exactly these titles."""
        self.db.execute("DELETE FROM search")
        self.db.executemany("INSERT INTO search VALUES (?, ?)", search.items())

    def posts(self) -> dict[tuple[str, str], str]:
        """(post, person IRI) -> the holder's name (the index's posts)."""
        found = self.db.execute("SELECT post, person_id, person FROM posts")
        return {(post, person_id): person for post, person_id, person in found}

    def set_posts(
        self, people: Iterable[str], posts: dict[tuple[str, str], str]
    ) -> None:
        """Replace the posts of ``people`` (person IRIs) by those of ``posts``."""
        self.db.executemany(
            "DELETE FROM posts WHERE person_id = ?", [(p,) for p in people]
        )
        self.db.executemany(
            "INSERT INTO posts VALUES (?, ?, ?)",
            [(post, person_id, person) for (post, person_id), person in posts.items()],
        )

    def close(self, commit: bool = True) -> None:
        """Commit (unless told not to) and close the file."""
        if commit:
            self.db.commit()
        self.db.close()

    def _select(self, sql: str, column: str, values: Iterable[str]):
        values = sorted(set(values))
        for chunk in _chunks(values):
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"{sql} WHERE {column} IN ({marks})", chunk)


def _chunks(values: list) -> Iterable[list]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level="DEFERRED")
    db.execute("PRAGMA journal_mode = OFF")  # a failed build's record is dropped
    db.execute("PRAGMA synchronous = OFF")
    return db


def read_record(path: Path) -> Record | None:
    """The record at ``path``, open; ``None`` if there is none or it is not one."""
    path = Path(path)
    if not path.is_file():
        return None
    db = None
    try:
        db = _connect(path)
        record = Record(path, db)
        if not isinstance(record.code, str):
            raise sqlite3.DatabaseError("no code version")
        return record
    except sqlite3.Error:
        if db is not None:
            db.close()
        return None  # not a record this code wrote: the views are drawn whole


def open_record(path: Path, last: Path | None, code: str) -> tuple[Record, bool]:
    """The record to write at ``path``; whether it holds the last build's.

    The last build's record (``last``), when it was made by the same ``code``,
    is moved to ``path`` (copied if other links to it exist) and updated there;
    otherwise ``path`` starts empty.
    """
    path = Path(path)
    path.unlink(missing_ok=True)
    if last is not None and Path(last).is_file():
        old = read_record(last)
        if old is not None:
            same = old.code == code
            old.close(commit=False)
            if same:
                try:
                    if Path(last).stat().st_nlink > 1:
                        raise OSError("linked")  # never changed in place
                    os.replace(last, path)
                except OSError:  # linked, or on another file system
                    shutil.copyfile(last, path)
                record = read_record(path)
                if record is not None:
                    return record, True
                path.unlink(missing_ok=True)
    db = _connect(path)
    db.executescript(_SCHEMA)
    record = Record(path, db)
    record.set_meta("code", code)
    return record, False


def is_scopable(sparql: str) -> bool:
    """Whether every graph pattern of ``sparql`` is a ``GRAPH ?g`` block."""
    sparql = without_comments(sparql)
    graphs = len(_ANY_GRAPH.findall(sparql))
    return graphs > 0 and graphs == len(_GRAPH.findall(sparql))


def scoped(sparql: str, graph: str | None = None) -> str:
    """``sparql`` answering ``?g`` too; or, given a ``graph``, only that graph's rows.

    A graph's rows come from ``GRAPH <graph>`` in place of ``GRAPH ?g`` (a
    constant graph lets the store read that graph only; ``VALUES ?g`` did not).
    Whole-line comments are dropped first (they may name SELECT or GRAPH), and
    so is the closing ORDER BY: the views sort the rows (:func:`ordered`).
    """
    sparql = order_by(without_comments(sparql))[0]
    if graph is not None:
        return _GRAPH.sub(lambda m: f"GRAPH <{graph}> {{", sparql)
    found = select_clause(sparql)
    if found is None:
        return sparql
    if found[1].lstrip().startswith("*") or re.search(r"\?g\b", found[1]):
        return sparql  # ?g is answered already
    return sparql[: found.start(1)] + "?g " + sparql[found.start(1) :]


def ordered(rows: list[dict], sparql: str) -> list[dict]:
    """Rows in one total order: the query's ORDER BY, then every other column.

    Whole numbers (offsets, counts) compare as numbers; unbound values first.
    Rows of one query share their columns, so any subset of them sorts the
    same way (a rebuild sorts only the rows a page reads).
    """
    if not rows:
        return []
    first = order_by(sparql)[1]
    columns = first + sorted(k for k in rows[0] if k not in first)
    made: dict = {}  # one sort key per value (values recur: ids, labels, dates)

    def sortable(value) -> tuple:
        found = made.get(value)
        if found is None:
            found = made[value] = _sortable(value)
        return found

    def key(row: dict) -> tuple:
        return tuple([sortable(row.get(c)) for c in columns])

    return sorted(rows, key=key)


def _sortable(value) -> tuple:
    if value is None:
        return (0, 0, "")
    if value.isdigit():
        return (1, int(value), "")
    return (2, 0, value)

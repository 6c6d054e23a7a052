"""Careers: the posts a person was seen holding, in order, with their sources.

:func:`career` answers ``gongbao person OUT NAME``: the rows of the competency
query ``timeline.rq`` for the people called ``NAME``. A name may be shared (every
county has a 王伟): :func:`people_named` lists who carries it, by jurisdiction,
and ``region`` picks one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph

from ..errors import GongbaoError
from .query import QueryResult, load_query, run_query

__all__ = ["Career", "career", "people_named"]

_PEOPLE = """
PREFIX gb:     <https://w3id.org/gongbao/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?person_id ?person ?jurisdiction ?code (COUNT(DISTINCT ?fact) AS ?facts)
WHERE {
  GRAPH ?g { ?person_id a gb:Person ; schema:name ?person . }
  OPTIONAL { GRAPH ?h { ?fact gb:person ?person_id } }
  OPTIONAL { GRAPH ?k {
    ?person_id gb:jurisdiction ?place .
    ?place schema:name ?jurisdiction .
    OPTIONAL { ?place gb:divisionCode ?code }
  } }
}
GROUP BY ?person_id ?person ?jurisdiction ?code
ORDER BY ?code ?jurisdiction ?person_id
"""


@dataclass(slots=True)
class Career:
    """The people called a name, and the timeline of the one chosen."""

    name: str
    people: list[dict] = field(default_factory=list)  # who carries the name
    timeline: QueryResult | None = None  # None while the name is ambiguous

    @property
    def ambiguous(self) -> bool:
        """Several people carry the name and none was chosen."""
        return self.timeline is None and len(self.people) > 1


def people_named(store: pyoxigraph.Store, name: str) -> list[dict]:
    """Each person called ``name``: IRI, jurisdiction, division code, fact count."""
    values = f"VALUES ?person {{ {pyoxigraph.Literal(name)} }}"  # escaped
    sparql = _PEOPLE.replace("WHERE {", f"WHERE {{ {values}", 1)
    rows: dict[str, dict] = {}
    for row in run_query(store, sparql).rows:
        known = rows.setdefault(row["person_id"], row | {"jurisdiction": []})
        if row["jurisdiction"] and row["jurisdiction"] not in known["jurisdiction"]:
            known["jurisdiction"].append(row["jurisdiction"])
    return [r | {"jurisdiction": "、".join(r["jurisdiction"])} for r in rows.values()]


def career(store: pyoxigraph.Store, name: str, *, region: str = "") -> Career:
    """The career of the person called ``name`` (in ``region``, when given).

    ``region`` is matched against the jurisdiction's name or division code
    ("绿园区", "220106"). Without it, a name several people carry gives the list
    of them (:attr:`Career.ambiguous`) and no timeline.
    """
    people = people_named(store, name)
    if region:
        people = [
            p
            for p in people
            if region in (p["jurisdiction"] or "") or region == (p["code"] or "")
        ]
    found = Career(name, people)
    if not people:
        where = f" in {region}" if region else ""
        raise GongbaoError(
            f"nobody called {name}{where} in this graph; "
            "check the name's characters (simplified) or drop --region"
        )
    if len(people) > 1:
        return found
    chosen = f"VALUES ?person_id {{ {pyoxigraph.NamedNode(people[0]['person_id'])} }}"
    # inside the graph block, where the planner starts from it (timeline.rq)
    sparql = load_query("timeline").replace("GRAPH ?g {", f"GRAPH ?g {{ {chosen}", 1)
    found.timeline = run_query(store, sparql)
    return found

"""Validate built graphs against gongbao's SHACL shapes (``ontology/shapes.ttl``).

Each document's named graph is validated on its own with pySHACL: assembly makes
every graph self-contained (it types and names each node it mentions), and
validating graph by graph keeps memory flat however large the corpus.

>>> from rdflib import Graph
>>> ttl = '''@prefix gb: <https://w3id.org/gongbao/ontology#> .
... <https://e.org/d> a gb:Document ; gb:fileName "a.txt" ; gb:characters 3 .'''
>>> validate_graph(Graph().parse(data=ttl, format="turtle")).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from ..errors import InputError
from ..ontology.prefixes import SH
from .store import SHAPES_FILE, VOCABULARY_GRAPHS, open_build

__all__ = [
    "SHAPES_FILE",
    "ValidationResult",
    "Violation",
    "validate_dir",
    "validate_graph",
]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, in words."""

    graph: str
    focus: str
    path: str
    shape: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.message}{value} [{self.shape}]"


@dataclass(slots=True)
class ValidationResult:
    """Whether every graph conforms, and the violations found."""

    graphs: int = 0
    triples: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no graph has a violation."""
        return not self.violations

    @property
    def text(self) -> str:
        """A readable report: a summary line, then violations grouped by graph."""
        head = f"{self.graphs} graph(s), {self.triples} triples: " + (
            "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        )
        lines = [head]
        current = None
        for v in self.violations:
            if v.graph != current:
                current = v.graph
                lines.append(f"in {v.graph}:")
            lines.append(f"  - {v}")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate_graph(graph: Graph, *, name: str = "") -> ValidationResult:
    """Validate one graph against the shapes."""
    from pyshacl import validate

    conforms, report, _ = validate(
        graph, shacl_graph=_shapes(), inference="none", advanced=True
    )
    result = ValidationResult(graphs=1, triples=len(graph))
    if not conforms:
        result.violations = _violations(report, name)
    return result


def _violations(report: Graph, name: str) -> list[Violation]:
    found = []
    for node in report.subjects(SH.resultSeverity, SH.Violation):

        def one(prop, node=node):
            value = report.value(node, prop)
            return "" if value is None else str(value)

        shape = one(SH.sourceConstraintComponent).rsplit("#", 1)[-1]
        shape_name = _shape_name(report.value(node, SH.sourceShape))
        found.append(
            Violation(
                graph=name,
                focus=one(SH.focusNode),
                path=one(SH.resultPath),
                shape=f"{shape_name} {shape}".strip(),
                message=one(SH.resultMessage),
                value=one(SH.value),
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))


def _shape_name(source_shape) -> str:
    """The named node shape a (possibly blank) property shape belongs to."""
    if source_shape is None:
        return ""
    parent = next(_shapes().subjects(SH.property, source_shape), source_shape)
    return str(parent).rsplit("#", 1)[-1]


def validate_dir(out: Path) -> ValidationResult:
    """Validate every named graph of the store built in ``out``."""
    store = open_build(out)
    total = ValidationResult()
    graphs = sorted(
        (g for g in store.named_graphs() if g.value not in VOCABULARY_GRAPHS),
        key=lambda g: g.value,
    )
    if not graphs:
        raise InputError(out, "the store holds no named graph")
    for name in graphs:
        data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=name)
        graph = Graph().parse(data=data.decode("utf-8"), format="nt")
        one = validate_graph(graph, name=name.value)
        total.graphs += 1
        total.triples += one.triples
        total.violations.extend(one.violations)
    return total

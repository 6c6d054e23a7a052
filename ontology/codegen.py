"""Generate :mod:`ontology.namespace` from ``gongbao.ttl``.

Python code names ontology terms through a ``DefinedNamespace`` with
``_fail = True``, so a typo is an error, not a new IRI. The class is generated from
the ontology file so the two cannot drift; a test checks they agree. Regenerate
after editing the ontology::

    python -m gongbao.ontology.codegen
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, Graph, URIRef

__all__ = ["NAMESPACE", "ONTOLOGY_FILE", "render_namespace", "terms"]

#: The ontology's namespace.
NAMESPACE = "https://w3id.org/gongbao/ontology#"

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "gongbao.ttl"
MODULE_FILE = HERE / "namespace.py"

_HEADER = '''"""The gongbao ontology's terms as an rdflib ``DefinedNamespace``.

Generated from ``gongbao.ttl`` by ``python -m gongbao.ontology.codegen``; do not edit.

>>> str(GB.Attendance)
'https://w3id.org/gongbao/ontology#Attendance'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["GB"]


class GB(DefinedNamespace):
    """Terms of the gongbao ontology (``gb:``)."""

    _fail = True
    _NS = Namespace("{ns}")

'''


def terms(graph: Graph | None = None) -> dict[str, str]:
    """Local name -> English label of every term the ontology defines."""
    if graph is None:
        graph = Graph().parse(ONTOLOGY_FILE, format="turtle")
    found = {}
    for subject in set(graph.subjects()):
        if isinstance(subject, URIRef) and str(subject).startswith(NAMESPACE):
            name = str(subject)[len(NAMESPACE) :]
            labels = [
                str(label)
                for label in graph.objects(subject, RDFS.label)
                if getattr(label, "language", None) == "en"
            ]
            found[name] = labels[0] if labels else ""
    return dict(sorted(found.items(), key=lambda kv: (kv[0][0].islower(), kv[0])))


def render_namespace(graph: Graph | None = None) -> str:
    """The source text of ``ontology/namespace.py``."""
    lines = [_HEADER.replace("{ns}", NAMESPACE)]
    for name, label in terms(graph).items():
        lines.append(f"    {name}: URIRef  # {label}\n")
    return "".join(lines)


if __name__ == "__main__":
    MODULE_FILE.write_text(render_namespace(), encoding="utf-8")
    print(f"wrote {MODULE_FILE}")

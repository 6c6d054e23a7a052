"""gongbao: knowledge graphs from Chinese local-government bulletins.

The import package gathers the three folders of the source tree under one name:
``gongbao.extract`` (reading documents into facts), ``gongbao.graph`` (the RDF
graph, its store, views and exports) and ``gongbao.ontology`` (the vocabulary,
shapes and competency queries). The Python API (:mod:`gongbao.graph.api`) is
re-exported here::

    import gongbao
    gongbao.build(["bulletins/"], "out")
    kg = gongbao.open("out")
    kg.query("attendance")          # a pandas DataFrame
    kg.facts("appointment")         # one row per fact, alike columns for every kind
    kg.person("王丽")               # every fact about one person, by date
    kg.to_networkx()                # people, bodies, meetings, laws; facts as edges
"""

from .errors import GongbaoError, InputError
from .graph.api import FACT_KINDS, KnowledgeGraph, build, open

__all__ = [
    "FACT_KINDS",
    "GongbaoError",
    "InputError",
    "KnowledgeGraph",
    "__version__",
    "build",
    "open",
]

__version__ = "0.1.0"

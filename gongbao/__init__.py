"""gongbao: knowledge graphs from Chinese local-government bulletins.

The import package gathers the three folders of the source tree under one name:
``gongbao.extract`` (reading documents into facts), ``gongbao.graph`` (the RDF
graph, its store, views and exports) and ``gongbao.ontology`` (the vocabulary,
shapes and competency queries).
"""

__version__ = "0.1.0"

"""Export a built store to a standard RDF file.

N-Quads, TriG and JSON-LD keep one named graph per document; Turtle, N-Triples
and RDF/XML hold the union of all documents (each fact still names its
source through ``prov:wasDerivedFrom``).

>>> sorted(FORMATS)
['jsonld', 'nquads', 'ntriples', 'rdfxml', 'trig', 'turtle']
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from ..extract.errors import GongbaoError

__all__ = ["FORMATS", "PREFIXES", "export"]

#: Export format name -> Oxigraph serialisation.
FORMATS = {
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}

#: Prefixes written into Turtle and TriG.
PREFIXES = {
    "gb": "https://w3id.org/gongbao/ontology#",
    "id": "https://w3id.org/gongbao/id/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def export(store_path: Path, fmt: str, dest: Path) -> Path:
    """Write the store at ``store_path`` to ``dest`` in ``fmt``; returns ``dest``."""
    from .store import open_store

    if fmt not in FORMATS:
        raise GongbaoError(f"{fmt}: unknown export format ({', '.join(FORMATS)})")
    rdf_format = FORMATS[fmt]
    store = open_store(store_path)
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.partial")
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    with partial.open("wb") as out:
        if rdf_format.supports_datasets:
            store.dump(out, rdf_format, prefixes=prefixes)
        else:
            triples = store.query(_UNION)
            pyoxigraph.serialize(triples, out, rdf_format, prefixes=prefixes)
    partial.replace(dest)
    return dest

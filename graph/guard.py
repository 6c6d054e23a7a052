r"""What the SPARQL front refuses before a request reaches Oxigraph.

Pure functions over a request's method, path, headers and body, so they are
tested without a server; :mod:`graph.serve` applies them.

- :func:`sparql_texts`: the SPARQL a request carries (``query=`` or ``update=``
  in the URL or a form body, or a ``application/sparql-query`` body);
- :func:`uses_service`: a federated query (``SERVICE <url>``) would make the
  server fetch any URL for anyone who can reach it (SSRF). The check is
  deliberately blunt: the keyword anywhere outside a variable or prefixed name,
  after SPARQL's ``\uXXXX`` escapes are undone, even inside a string, is
  refused; ``gongbao serve --allow-service`` turns it off.

>>> uses_service("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
True
>>> uses_service("SELECT ?service { ?service ex:service ?o }")
False
>>> uses_service(r"SELECT * { \u0053ERVICE <http://x/> { ?s ?p ?o } }")
True
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "FORM",
    "SPARQL_QUERY",
    "SPARQL_UPDATE",
    "service_refusal",
    "sparql_texts",
    "uses_service",
]

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.I)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def sparql_texts(path: str, content_type: str | None, body: bytes | None) -> list[str]:
    """Every query or update text in a request (URL parameters and body).

    >>> sparql_texts("/query?query=ASK%7B%7D", None, None)
    ['ASK{}']
    >>> sparql_texts("/query", "application/sparql-query", "ASK {}".encode())
    ['ASK {}']
    """
    texts = []
    params = parse_qs(urlsplit(path).query, keep_blank_values=True)
    texts += params.get("query", []) + params.get("update", [])
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if body:
        text = body.decode("utf-8", "replace")
        if kind == FORM:
            form = parse_qs(text, keep_blank_values=True)
            texts += form.get("query", []) + form.get("update", [])
        elif kind in (SPARQL_QUERY, SPARQL_UPDATE):
            texts.append(text)
        else:  # an unknown body is checked as it is: no way round the check
            texts.append(text)
    return texts


def _unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        code = int(match[1] or match[2], 16)
        return chr(code) if code <= 0x10FFFF else match[0]

    return _ESCAPE.sub(one, text)


def uses_service(text: str) -> bool:
    """True when the SPARQL text holds the ``SERVICE`` keyword (see above)."""
    return bool(_SERVICE.search(_unescape(text)))


def service_refusal(
    path: str, content_type: str | None, body: bytes | None
) -> str | None:
    """Why a request is refused as federated, or ``None`` when it is not."""
    if any(uses_service(text) for text in sparql_texts(path, content_type, body)):
        return (
            "federated queries (SERVICE) are refused: they make this server fetch "
            "any URL for whoever can reach it; start it with "
            "`gongbao serve --allow-service` to allow them"
        )
    return None

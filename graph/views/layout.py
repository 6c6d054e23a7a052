"""Positions computed in Python, so the browser does no physics.

A page with physics on must simulate before it settles; in headless Chromium a
5,000-node page did not finish within 300 s, while 500 nodes did. So pages are
capped at :data:`MAX_NODES` (the most connected nodes kept, the rest counted and
reported on the page), laid out once with networkx, and drawn with physics off.

>>> nodes = [{"id": i} for i in range(5)]
>>> edges = [{"from": 0, "to": i} for i in range(1, 5)]
>>> kept, links, omitted = cap(nodes, edges, limit=3)
>>> len(kept), omitted, all(e["from"] in {n["id"] for n in kept} for e in links)
(3, 2, True)
>>> place(kept, links)
>>> all(isinstance(n["x"], float) for n in kept)
True
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["MAX_NODES", "cap", "place"]

#: Most nodes drawn on one page (measured to render in seconds, see README).
MAX_NODES = 400
_SCALE = 60.0  # pixels per unit of layout, times sqrt(n)


def cap(
    nodes: list[dict], edges: list[dict], limit: int = MAX_NODES
) -> tuple[list[dict], list[dict], int]:
    """Keep the first node (the page's subject) and the best-connected others."""
    if len(nodes) <= limit:
        return nodes, edges, 0
    degree: dict = {}
    for edge in edges:
        degree[edge["from"]] = degree.get(edge["from"], 0) + 1
        degree[edge["to"]] = degree.get(edge["to"], 0) + 1
    head, rest = nodes[0], nodes[1:]
    rest = sorted(rest, key=lambda n: -degree.get(n["id"], 0))[: limit - 1]
    kept = [head, *rest]
    ids = {n["id"] for n in kept}
    links = [e for e in edges if e["from"] in ids and e["to"] in ids]
    return kept, links, len(nodes) - len(kept)


def place(nodes: list[dict], edges: list[dict]) -> None:
    """Give every node fixed ``x``/``y`` coordinates (deterministic)."""
    if not nodes:
        return
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((e["from"], e["to"]) for e in edges)
    if len(nodes) == 1:
        positions = {nodes[0]["id"]: (0.0, 0.0)}
    else:  # Fruchterman-Reingold on numpy: no scipy below 500 nodes
        positions = nx.spring_layout(graph, seed=7, iterations=60)
    scale = _SCALE * math.sqrt(len(nodes)) * 2
    for node in nodes:
        x, y = positions[node["id"]]
        node["x"], node["y"] = float(round(x * scale, 1)), float(round(y * scale, 1))

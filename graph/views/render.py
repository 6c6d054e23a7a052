"""Write pages as self-contained, offline HTML.

The network is held in a pyvis ``Network`` (nodes and edges filled directly:
``add_node`` scans every node on each call) with physics off, and drawn by the
vis-network library that pyvis ships, copied next to the pages: no CDN, no
Bootstrap, nothing fetched. Pages come from a Jinja template with autoescaping
on; the network's data goes into the page through ``tojson`` (which escapes
``<``, ``>``, ``&`` and quotes), and every tooltip is turned into a DOM element
whose ``textContent`` is the text, so a name like ``<img src=x onerror=…>`` is
shown, never run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pyvis
from pyvis.network import Network

from .layout import cap, place
from .model import GROUPS, Page

__all__ = ["ASSETS", "VIS_DIR", "write_pages"]

#: Where pyvis keeps the vis-network build it was made for.
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
#: Files copied next to the pages.
ASSETS = ("vis-network.min.js", "vis-network.css")
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_FONTS = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _options() -> dict:
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "nodes": {"font": {"face": _FONTS, "size": 14}, "borderWidth": 1},
        "edges": {
            "font": {"face": _FONTS, "size": 10, "align": "middle"},
            "smooth": False,
        },
        "groups": {
            name: {"color": g["color"], "shape": g["shape"]}
            for name, g in GROUPS.items()
        },
    }


def _network(page: Page) -> tuple[list[dict], list[dict], dict, int]:
    """Nodes, edges and options of a page, capped and laid out, through pyvis."""
    nodes, edges, omitted = cap(page.nodes, page.edges)
    place(nodes, edges)
    net = Network(height="640px", width="100%", directed=True, cdn_resources="local")
    net.nodes = nodes  # filled directly: add_node is quadratic
    net.edges = edges
    net.options = _options()
    nodes, edges, _, _, _, options = net.get_network_data()
    return nodes, edges, json.loads(options), omitted


def write_pages(pages: list[Page], out: Path) -> list[Path]:
    """Write ``pages`` and their assets into ``out``; the page paths."""
    out.mkdir(parents=True, exist_ok=True)
    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(VIS_DIR / name, assets / name)
    env = _environment()
    template = env.get_template("page.html")
    written = []
    for page in pages:
        nodes, edges, options, omitted = _network(page)
        groups = sorted({n["group"] for n in nodes}, key=list(GROUPS).index)
        html = template.render(
            page=page,
            nodes=nodes,
            edges=edges,
            options=options,
            omitted=page.omitted + omitted,
            legend=[(g, GROUPS[g]) for g in groups],
            fonts=_FONTS,
        )
        path = out / page.name
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written

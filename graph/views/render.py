"""Write pages as self-contained, offline HTML (and their charts as SVG files).

The network's nodes and edges are plain dicts with physics off and positions
from :mod:`graph.views.layout` (the options are the same for every page and made
once), drawn by the vis-network library that pyvis ships, copied next to the
pages: no CDN, nothing fetched. The page opens at a zoom at
which every label is at least :data:`MIN_LABEL_PX` pixels tall. Pages come from
a Jinja template with autoescaping on; the network's data goes in through
``tojson`` and every tooltip becomes a DOM element whose ``textContent`` is the
text, so a name like ``<img src=x onerror=…>`` is shown, never run.

A page, chart or asset whose content is what the file already holds is not
written again (so a rebuild leaves unchanged pages' times alone), and pages of
entities no longer in the graph are removed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import pyvis
from markupsafe import Markup, escape

from .charts import render as render_chart
from .layout import cap, place
from .model import SECTIONS, Page, Planned, built
from .style import FONT_SIZE, GROUPS, STATUS, legend

__all__ = [
    "ASSETS",
    "EDGE_FONT_SIZE",
    "MIN_LABEL_PX",
    "VIS_DIR",
    "PageWriter",
    "page_digest",
    "write_pages",
]

#: Where pyvis keeps the vis-network build it was made for.
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
#: Files copied next to the pages.
ASSETS = ("vis-network.min.js", "vis-network.css")
#: Smallest label on screen at the initial view, in CSS pixels.
MIN_LABEL_PX = 12
#: Edge labels, in pixels at zoom 1 (node labels: style.FONT_SIZE).
EDGE_FONT_SIZE = 14
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_FONTS = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'
_OURS = re.compile(
    r"^(?:[a-z]+-[0-9a-f]{12}|index|appointments(?:-[0-9]{4}|-undated)?)\.html$"
)
_CHART = re.compile(r"^[a-z]+-[0-9a-f]{12}-[a-z]+-[0-9a-f]{12}\.svg$")
_CHARTS_CODE = (Path(__file__).resolve().parent / "charts.py").read_bytes() + (
    _TEMPLATES / "chart.svg"
).read_bytes()


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(fact_rows=fact_rows, link_items=link_items)
    return environment


# The two loops of a page that run to tens of thousands of items (an index's
# links, a table's facts), written here rather than in the template: escaped by
# markupsafe's ``escape``, as the template's autoescaping escapes, several times
# faster than a Jinja loop.


def fact_rows(table) -> Markup:
    """A table's rows, one line per cell group, every value escaped.

    >>> from gongbao.graph.views.model import Cell, Fact, Table
    >>> print(fact_rows(Table("t", "T", ("a",), [Fact([Cell("<b>")],
    ...     {"source": "x.txt", "start": 1, "end": 2, "quote": "q"})])), end="")
      <tr class="fact">
    <td>&lt;b&gt;</td>    <td class="where">x.txt<br> [1–2]</td>
        <td class="quote"><mark>q</mark></td>
      </tr>
    """
    lines = []
    for fact in table.rows:
        r = fact.row
        cells = "".join(
            f'<td><a href="{escape(cell.url)}">{escape(cell.text)}</a></td>'
            if cell.url
            else f"<td>{escape(cell.text)}</td>"
            for cell in fact.cells
        )
        where = (
            f"{escape(r.get('source') or '')}<br>{escape(r.get('date') or '')}"
            f" [{escape(r.get('start'))}–{escape(r.get('end'))}]"
        )
        quote = (
            f"{escape(r.get('prefix') or '')}<mark>{escape(r.get('quote') or '')}"
            f"</mark>{escape(r.get('suffix') or '')}"
        )
        lines.append(
            f'  <tr class="fact">\n{cells}    <td class="where">{where}</td>\n'
            f'    <td class="quote">{quote}</td>\n  </tr>\n'
        )
    return Markup("".join(lines))


def link_items(links) -> Markup:
    """The index's list items: what a link is, its search keys and its title.

    >>> print(link_items([{"kind": "person", "keys": "a b", "name": "p.html",
    ...                    "title": "<i>"}]), end="")
        <li data-kind="person" data-keys="a b"><a href="p.html">&lt;i&gt;</a></li>
    """
    return Markup(
        "".join(
            f'    <li data-kind="{escape(link["kind"])}" data-keys='
            f'"{escape(link["keys"])}"><a href="{escape(link["name"])}">'
            f"{escape(link['title'])}</a></li>\n"
            for link in links
        )
    )


@lru_cache(maxsize=1)
def _options() -> dict:
    groups = {}
    for name, g in GROUPS.items():
        border = "#000000" if name in ("roster", "review", "body") else g["color"]
        groups[name] = {
            "shape": g["shape"],
            "color": {
                "background": g["color"],
                "border": border,
                "highlight": {"background": g["color"], "border": "#000000"},
                "hover": {"background": g["color"], "border": "#000000"},
            },
            "font": {"color": g["font"]},
            "borderWidth": g.get("border", 1),
        }
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "nodes": {
            "font": {"face": _FONTS, "size": FONT_SIZE, "multi": False},
            "borderWidth": 1,
            "shapeProperties": {"interpolation": False},
            "scaling": {"label": {"drawThreshold": 1}},
        },
        "edges": {
            "font": {
                "face": _FONTS,
                "size": EDGE_FONT_SIZE,
                "align": "horizontal",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "color": "#000000",
            },
            "smooth": False,
            "width": 1.5,
        },
        "groups": groups,
    }


def _network(page: Page) -> tuple[list[dict], list[dict], dict, int, dict]:
    """Nodes, edges, options, nodes left out and the view of a page, laid out."""
    nodes, edges, omitted = cap(page.nodes, page.edges)
    place(nodes, edges)
    data_nodes = [{k: v for k, v in n.items() if k not in ("w", "h")} for n in nodes]
    bounds = [0.0, 0.0, 0.0, 0.0]
    if nodes:
        bounds = [
            min(n["x"] - n["w"] / 2 for n in nodes),
            min(n["y"] - n["h"] / 2 for n in nodes),
            max(n["x"] + n["w"] / 2 for n in nodes),
            max(n["y"] + n["h"] / 2 for n in nodes),
        ]
    focus = next((n["id"] for n in nodes if n["id"] == page.subject), None)
    view = {
        "height": int(min(max(bounds[3] - bounds[1] + 60, 260), 760)),
        "focus": focus,
        "bounds": bounds,
        "min_scale": MIN_LABEL_PX / min(FONT_SIZE, EDGE_FONT_SIZE),
        "font_size": FONT_SIZE,
        "edge_font_size": EDGE_FONT_SIZE,
    }
    return data_nodes, edges, _options(), omitted, view


def _digest(chart: str, data: dict) -> str:
    """A chart's file name part: a hash of its data and of the code drawing it."""
    text = json.dumps([chart, data], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(_CHARTS_CODE + text.encode("utf-8")).hexdigest()[:12]


def _write(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it; whether it was written.

    A new file replaces the old one (never written in place: the old one may be
    a hard link into the last build).
    """
    data = text.encode("utf-8")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        path.write_bytes(data)  # a new file: nothing to keep
        return True
    if size == len(data) and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _copy(source: Path, target: Path) -> None:
    if not (target.is_file() and target.read_bytes() == source.read_bytes()):
        tmp = target.with_name(target.name + ".tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)


def page_digest(page: Page) -> str:
    """A digest of everything a page is drawn from (before it is laid out)."""
    data = [
        page.name,
        page.kind,
        page.title,
        page.subject,
        page.nodes,
        page.edges,
        [[t.key, t.title, t.columns, t.rows] for t in page.tables],
        page.charts,
        page.links,
        page.counts,
        page.printed,
        page.summary,
        page.omitted,
    ]
    # Pages are built in a fixed order from rows in a fixed order: no key sorting.
    text = json.dumps(data, ensure_ascii=False, check_circular=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def write_pages(
    pages: list[Page],
    out: Path,
    *,
    last: tuple[Path, dict[str, str]] | None = None,
    digests: dict[str, str] | None = None,
    keep: Collection[str] = (),
    jobs: int = 1,
    linking=None,
) -> list[Path]:
    """Write ``pages``, their charts and assets into ``out``; the page paths.

    Files whose content did not change are left as they are; pages and charts
    this build does not make are removed. With ``last`` = (the last build's
    views folder, its pages' digests) and no ``out`` yet, ``out`` starts as hard
    links to the last views and a page whose digest (:func:`page_digest`) is
    unchanged is not drawn again. ``digests``, when given, receives each page's.
    The pages named in ``keep`` (and their charts) are left as they are.
    ``jobs`` forked processes draw the pages (each page is its own files); the
    files do not depend on it. ``linking``, when the caller already started
    linking the last views into ``out`` (a :class:`~gongbao.graph.parallel.Forked`),
    is waited for instead.
    """
    writer = PageWriter(out, last=last, digests=digests, jobs=jobs, linking=linking)
    writer.write(pages)
    return writer.finish(keep)


class PageWriter:
    """:func:`write_pages` a batch of pages at a time, so no caller holds them all.

    :meth:`write` draws a batch; :meth:`finish` removes what no batch made. A
    :class:`~graph.views.model.Planned` page is built by the process drawing it
    (a worker, with ``jobs`` > 1), and let go once drawn.
    """

    def __init__(
        self,
        out: Path,
        *,
        last: tuple[Path, dict[str, str]] | None = None,
        digests: dict[str, str] | None = None,
        jobs: int = 1,
        linking=None,
    ) -> None:
        out = Path(out)
        self.drawn: dict[str, str] = {}
        if last is not None and linking is not None:
            linking.result()
            self.drawn = last[1]
        elif last is not None and Path(last[0]).is_dir() and not out.exists():
            from ..incremental import link_tree

            link_tree(last[0], out)
            self.drawn = last[1]
        out.mkdir(parents=True, exist_ok=True)
        (out / "assets").mkdir(exist_ok=True)
        (out / "charts").mkdir(exist_ok=True)
        for name in ASSETS:
            _copy(VIS_DIR / name, out / "assets" / name)
        self.out, self.jobs, self.digests = out, jobs, digests
        self.needs_digest = last is not None or digests is not None
        self.template = _environment().get_template("page.html")
        self.names: set[str] = set()
        self.charts: set[str] = set()
        self.paths: list[Path] = []

    def write(self, pages: list[Page | Planned]) -> None:
        """Draw ``pages`` (those whose digest changed) and their charts."""
        global _DRAWING
        _DRAWING = _Drawing(
            pages, self.out, self.drawn, self.needs_digest, self.template
        )
        try:
            done = _draw_all(pages, self.jobs)
        finally:
            _DRAWING = None
        if self.digests is not None:
            self.digests.update(
                (p.name, digest) for p, (digest, _) in zip(pages, done, strict=True)
            )
        self.charts.update(name for _, files in done for name in files)
        self.names.update(p.name for p in pages)
        self.paths += [self.out / p.name for p in pages]

    def finish(self, keep: Collection[str] = ()) -> list[Path]:
        """Remove the pages and charts no batch made (but those of ``keep``)."""
        names = self.names | set(keep)
        for stale in _files(self.out, ".html"):
            if _OURS.match(stale.name) and stale.name not in names:
                os.unlink(stale.path)
        for stale in _files(self.out / "charts", ".svg"):
            if _CHART.match(stale.name) and stale.name not in self.charts:
                if "-".join(stale.name.split("-")[:2]) + ".html" not in keep:
                    os.unlink(stale.path)
        return self.paths


def _files(folder: Path, suffix: str) -> list[os.DirEntry]:
    """The entries of ``folder`` named ``*suffix``.

    A scan, not a glob: no Path is made for each of the 74,000 files of a
    10,000-file build's views.
    """
    with os.scandir(folder) as entries:
        return [e for e in entries if e.name.endswith(suffix)]


@dataclass(frozen=True, slots=True)
class _Drawing:
    """What drawing a page needs besides the page: set before the workers fork."""

    pages: list[Page | Planned]
    out: Path
    drawn: dict[str, str]  # page file -> its digest, of the pages linked from last
    needs_digest: bool
    template: jinja2.Template


#: The pages :func:`write_pages` is drawing, for the processes it forks.
_DRAWING: _Drawing | None = None
#: Pages drawn per task sent to a worker (few tasks, each not too long).
_PART = 64


def _draw_all(pages: list[Page | Planned], jobs: int) -> list[tuple[str, list[str]]]:
    """Each page's digest and chart files, in order; drawn on ``jobs`` processes.

    The largest pages (the index, the appointments network) are sent first, so
    that no worker is left drawing one while the others wait.
    """
    from ..parallel import ordered_map

    if jobs == 1 or len(pages) < 2:
        return _draw_part(range(len(pages)))
    order = sorted(range(len(pages)), key=lambda i: -_size(pages[i]))
    step = max(1, min(_PART, len(order) // (4 * jobs)))
    parts = [order[i : i + step] for i in range(0, len(order), step)]
    done: list = [None] * len(pages)
    gc.freeze()  # the workers' collections leave the inherited objects' pages alone
    try:
        for part, found in zip(
            parts, ordered_map(_draw_part, parts, jobs=jobs), strict=True
        ):
            for i, result in zip(part, found, strict=True):
                done[i] = result
    finally:
        gc.unfreeze()
    return done


def _size(page: Page | Planned) -> int:
    """How much there is to draw on a page, roughly."""
    if isinstance(page, Planned):
        return page.size
    return (
        len(page.nodes)
        + len(page.edges)
        + len(page.links)
        + sum(len(t.rows) for t in page.tables)
    )


def _draw_part(indices) -> list[tuple[str, list[str]]]:
    """Draw the pages at ``indices`` of :data:`_DRAWING`: (digest, chart files) each."""
    job = _DRAWING
    return [_draw(job, built(job.pages[i])) for i in indices]


def _draw(job: _Drawing, page: Page) -> tuple[str, list[str]]:
    """Draw one page and its charts, unless drawn from the same data before.

    Returns the page's digest (empty when not asked for) and its charts' files.
    """
    charts = job.out / "charts"
    path = job.out / page.name
    digest = page_digest(page) if job.needs_digest else ""
    files = {
        chart: f"{Path(page.name).stem}-{chart}-{_digest(chart, data)}.svg"
        for chart, data in page.charts.items()
    }
    same = digest and job.drawn.get(page.name) == digest and path.is_file()
    if same and all((charts / f).is_file() for f in files.values()):
        return digest, list(files.values())  # same data, same code: same page
    nodes, edges, options, omitted, view = _network(page)
    images = []
    for chart, data in page.charts.items():
        if not (charts / files[chart]).is_file():  # same data, same code
            _write(charts / files[chart], render_chart(chart, data))
        images.append({"name": chart, "src": f"charts/{files[chart]}"})
    html = job.template.render(
        page=page,
        nodes=nodes,
        edges=edges,
        options=options,
        view=view,
        omitted=page.omitted + omitted,
        legend=legend(n["group"] for n in nodes),
        status=STATUS,
        charts=images,
        sections=SECTIONS,
        fonts=_FONTS,
    )
    _write(path, html)
    return digest, list(files.values())

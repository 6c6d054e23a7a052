"""The ``gongbao`` command: thin wrappers over importable functions.

Project errors become one-line messages here, and only here. Exit codes:
0 success, 1 findings (files or rows that failed to build, validation
violations, accuracy under a floor), 2 bad input or usage. A build reports each
failed file or row as ``failed PATH: reason`` and each file of a folder it does
not read (another suffix, hidden, a broken link) as ``skipped PATH: reason``, one
line each on stderr; skipped files alone do not make the exit code 1.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..extract.errors import GongbaoError

__all__ = ["main"]

FORMATS = ("table", "tsv", "csv", "json")


def _user_errors(func):
    """Turn project and file errors into ``error: ...`` and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (GongbaoError, FileNotFoundError) as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)

    return wrapper


def _built(out: Path) -> Path:
    if not (out / "store").is_dir():
        raise GongbaoError(
            f"{out}: not a built graph (no store/ inside); "
            f"run `gongbao build INPUT --out {out}` first"
        )
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongbao")
def main() -> None:
    """Knowledge graphs from Chinese local-government bulletins (公报)."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path))
@click.option("--views/--no-views", default=True, help="Write the HTML views.")
@click.option("--cache/--no-cache", default=True, help="Reuse unchanged documents.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes extracting documents side by side.",
)
@_user_errors
def build(inputs, out, views, cache, quiet, jobs) -> None:
    """Build the graph, store and views of INPUTS (files or folders) into OUT."""
    from .build import build as run_build

    def reporter(word: str):
        def report(path: str, message: str) -> None:
            click.echo(f"{word} {path}: {message}", err=True)

        return report

    summary = run_build(
        inputs,
        out,
        views=views,
        cache=cache,
        progress=not quiet,
        jobs=jobs,
        on_error=reporter("failed"),
        on_skip=reporter("skipped"),
    )
    if not quiet:
        click.echo(_summary_text(summary))
    if summary.failed:
        sys.exit(1)


def _summary_text(summary) -> str:
    rate = summary.chars / summary.seconds if summary.seconds else 0.0
    lines = [
        f"built {summary.out}: {summary.documents} documents "
        f"({summary.reused} unchanged), {summary.articles} articles, "
        f"{summary.quads:,} quads, {summary.views} view pages "
        f"in {summary.seconds:.1f} s ({rate:,.0f} chars/s)",
        "entities: "
        + ", ".join(f"{k} {v}" for k, v in sorted(summary.entities.items())),
        "facts:    " + ", ".join(f"{k} {v}" for k, v in sorted(summary.facts.items())),
    ]
    if summary.failed:
        lines.append(
            f"failed {len(summary.failed)} file(s) or row(s): see the errors above"
        )
    if summary.skipped:
        names = [Path(path).name for path, _ in summary.skipped]
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        lines.append(
            f"skipped {len(names)} file(s) gongbao does not read: "
            f"{', '.join(names[:10])}{more}"
        )
    return "\n".join(lines)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("query")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table")
@_user_errors
def query(out, query, fmt) -> None:
    """Run QUERY (a .rq file, a query name or SPARQL text) on the graph in OUT."""
    from .query import format_result, load_query, run_query
    from .store import open_store

    store = open_store(_built(out) / "store")
    click.echo(format_result(run_query(store, load_query(query)), fmt))


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@_user_errors
def stats(out) -> None:
    """Counts of the graph in OUT: documents, entities by type, facts by relation."""
    from .stats import graph_stats

    click.echo(graph_stats(_built(out)))


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("out", type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List misses and extras.")
@click.option(
    "--min-f1", type=float, default=None, help="Exit 1 when a family scores lower."
)
@_user_errors
def evaluate(gold, out, verbose, min_f1) -> None:
    """Precision, recall and F1 of the graph in OUT against the GOLD answers."""
    from .evaluate import format_scores, load_gold, rows_from_store, score_rows
    from .store import open_store

    store = open_store(_built(out) / "store")
    scores = score_rows(load_gold(gold), rows_from_store(store))
    click.echo(format_scores(scores, verbose=verbose))
    if min_f1 is not None and any(s.f1 < min_f1 for s in scores.values()):
        sys.exit(1)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@_user_errors
def validate(out) -> None:
    """Validate the graph in OUT against the SHACL shapes (exit 1 on violations)."""
    from .validate import validate_dir

    result = validate_dir(out)
    click.echo(result.text)
    sys.exit(0 if result.conforms else 1)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout", default=30, show_default=True, type=int, help="Seconds.")
@_user_errors
def serve(out, host, port, timeout) -> None:
    """Serve OUT read-only: SPARQL 1.1 Protocol endpoint and the views."""
    from .serve import serve as run_serve

    run_serve(_built(out), host=host, port=port, timeout_s=timeout)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", default="turtle", show_default=True)
@click.option("--dest", "-d", type=click.Path(path_type=Path), required=True)
@_user_errors
def export(out, fmt, dest) -> None:
    """Export the graph in OUT as FORMAT (turtle, nquads, trig, jsonld, ...)."""
    from .export import export as run_export

    run_export(_built(out) / "store", fmt, dest)
    click.echo(f"wrote {dest}")

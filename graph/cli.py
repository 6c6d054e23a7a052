"""The ``gongbao`` command: thin wrappers over importable functions.

Project errors become one-line messages here, and only here. Exit codes:
0 success, 1 findings (files or rows that failed to build, validation
violations, accuracy under a floor), 2 bad input or usage (a file, folder,
store, query, gold file or option the command cannot use; the message says
which and what to do), 3 the output folder is busy (another build is writing
it). A build reports each
failed file or row as ``failed PATH: reason`` and each file of a folder it does
not read (another suffix, hidden, a broken link) as ``skipped PATH: reason``, one
line each on stderr; skipped files alone do not make the exit code 1.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..errors import GongbaoError
from ..extract.files import display_name

__all__ = ["EXIT_BUSY", "EXIT_FINDINGS", "EXIT_INPUT", "main"]

FORMATS = ("table", "tsv", "csv", "json")

#: Exit codes (0 is success).
EXIT_FINDINGS, EXIT_INPUT, EXIT_BUSY = 1, 2, 3


def _user_errors(func):
    """Turn project and file errors into one ``error: ...`` line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from .outdir import OutputBusy

        try:
            return func(*args, **kwargs)
        except OutputBusy as err:
            _say(f"error: {err}")
            sys.exit(EXIT_BUSY)
        except GongbaoError as err:
            _say(f"error: {err}")
            sys.exit(EXIT_INPUT)
        except OSError as err:
            where = display_name(err.filename) if err.filename else "error"
            _say(f"error: {where}: {err.strerror or err}")
            sys.exit(EXIT_INPUT)

    return wrapper


def _say(line: str) -> None:
    """One line on stderr, clear of any progress bar."""
    from tqdm import tqdm

    tqdm.write(display_name(line), file=sys.stderr)


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
    "--max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=64,
    show_default=True,
    help="Largest input file read, in MB.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    help="Longest document text extracted (about 300 MB of memory per million).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes extracting documents side by side.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: tcp://HOST:PORT of its scheduler, or local:N "
    "to start N workers here (needs gongbao[cluster]).",
)
@_user_errors
def build(inputs, out, views, cache, quiet, max_mb, max_chars, jobs, scheduler) -> None:
    """Build the graph, store and views of INPUTS (files or folders) into OUT.

    OUT must be a new or empty folder or an earlier build; a rebuild replaces
    what gongbao made there and keeps any other file.
    """
    from .build import build as run_build

    def reporter(word: str):
        def report(path: str, message: str) -> None:
            _say(f"{word} {path}: {message}")

        return report

    summary = run_build(
        inputs,
        out,
        views=views,
        cache=cache,
        progress=not quiet and sys.stderr.isatty(),
        jobs=jobs,
        scheduler=scheduler,
        on_error=reporter("failed"),
        on_skip=reporter("skipped"),
        max_bytes=int(max_mb * 1024 * 1024),
        max_chars=max_chars,
    )
    if not quiet:
        click.echo(_summary_text(summary))
    if summary.failed:
        sys.exit(1)


def _summary_text(summary) -> str:
    rate = summary.chars_per_second
    speed = "" if rate is None else f", extraction {rate:,.0f} chars/s"
    lines = [
        f"built {summary.out}: {summary.documents} documents "
        f"({summary.reused} unchanged), {summary.articles} articles, "
        f"{summary.quads:,} quads, {summary.views} view pages "
        f"in {summary.seconds:.1f} s{speed}",
        "entities: " + ", ".join(f"{k} {v}" for k, v in summary.entities.items()),
        "facts:    " + ", ".join(f"{k} {v}" for k, v in summary.facts.items()),
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
    if summary.kept:
        lines.append(
            f"kept {len(summary.kept)} file(s) of yours in {summary.out}: "
            + ", ".join(summary.kept)
        )
    return display_name("\n".join(lines))


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("query")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table")
@_user_errors
def query(out, query, fmt) -> None:
    """Run QUERY (a .rq file, a query name or SPARQL text) on the graph in OUT."""
    from .query import format_result, load_query, run_query
    from .store import open_build, store_errors

    sparql = load_query(query)
    with store_errors(out / "store"):
        result = run_query(open_build(out), sparql)
    click.echo(format_result(result, fmt))


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("name")
@click.option("--region", "-r", default="", help="Jurisdiction name or code.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table")
@_user_errors
def person(out, name, region, fmt) -> None:
    """The career of NAME in OUT: posts held over time, with their sources.

    When several people carry NAME, lists them; pick one with --region.
    """
    from .careers import career
    from .query import QueryResult, format_result
    from .store import open_build

    found = career(open_build(out), name, region=region)
    if found.ambiguous:
        click.echo(
            f"{len(found.people)} people are called {name}; choose with --region:"
        )
        columns = ["person", "jurisdiction", "code", "facts", "person_id"]
        click.echo(format_result(QueryResult(columns, found.people), fmt))
        return
    columns = ["date", "post", "body", "event", "source", "quote", "start", "end"]
    rows = [{c: r[c] for c in columns} for r in found.timeline.rows]
    click.echo(format_result(QueryResult(columns, rows), fmt))


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@_user_errors
def stats(out) -> None:
    """Counts of the graph in OUT: documents, entities by type, facts by relation."""
    from .stats import graph_stats
    from .store import store_errors

    with store_errors(out / "store"):
        click.echo(graph_stats(out))


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("out", type=click.Path(path_type=Path), nargs=-1, required=True)
@click.option("-v", "--verbose", is_flag=True, help="List misses and extras.")
@click.option(
    "--min-f1", type=float, default=None, help="Exit 1 when a family scores lower."
)
@click.option(
    "--records",
    is_flag=True,
    help="OUT is a corpus (files or folders): score extraction without a build.",
)
@_user_errors
def evaluate(gold, out, verbose, min_f1, records) -> None:
    """Precision, recall and F1 of the graph in OUT against the GOLD answers."""
    from .evaluate import (
        format_scores,
        load_gold,
        rows_from_facts,
        rows_from_store,
        score_rows,
    )
    from .store import open_build, store_errors

    gold_rows = load_gold(gold)
    if records:
        from ..extract.io import iter_input_paths, read_documents
        from ..extract.pipeline import extract_document

        paths = iter_input_paths(out)
        rows = rows_from_facts(
            extract_document(doc) for path in paths for doc in read_documents(path)
        )
    elif len(out) > 1:
        raise click.UsageError("give one built OUT (or --records with a corpus)")
    else:
        with store_errors(Path(out[0]) / "store"):
            rows = rows_from_store(open_build(out[0]))
    scores = score_rows(gold_rows, rows)
    click.echo(format_scores(scores, verbose=verbose))
    if min_f1 is not None and any(s.f1 < min_f1 for s in scores.values()):
        sys.exit(1)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@_user_errors
def validate(out) -> None:
    """Validate the graph in OUT against the SHACL shapes (exit 1 on violations)."""
    from .store import store_errors
    from .validate import validate_dir

    with store_errors(Path(out) / "store"):
        result = validate_dir(out)
    click.echo(result.text)
    sys.exit(0 if result.conforms else 1)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--timeout",
    default=30,
    show_default=True,
    type=click.IntRange(min=1),
    help="Seconds a query may run; longer ones are stopped.",
)
@click.option(
    "--max-queries",
    default=4,
    show_default=True,
    type=click.IntRange(min=1),
    help="Queries answered at once; more get 503.",
)
@click.option(
    "--max-request-kb",
    default=1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest request body.",
)
@click.option(
    "--max-response-mb",
    default=256,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest answer; longer ones are cut off.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow federated queries (SERVICE): the server then fetches URLs.",
)
@_user_errors
def serve(
    out,
    host,
    port,
    timeout,
    max_queries,
    max_request_kb,
    max_response_mb,
    allow_service,
) -> None:
    """Serve OUT read-only: SPARQL 1.1 Protocol endpoint and the views."""
    from .serve import Limits
    from .serve import serve as run_serve
    from .store import built_dir

    limits = Limits(
        timeout_s=timeout,
        max_queries=max_queries,
        max_request=max_request_kb * 1024,
        max_response=max_response_mb * 1024 * 1024,
        allow_service=allow_service,
    )
    run_serve(built_dir(out), host=host, port=port, timeout_s=timeout, limits=limits)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    default="nquads",
    show_default=True,
    help="nquads, trig, jsonld, turtle, ntriples, rdfxml; "
    "or tables: csv, parquet, xlsx, sqlite.",
)
@click.option(
    "--dest",
    "-d",
    type=click.Path(path_type=Path),
    required=True,
    help="A file with the format's suffix, or a folder to write into.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="Let turtle, ntriples, rdfxml merge the documents' graphs into one.",
)
@_user_errors
def export(out, fmt, dest, merge) -> None:
    """Export the graph in OUT: RDF, or every competency table (csv, xlsx ...)."""
    from .export import export as run_export
    from .store import store_errors

    with store_errors(out / "store"):
        written = run_export(out, fmt, dest, merge=merge)
    if merge:
        click.echo("merged every document's named graph into one", err=True)
    for path in written:
        click.echo(f"wrote {path}")

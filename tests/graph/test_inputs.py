"""Input fingerprints: what tells a rebuild that a file changed, without reading it."""

import os
from pathlib import Path

from gongbao.extract.crawl import CRAWL_FILE
from gongbao.graph.inputs import fingerprint


def _print(path: Path, folders=None) -> str:
    return fingerprint(path, path.name, code="c", limits=(1, 2), folders=folders)


def test_inputs_fingerprint_follows_the_file_its_folder_and_its_link(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    bulletin = folder / "a.txt"
    bulletin.write_text("会议由主任王明主持。", encoding="utf-8")
    folders: dict = {}
    first = _print(bulletin, folders)
    assert first == _print(bulletin) == _print(bulletin, folders)

    (folder / CRAWL_FILE).write_text("file\turl\n", encoding="utf-8")
    assert _print(bulletin, {}) != first  # a sources.tsv beside it now
    with_sidecar = _print(bulletin, {})
    bulletin.write_text("会议由主任王明主持，通过决定。", encoding="utf-8")
    assert _print(bulletin, {}) not in (first, with_sidecar)

    # A link is fingerprinted by what it leads to: moving its target changes it.
    link = tmp_path / "link.txt"
    link.symlink_to(bulletin)
    before = _print(link, {})
    elsewhere = tmp_path / "moved.txt"
    os.replace(bulletin, elsewhere)
    link.unlink()
    link.symlink_to(elsewhere)
    assert _print(link, {}) != before
    assert _print(tmp_path / "missing.txt", {}) is None

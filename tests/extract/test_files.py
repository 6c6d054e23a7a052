"""Reading inputs safely: sizes before bytes, names that are not UTF-8, identity.

Fault injection: a sparse 4 GB file, a file nobody may read, UTF-16 text, same
file names in two folders, zero-width characters inside names.
"""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.files import read_bytes
from gongbao.extract.io import iter_input_files, read_document
from gongbao.extract.pipeline import extract_document
from gongbao.extract.records import SourceDocument
from gongbao.graph.build import build

MEETING = "第十八届人民代表大会常务委员会第二十五次会议于2020年4月29日召开。会议由区人大常委会主任林静文主持。\n"
# A fictional attendance list of a fictional meeting.
ATTENDANCE = (
    MEETING
    + "出 席：（主任、副主任、委员共 9 人）\n\n"
    + "林静文 高 远 韩秋实 蒋明月 邵 洁\n\n"
    + "卫晓光 岑 可 施望舒 柯 南\n\n"
    + "缺 席：\n\n方 圆 吕长青\n\n"
)


def test_files_sparse_4gb_file_is_refused_without_reading_it(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(4 << 30)  # sparse: no disk used
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match=r"4,294,967,296 bytes, over the 64 MB limit"):
        read_document(huge)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000
    with pytest.raises(InputError, match="--max-mb N"):
        read_bytes(huge)


def test_files_limit_is_raised_by_max_bytes(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(MEETING * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=1 << 20).text.startswith("第十八届")


def test_files_unreadable_file_says_permission_denied(tmp_path: Path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(MEETING, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the OS say no
        real_open = Path.open

        def refuse(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=r"locked.txt: cannot read: Permission denied"):
        read_document(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_files_utf16_text_is_text_not_binary(tmp_path: Path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(MEETING.encode(encoding))
    assert read_document(path).text == MEETING


def test_files_same_name_in_two_folders_are_two_documents(tmp_path: Path):
    root = tmp_path / "in"
    for year, person in (("2021", "林静文"), ("2022", "高远")):
        (root / year).mkdir(parents=True)
        (root / year / "01.txt").write_text(
            MEETING.replace("林静文", person), encoding="utf-8"
        )
    assert [name for _, name in iter_input_files([root])] == [
        "2021/01.txt",
        "2022/01.txt",
    ]
    summary = build([root], tmp_path / "out", views=False)
    assert summary.documents == 2
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    graphs = {line.rsplit(" ", 2)[-2] for line in nq.splitlines()}
    assert len(graphs) == 2
    assert any("2021%2F01.txt" in g for g in graphs)


def test_files_name_that_is_not_utf8_does_not_abort_the_build(tmp_path: Path):
    root = tmp_path / "in"
    root.mkdir()
    name = os.fsdecode(b"\xb9\xab\xb1\xa8.txt")  # 公报 in GBK bytes
    (root / name).write_text(MEETING, encoding="utf-8")
    summary = build([root], tmp_path / "out", views=False)
    assert summary.documents == 1 and not summary.failed
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["documents"] == 1
    assert "graph/%5Cxb9%5Cxab" in (tmp_path / "out" / "graph.nq").read_text("utf-8")


def test_files_folder_lists_what_it_did_not_read(tmp_path: Path):
    root = tmp_path / "in"
    (root / "old-build").mkdir(parents=True)
    (root / "a.txt").write_text(MEETING, encoding="utf-8")
    (root / ".draft.txt").write_text(MEETING, encoding="utf-8")
    (root / "scan.doc").write_bytes(b"x")
    (root / "gone.txt").symlink_to(tmp_path / "nowhere")
    (root / "old-build" / "manifest.json").write_text("{}")
    (root / "old-build" / "graph.nq").write_text("")
    skipped = []
    found = [
        name
        for _, name in iter_input_files([root], on_skip=lambda *a: skipped.append(a))
    ]
    assert found == ["a.txt"]
    reasons = {Path(path).name: reason for path, reason in skipped}
    assert reasons == {
        ".draft.txt": "hidden file",
        "gone.txt": "broken symbolic link",
        "old-build": "a gongbao build folder, not searched",
        "scan.doc": reasons["scan.doc"],
    }
    assert reasons["scan.doc"].startswith("unsupported file type .doc")


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"])
def test_files_zero_width_characters_in_names_drop_no_fact(mark):
    def names(text: str) -> list[tuple[str, str]]:
        facts = extract_document(SourceDocument("a.txt", "a.txt", text, "utf-8", ""))
        for fact in facts.attendance:  # every span still points at its source text
            assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote
        return sorted((a.person, a.status) for a in facts.attendance)

    head, tail = ATTENDANCE.split("出 席：", 1)
    marked = (
        head
        + "出 席："
        + "".join(ch + mark if "\u4e00" <= ch <= "\u9fff" else ch for ch in tail)
    )
    plain = names(ATTENDANCE)
    assert len(plain) == 11
    assert names(marked) == plain


def test_files_text_over_the_character_limit_says_how_to_raise_it():
    source = SourceDocument("a.txt", "in/a.txt", MEETING * 50, "utf-8", "")
    with pytest.raises(
        InputError,
        match=r"in/a.txt: text is .* over the 1,000-character limit.*--max-chars N",
    ):
        extract_document(source, max_chars=1000)

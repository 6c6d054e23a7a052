from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.io import decode, iter_input_paths, read_document, read_documents

SAMPLE = "会议由青湖区人大常委会副主任罗清源主持。出席会议的有章明远、葛欣然。"


def test_io_reads_utf8_and_gb18030_alike(tmp_path: Path):
    (tmp_path / "u.txt").write_bytes(SAMPLE.encode("utf-8"))
    (tmp_path / "g.txt").write_bytes(SAMPLE.encode("gb18030"))
    utf8, gb = read_document(tmp_path / "u.txt"), read_document(tmp_path / "g.txt")
    assert (utf8.encoding, gb.encoding) == ("utf-8", "gb18030")
    assert utf8.text == gb.text == SAMPLE
    assert utf8.sha256 != gb.sha256


def test_io_drops_utf8_byte_order_mark(tmp_path: Path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    doc = read_document(tmp_path / "bom.txt")
    assert doc.text == SAMPLE and doc.encoding == "utf-8"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"%PDF-1.7\n" + SAMPLE.encode(), "PDF"),
        (SAMPLE.encode("utf-8")[:-1], "truncated"),
        (b"just some english text, not a bulletin at all\n" * 20, "Chinese"),
    ],
)
def test_io_rejects_bad_input_naming_the_file(tmp_path: Path, raw: bytes, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert "\n" not in message


def test_io_rejects_files_over_the_size_limit(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_bytes(SAMPLE.encode() * 100)
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        read_document(path, max_bytes=1000)


def test_io_walks_folders_in_sorted_order_reporting_what_it_skips(tmp_path: Path):
    names = ("b.txt", "a.txt", "note.md", ".hidden/c.txt", "sub/d.TXT", "sub/e.htm")
    names += ("sources.tsv", "scrape.csv", "x.jsonl", "y.ndjson", "z.pdf", "w.html")
    names += ("report.docx", ".DS_Store", "README")
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    skipped = []
    paths = iter_input_paths(
        [tmp_path], on_skip=lambda p, why: skipped.append((Path(p).name, why))
    )
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    assert names == [
        "a.txt",
        "b.txt",
        "note.md",
        "scrape.csv",
        "sub/d.TXT",
        "sub/e.htm",
        "w.html",
        "x.jsonl",
        "y.ndjson",
        "z.pdf",
    ]
    reasons = dict(skipped)
    assert sorted(reasons) == [
        ".DS_Store",
        ".hidden",
        "README",
        "gone.txt",
        "report.docx",
    ]
    assert reasons[".DS_Store"] == "hidden file"
    assert reasons["gone.txt"] == "broken symbolic link"
    assert reasons["report.docx"].startswith("unsupported file type .docx")
    assert ".pdf" in reasons["report.docx"] and "hidden folder" in reasons[".hidden"]


@pytest.mark.parametrize("name", ["report.docx", "sources.tsv"])
def test_io_a_named_file_of_another_kind_is_an_error(tmp_path: Path, name):
    path = tmp_path / name
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(iter_input_paths([path]))
    assert str(caught.value).startswith(f"{path}: ")
    if name == "report.docx":
        assert ".txt" in str(caught.value) and ".html" in str(caught.value)


def test_io_reads_markdown_as_text(tmp_path: Path):
    (tmp_path / "item.md").write_text(f"# 会议\n\n{SAMPLE}\n", encoding="utf-8")
    doc = read_document(tmp_path / "item.md")
    assert doc.format == "md" and SAMPLE in doc.text


def test_io_read_documents_gives_one_per_file_or_row(tmp_path: Path):
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(f"text\n{SAMPLE}\n{SAMPLE}\n", "utf-8")
    assert [d.name for d in read_documents(tmp_path / "a.txt")] == ["a.txt"]
    rows = [d.name for d in read_documents(tmp_path / "rows.csv")]
    assert rows == ["rows.csv#1", "rows.csv#2"]
    with pytest.raises(InputError, match="one document per row"):
        read_document(tmp_path / "rows.csv")


def test_io_sources_tsv_beside_a_file_gives_its_provenance(tmp_path: Path):
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "sources.tsv").write_text(
        "file\turl\tpublished\ttitle\n"
        "a.txt\thttp://e.cn/2024-05/09/1.htm\t\t青湖区人大常委会会议\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "a.txt")
    assert (doc.url, doc.published, doc.title) == (
        "http://e.cn/2024-05/09/1.htm",
        "2024-05-09",
        "青湖区人大常委会会议",
    )


def test_io_missing_input_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_input_paths([tmp_path / "nope"]))


def test_io_decodes_every_real_bulletin(corpus_dir: Path):
    for path in sorted(corpus_dir.glob("*.txt")):
        text, encoding = decode(path.read_bytes(), name=str(path))
        assert encoding == "utf-8"
        assert "人大" in text or "人民政府" in text

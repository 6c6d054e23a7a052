import csv
import hashlib
import json
from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.tabular import read_rows
from tests.extract.pages_fixture import TEXT

ROWS = [
    {"标题": "第三次会议", "正文": TEXT, "链接": "http://e.cn/2024-05/09/1.htm"},
    {"标题": "空行", "正文": "", "链接": "http://e.cn/2"},
    {"标题": "第四次会议", "正文": TEXT.replace("第三次", "第四次"), "链接": ""},
]


def _read(path: Path):
    errors: list[InputError] = []
    docs = list(read_rows(path, on_error=errors.append))
    return docs, errors


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_tabular_csv_rows_are_documents_and_a_bad_row_is_reported(
    tmp_path: Path, encoding
):
    path = tmp_path / "scrape.csv"
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    docs, errors = _read(path)
    assert [d.name for d in docs] == ["scrape.csv#1", "scrape.csv#3"]
    assert [d.url for d in docs] == ["http://e.cn/2024-05/09/1.htm", ""]
    assert [d.title for d in docs] == ["第三次会议", "第四次会议"]
    assert docs[0].published == "2024-05-09"  # from the URL
    assert {d.path for d in docs} == {str(path)} and {d.format for d in docs} == {"csv"}
    assert docs[0].text == TEXT
    assert docs[0].sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert docs[0].encoding == ("gb18030" if encoding == "gb18030" else "utf-8")
    assert [str(e) for e in errors] == [f"{path}#2: empty text (column '正文')"]


def test_tabular_jsonl_rows_with_their_own_metadata(tmp_path: Path):
    path = tmp_path / "scrape.jsonl"
    rows = [
        {"url": "http://e.cn/a", "date": "2024年5月9日", "content": TEXT},
        {"url": "http://e.cn/b", "content": "English only, not a bulletin."},
        {"link": "http://e.cn/c", "time": "2024-05-10 08:00", "content": TEXT},
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n",
        encoding="utf-8",
    )
    docs, errors = _read(path)
    assert [(d.name, d.url, d.published) for d in docs] == [
        ("scrape.jsonl#1", "http://e.cn/a", "2024-05-09"),
        ("scrape.jsonl#3", "http://e.cn/c", "2024-05-10"),
    ]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path}#2: ")
    assert "Chinese" in str(errors[0])


def test_tabular_jsonl_bad_lines_are_rows_too(tmp_path: Path):
    path = tmp_path / "scrape.ndjson"
    good = json.dumps({"text": TEXT}, ensure_ascii=False)
    path.write_text(f"{good}\n{{not json\n[1, 2]\n{good}\n", encoding="utf-8")
    docs, errors = _read(path)
    assert [d.name for d in docs] == ["scrape.ndjson#1", "scrape.ndjson#4"]
    assert [str(e).split(":")[0] for e in errors] == [f"{path}#2", f"{path}#3"]
    assert {d.format for d in docs} == {"jsonl"}


def test_tabular_without_a_text_column_names_the_file_and_its_columns(tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text("标题,链接\n会议,http://e.cn/1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_rows(path, on_error=lambda err: None))
    message = str(caught.value)
    assert message.startswith(f"{path}: no text column (it has: 标题, 链接)")
    assert "正文" in message and "\n" not in message


def test_tabular_without_on_error_the_first_bad_row_raises(tmp_path: Path):
    path = tmp_path / "scrape.csv"
    path.write_text('text\n\n会议由罗清源主持。\n""\n', encoding="utf-8")
    rows = read_rows(path)
    assert next(rows).name == "scrape.csv#1"
    with pytest.raises(InputError, match=r"scrape.csv#2: empty text"):
        next(rows)


def test_tabular_header_only_is_an_error(tmp_path: Path):
    path = tmp_path / "scrape.csv"
    path.write_text("text,url\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no data rows"):
        list(read_rows(path))

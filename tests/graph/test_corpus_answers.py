"""The competency queries answer real questions on the real corpus.

Expected answers are read from the hand-checked gold beside the corpus, never
written into the test.
"""

import csv
from pathlib import Path

import pytest

from gongbao.graph.evaluate import doc_key, norm
from gongbao.graph.query import load_query, run_query
from gongbao.graph.store import open_store


@pytest.fixture(scope="module")
def rows(corpus_build: Path):
    store = open_store(corpus_build / "store")
    names = ("attendance", "meetings", "appointments", "reports", "laws")
    return {name: run_query(store, load_query(name)).rows for name in names}


def _gold(gold_dir: Path, family: str) -> list[dict]:
    with (gold_dir / f"{family}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_corpus_absentees_of_each_meeting(rows, gold_dir: Path):
    gold = {
        (g["doc"], norm(g["person"]))
        for g in _gold(gold_dir, "attendance")
        if g["status"] == "absent"
    }
    assert gold, "the gold lists absentees"
    found = {
        (doc_key(r["source"]), norm(r["person"]))
        for r in rows["attendance"]
        if r["status"] == "absent" and doc_key(r["source"]) in {d for d, _ in gold}
    }
    assert found == gold


def test_corpus_appointments_name_person_post_and_body(rows, gold_dir: Path):
    gold = _gold(gold_dir, "appointments")
    found = {
        (doc_key(r["source"]), norm(r["person"]), r["action"], norm(r["post"]))
        for r in rows["appointments"]
    }
    for g in gold:
        key = (g["doc"], norm(g["person"]), g["action"], norm(g["post"]))
        assert key in found, key
    appointed = [r for r in rows["appointments"] if r["action"] == "appoint"]
    assert all(r["decided_by"] and r["date"] for r in appointed)


def test_corpus_meetings_have_term_session_date_and_body(rows):
    by_doc = {}
    for r in rows["meetings"]:
        by_doc.setdefault(doc_key(r["source"]), []).append(r)
        assert r["body"] and r["term"] and r["session"], r
        assert r["date"] and r["date"][:2] == "20", r
    assert {"000", "003"} <= set(by_doc)


def test_corpus_every_attendance_row_names_a_known_meeting(rows):
    labelled = [r for r in rows["attendance"] if r["meeting"]]
    assert len(labelled) == len(rows["attendance"]) > 0
    assert all(" " not in r["person"] and "\n" not in r["person"] for r in labelled)


def test_corpus_laws_are_legislation_not_notices(rows):
    kinds = {r["kind"] for r in rows["laws"]}
    assert kinds and not kinds & {"通知", "意见", "方案", "规划", "报告"}
    assert all("《" not in r["law"] and "》" not in r["law"] for r in rows["laws"])

from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.graph.evaluate import format_scores, load_gold, norm, norm_law, score_rows

GOLD = {
    "attendance": [
        {
            "doc": "901",
            "meeting": "青湖区|17|12|2023-06-28",
            "person": "邬岚",
            "status": "present",
            "role_text": "",
        },
        {
            "doc": "901",
            "meeting": "青湖区|17|12|2023-06-28",
            "person": "覃文博",
            "status": "absent",
            "role_text": "",
        },
    ],
    "reports": [
        {
            "doc": "901",
            "meeting": "青湖区|17|12|2023-06-28",
            "reporter": "温海宁",
            "reporter_title": "",
            "body": "",
            "title_key": "河湖长制条例》情况的报告",
            "subject_law": "",
        },
    ],
    "laws": [{"doc": "901", "law": "河东省河湖长制条例（修订草案）"}],
}


def rows(**families):
    return {
        name: families.get(name, [])
        for name in ("attendance", "meetings", "reports", "appointments", "laws")
    }


def test_evaluate_normalises_names_and_laws():
    assert norm("邬 岚\u3000") == "邬岚"
    assert norm_law("《河东省〈河湖长制〉条例（试行）》") == "河东省河湖长制条例"
    assert norm_law("某某办法(修订草案)") == "某某办法"


def test_evaluate_scores_precision_recall_and_dates():
    found = rows(
        attendance=[
            {
                "source": "901_a.txt",
                "person": "邬 岚",
                "status": "present",
                "date": "2023-06-28",
            },
            {
                "source": "901_a.txt",
                "person": "覃文博",
                "status": "present",
                "date": "2023-06-28",
            },
            {"source": "555_other.txt", "person": "无关", "status": "present"},
        ]
    )
    score = score_rows(GOLD, found)["attendance"]
    assert (score.gold, score.found, score.matched) == (2, 2, 1)
    assert score.precision == score.recall == score.f1 == 0.5
    assert score.date_share == 1.0
    assert score.misses == ["901 | 覃文博 | absent"]
    assert score.extras == ["901 | 覃文博 | present"]


def test_evaluate_reports_match_on_contained_title_and_reporter():
    title = "青湖区人民政府关于贯彻实施《河东省河湖长制条例》情况的报告"
    good = {
        "source": "901_a.txt",
        "reporter": "温海宁",
        "title": title,
        "date": "2023-06-27",
    }
    wrong_reporter = dict(good, reporter="戚永安")
    assert score_rows(GOLD, rows(reports=[good]))["reports"].f1 == 1.0
    assert score_rows(GOLD, rows(reports=[good]))["reports"].date_share == 0.0
    assert score_rows(GOLD, rows(reports=[wrong_reporter]))["reports"].f1 == 0.0


def test_evaluate_each_gold_fact_matches_once():
    law = {"source": "901_a.txt", "law": "河东省河湖长制条例", "kind": "条例"}
    score = score_rows(GOLD, rows(laws=[law, dict(law, law="《河东省河湖长制条例》")]))
    assert (score["laws"].found, score["laws"].matched) == (1, 1)


def test_evaluate_table_lists_every_family_and_misses_when_verbose():
    scores = score_rows(GOLD, rows())
    table = format_scores(scores, verbose=True)
    assert "attendance" in table and "miss" in table and "F1" in table


def test_evaluate_loads_the_shared_gold(gold_dir: Path):
    gold = load_gold(gold_dir)
    assert {"attendance", "appointments", "reports", "laws", "meetings"} <= set(gold)
    assert all(row["doc"] for table in gold.values() for row in table)


def test_evaluate_missing_gold_folder_is_an_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such gold folder"):
        load_gold(tmp_path / "none")


def test_evaluate_a_gold_cell_listing_two_chairs_is_two_facts():
    gold = {
        "meetings": [
            {
                "doc": "901",
                "meeting": "青湖区|17|12|2023-06-28",
                "body": "",
                "chair": "李春华;赵立新",
            }
        ]
    }
    meeting = {"source": "901_a.txt", "term": "17", "session": "12"}
    one = rows(meetings=[meeting | {"chair": "李春华", "date": "2023-06-28"}])
    score = score_rows(gold, one)["chairs"]
    assert (score.gold, score.matched, score.misses) == (
        2,
        1,
        ["901 | 17 | 12 | 赵立新"],
    )
    both = rows(
        meetings=[
            meeting | {"chair": "李春华", "date": "2023-06-28"},
            meeting | {"chair": "赵立新", "date": "2023-06-28"},
        ]
    )
    assert score_rows(gold, both)["chairs"].f1 == 1.0

"""Fictional competency-query rows (invented names and places) for view tests."""

from __future__ import annotations

__all__ = ["EVIL", "MENTIONED", "fictional_rows"]

#: A person's name that would run script if it reached innerHTML.
EVIL = "<img src=x onerror=window.__pwned=1>"

_M = "https://example.org/meeting/qinghu-12"
#: A meeting only mentioned in passing (no record, no label): it gets no page.
MENTIONED = "https://example.org/meeting/qinghu-9"
_BODY = "https://example.org/body/qinghu-npcsc"
_LAW = "https://example.org/law/river-act"
_POST = "https://example.org/post/deputy-head"


def _ev(source: str = "qinghu.txt", quote: str = "原文", start: int = 0) -> dict:
    return {
        "source": source,
        "quote": quote,
        "start": str(start),
        "end": str(start + len(quote)),
    }


def fictional_rows(person: str = "邬岚") -> dict[str, list[dict]]:
    """Rows for one meeting of 青湖区, one report, one law, one appointment."""
    people = {
        "p1": (person, "present"),
        "p2": ("柏川", "absent"),
        "p3": ("岳禾", "leave"),
        "p4": ("沈棠", "nonvoting"),
    }
    attendance = [
        {
            "meeting": "青湖区人大常委会第十二次会议",
            "date": "2024-05-08",
            "person": name,
            "status": status,
            "role": None,
            "meeting_id": _M,
            "person_id": f"https://example.org/person/{key}",
            **_ev(quote=name, start=10 + i * 5),
        }
        for i, (key, (name, status)) in enumerate(people.items())
    ]
    return {
        "attendance": attendance,
        "meetings": [
            {
                "meeting": "青湖区人大常委会第十二次会议",
                "body": "青湖区人大常委会",
                "term": "三",
                "session": "十二",
                "date": "2024-05-08",
                "chair": person,
                "meeting_id": _M,
                "body_id": _BODY,
                "chair_id": "https://example.org/person/p1",
                **_ev(quote="青湖区人大常委会第十二次会议"),
            }
        ],
        "chairs": [
            {
                "meeting": "青湖区人大常委会第十二次会议",
                "date": "2024-05-08",
                "chair": person,
                "meeting_id": _M,
                "chair_id": "https://example.org/person/p1",
                **_ev(quote=f"会议由{person}主持", start=30),
            }
        ],
        "reports": [
            {
                "meeting": "青湖区人大常委会第十二次会议",
                "date": "2024-05-08",
                "title": "关于明川河保护情况的报告",
                "reporter": "岳禾",
                "reporter_title": "区水务局局长",
                "body": "青湖区人大常委会",
                "subject_law": "明川河保护条例",
                "meeting_id": _M,
                "report_id": "https://example.org/report/r1",
                "reporter_id": "https://example.org/person/p3",
                "body_id": _BODY,
                "law_id": _LAW,
                **_ev(quote="岳禾作报告", start=40),
            }
        ],
        "appointments": [
            {
                "date": "2024-05-08",
                "decided_by": "青湖区人大常委会",
                "person": person,
                "action": "appoint",
                "post": "青湖区副区长",
                "doc_number": "青人常〔2024〕3号",
                "person_id": "https://example.org/person/p1",
                "body_id": _BODY,
                "post_id": _POST,
                **_ev(quote=f"任命{person}为青湖区副区长", start=60),
            }
        ],
        "laws": [
            {
                "law": "明川河保护条例",
                "kind": "regulation",
                "law_id": _LAW,
                **_ev(quote="《明川河保护条例》", start=80),
            }
        ],
        "reviewed": [
            {
                "meeting": "青湖区人大常委会第十二次会议",
                "date": "2024-05-08",
                "item": "青湖区2023年决算",
                "outcome": "approved",
                "meeting_id": _M,
                **_ev(quote="审议青湖区2023年决算", start=100),
            },
            {
                "meeting": None,
                "date": None,
                "item": "青湖区河道管理办法",
                "outcome": "adopted",
                "meeting_id": MENTIONED,
                **_ev(quote="第九次会议通过的青湖区河道管理办法", start=120),
            },
        ],
    }

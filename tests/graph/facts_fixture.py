"""Fictional DocumentFacts covering every fact type, for graph-side tests."""

from gongbao.extract.records import (
    Appointment,
    Attendance,
    DocumentFacts,
    Evidence,
    LawCitation,
    Meeting,
    Report,
    Review,
    SourceDocument,
)

TEXT = (
    "青湖区第九届人大常委会第三次会议于2024年5月8日举行。会议由区人大常委会主任罗清源主持。"
    "出席：邬 岚　覃文博\n缺席：温海宁\n列席：贺兰舟 区人民法院院长\n"
    "关于《青湖区河道管理条例》执行情况的报告\n区水务局局长 温海宁\n"
    "会议审议通过了《青湖区河道管理条例》。决定任命：邬岚为青湖区水务局局长。"
)
KEY = "河东省青湖区人民代表大会常务委员会|9|3"


def ev(quote: str, nth: int = 0, source: str = "007_fiction.txt") -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    return Evidence(source, start, start + len(quote), quote)


def fictional_facts(name: str = "007_fiction.txt") -> DocumentFacts:
    """One document's facts, every family present."""
    src = SourceDocument(name, name, TEXT, "utf-8", "0" * 64)
    return DocumentFacts(
        document=src,
        title="青湖区人大常委会公报",
        kind="congress-bulletin",
        region="河东省青湖区",
        meetings=[
            Meeting(
                key=KEY,
                label="青湖区第九届人民代表大会常务委员会第三次会议",
                body="河东省青湖区人民代表大会常务委员会",
                region="河东省青湖区",
                term=9,
                session=3,
                date="2024-05-08",
                evidence=ev("青湖区第九届人大常委会第三次会议"),
                chair="罗清源",
                chair_evidence=ev("会议由区人大常委会主任罗清源主持"),
            )
        ],
        attendance=[
            Attendance(KEY, "邬岚", "present", "", ev("邬 岚")),
            Attendance(KEY, "覃文博", "present", "", ev("覃文博")),
            Attendance(KEY, "温海宁", "absent", "", ev("温海宁")),
            Attendance(KEY, "贺兰舟", "nonvoting", "区人民法院院长", ev("贺兰舟")),
        ],
        reports=[
            Report(
                meeting=KEY,
                date=None,
                title="关于《青湖区河道管理条例》执行情况的报告",
                reporter="温海宁",
                reporter_title="青湖区水务局局长",
                body="河东省青湖区水务局",
                subject_law="青湖区河道管理条例",
                evidence=ev("关于《青湖区河道管理条例》执行情况的报告"),
            )
        ],
        appointments=[
            Appointment(
                date="2024-05-08",
                decided_by="河东省青湖区人民代表大会常务委员会",
                person="邬岚",
                action="appoint",
                post="河东省青湖区水务局局长",
                doc_number="",
                evidence=ev("决定任命：邬岚为青湖区水务局局长"),
                meeting=KEY,
            )
        ],
        laws=[
            LawCitation("青湖区河道管理条例", "条例", ev("《青湖区河道管理条例》")),
            LawCitation("青湖区河道管理条例", "条例", ev("《青湖区河道管理条例》", 1)),
        ],
        reviews=[
            Review(
                KEY,
                "2024-05-08",
                "青湖区河道管理条例",
                "adopted",
                ev("会议审议通过了《青湖区河道管理条例》"),
            )
        ],
    )

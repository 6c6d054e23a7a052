"""News items of the genre, fictional: one pipeline run per snippet."""

from gongbao.extract.pipeline import extract_document
from gongbao.extract.records import SourceDocument

NEWS = (
    "明川网讯 9月7日上午，市九届人大常委会召开第十二次会议。"
    "市人大常委会主任苗振东主持会议，副主任娄建华、蔺晓光及秘书长郏明哲出席会议。"
    "会议听取了市财政局局长滕志远作关于预算调整方案的说明，"
    "市人大常委会预算工委主任邬岚作关于预算调整方案初步审查的报告。"
    "会议决定任命覃文博为明川市人民政府副市长，并决定为代理市长；"
    "接受罗清源辞去明川市人民政府市长职务的请求。\n"
    "新闻推荐\n县政府召开常务会议，县长贺兰舟出席会议。\n"
)


def _facts(text: str, **meta):
    return extract_document(SourceDocument("n.txt", "n.txt", text, "utf-8", "", **meta))


def test_news_meeting_takes_its_year_from_the_publication_date():
    facts = _facts(NEWS, published="2024-09-08")
    (meeting,) = facts.meetings
    assert (meeting.term, meeting.session, meeting.date) == (9, 12, "2024-09-07")
    assert meeting.chair == "苗振东"


def test_news_attendance_skips_the_related_stories_footer():
    people = {a.person for a in _facts(NEWS, published="2024-09-08").attendance}
    assert people == {"苗振东", "娄建华", "蔺晓光", "郏明哲"}


def test_news_reports_heard_have_their_reporters():
    reports = {(r.reporter, r.title) for r in _facts(NEWS).reports}
    assert reports == {
        ("滕志远", "关于预算调整方案的说明"),
        ("邬岚", "关于预算调整方案初步审查的报告"),
    }


def test_news_appointments_acting_post_and_resignation():
    found = {(a.person, a.action, a.post) for a in _facts(NEWS).appointments}
    assert found == {
        ("覃文博", "appoint", "明川市人民政府副市长"),
        ("覃文博", "appoint", "明川市人民政府代理市长"),
        ("罗清源", "resign", "明川市人民政府市长"),
    }


def test_news_traditional_characters_give_the_same_facts():
    from gongbao.extract.script import simplify

    traditional = NEWS.translate(
        str.maketrans("会议长财务调审查报告说明", "會議長財務調審查報告說明")
    )
    assert simplify(traditional) == NEWS
    simple = {(a.person, a.post) for a in _facts(NEWS).appointments}
    assert {(a.person, a.post) for a in _facts(traditional).appointments} == simple
    ev = _facts(traditional).appointments[0].evidence
    assert traditional[ev.start : ev.end] == ev.quote

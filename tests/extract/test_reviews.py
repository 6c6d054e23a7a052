import pytest

from gongbao.extract.reviews import find_reviews

TITLE = "青湖区第五届人大常委会第九次会议纪要\n"


def items(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(r.item, r.outcome) for r in find_reviews(text, **kwargs)]


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("会议听取和审议了区政府关于河道治理情况的报告。", "reviewed"),
        ("会议听取并审议了区政府关于河道治理情况的报告。", "reviewed"),
        ("会议审议了区政府关于河道治理情况的报告。", "reviewed"),
        ("会议听取了区政府关于河道治理情况的报告。", "heard"),
        ("会议审议通过了区政府关于河道治理情况的报告。", "adopted"),
        ("会议表决通过了区政府关于河道治理情况的报告。", "adopted"),
        ("会议审查批准了区政府关于河道治理情况的报告。", "approved"),
    ],
)
def test_reviews_verb_gives_the_outcome(sentence, outcome):
    assert items(TITLE + sentence) == [("区政府关于河道治理情况的报告", outcome)]


def test_reviews_lists_split_on_clause_marks_and_whole_items():
    text = TITLE + (
        "会议听取和审议了区政府关于河道治理情况的报告、区法院关于执行工作的报告，"
        "区检察院关于公益诉讼工作的报告；审查批准了2021年区本级财政决算；"
        "表决通过了《青湖区物业管理条例（草案）》。"
    )
    assert items(text) == [
        ("区政府关于河道治理情况的报告", "reviewed"),
        ("区法院关于执行工作的报告", "reviewed"),
        ("区检察院关于公益诉讼工作的报告", "reviewed"),
        ("2021年区本级财政决算", "approved"),
        ("《青湖区物业管理条例（草案）》", "adopted"),
    ]


def test_reviews_titles_listed_are_items_of_their_own():
    text = (
        TITLE
        + "会议审议了《青湖区物业管理条例（草案）》、《青湖区养犬管理办法（草案）》。"
    )
    assert [item for item, _ in items(text)] == [
        "《青湖区物业管理条例（草案）》",
        "《青湖区养犬管理办法（草案）》",
    ]


def test_reviews_enumeration_inside_an_item_is_not_split():
    text = (
        TITLE
        + "会议听取和审议了执法检查组关于检查《青湖法》、《河东省水条例》实施情况的报告。"
    )
    assert items(text) == [
        ("执法检查组关于检查《青湖法》、《河东省水条例》实施情况的报告", "reviewed")
    ]


def test_reviews_agenda_lines():
    text = TITLE + (
        "一、听取和审议区政府关于河道治理情况的报告；\n"
        "二、听取并审议区法院关于执行工作的报告，审议区政府关于预算的报告（书面）；\n"
        "3. 审议通过《青湖区养犬管理办法（试行）（草案）》。\n"
    )
    assert items(text) == [
        ("区政府关于河道治理情况的报告", "reviewed"),
        ("区法院关于执行工作的报告", "reviewed"),
        ("区政府关于预算的报告（书面）", "reviewed"),
        ("《青湖区养犬管理办法（试行）（草案）》", "adopted"),
    ]


def test_reviews_line_broken_verbs_and_items_are_read():
    text = TITLE + "会议还听取\n\n并审议了区政府关于河道\n\n治理情况的报告。"
    assert items(text) == [("区政府关于河道治理情况的报告", "reviewed")]


@pytest.mark.parametrize(
    "text",
    [
        "通过政府购买服务方式，确保有专人负责。",
        "1.通过网络直播等方式宣传政策。",
        "区政府认真落实审议意见，会议精神得到贯彻。",
        "经过审议，决定批准。",
        "调研组听取了区法院工作情况汇报。",  # not the meeting's business
    ],
)
def test_reviews_ordinary_prose_is_not_business(text):
    assert items(TITLE + text) == []


def test_reviews_clause_ends_at_a_non_item():
    text = TITLE + "会议听取了区政府关于河道治理情况的报告，会议经过审议，决定批准。"
    assert items(text) == [("区政府关于河道治理情况的报告", "heard")]


def test_reviews_meeting_and_date_come_from_before():
    text = (
        "2022年3月8日，明川市青湖区第五届人民代表大会常务委员会第九次会议举行。"
        "会议听取和审议了区政府关于河道治理情况的报告。"
    )
    (rev,) = find_reviews(text)
    assert rev.meeting_name == "明川市青湖区第五届人民代表大会常务委员会第九次会议"
    assert rev.date == "2022-03-08"


def test_reviews_meeting_name_stops_at_words_that_are_no_region():
    text = "区人大代表在区五届人大常委会第九次会议上。会议听取了区政府关于河道的报告。"
    (rev,) = find_reviews(text)
    assert rev.meeting_name == "区五届人大常委会第九次会议"


def test_reviews_meeting_from_the_caller_when_the_text_names_none():
    text = "会议听取了区政府关于河道的报告。"
    assert find_reviews(text) == []
    (rev,) = find_reviews(text, meeting="区五届人大常委会第九次会议")
    assert rev.meeting_name == "区五届人大常委会第九次会议"


def test_reviews_year_of_the_issue_fills_a_bare_date():
    text = "3月8日，区五届人大常委会第九次会议举行。会议听取了区政府关于河道的报告。"
    assert find_reviews(text)[0].date is None
    assert find_reviews(text, clock=2022)[0].date == "2022-03-08"


def test_reviews_offsets_point_at_the_item():
    text = TITLE + "会议听取和审议了区政府关于河道\n治理情况的报告。"
    (rev,) = find_reviews(text)
    assert text[rev.start : rev.end] == "区政府关于河道\n治理情况的报告"


def test_reviews_pipeline_records_quote_their_source():
    from gongbao.extract.pipeline import extract_document
    from gongbao.extract.records import SourceDocument

    text = TITLE + "会议审议通过了《青湖区物业管理条例（草案）》。"
    facts = extract_document(SourceDocument("x.txt", "x.txt", text, "utf-8", ""))
    (rev,) = facts.reviews
    assert rev.outcome == "adopted" and rev.meeting
    assert text[rev.evidence.start : rev.evidence.end] == rev.evidence.quote


def test_reviews_real_minutes_list_the_reports_heard(corpus_facts):
    reviewed = [r for r in corpus_facts["003"].reviews if r.outcome == "reviewed"]
    assert len(reviewed) >= 5
    assert any(r.outcome == "approved" for r in corpus_facts["003"].reviews)
    assert any("决算" in r.item for r in corpus_facts["003"].reviews)
    for facts in corpus_facts.values():
        for rev in facts.reviews:
            assert len(rev.item) >= 4 and rev.meeting
            text = facts.document.text
            assert text[rev.evidence.start : rev.evidence.end] == rev.evidence.quote


def test_reviews_real_gazette_prose_yields_little(corpus_facts):
    # A provincial gazette is mostly notices: "通过…方式" must not become business.
    assert len(corpus_facts["004"].reviews) <= 3


def test_reviews_meeting_key_comes_from_the_meetings_module(monkeypatch):
    import gongbao.extract.reviews
    from gongbao.extract.pipeline import extract_document
    from gongbao.extract.records import SourceDocument

    def meeting_from_name(text, context):
        return ("青湖区|5|9", text, "青湖区人大常委会", 5, 9)

    monkeypatch.setattr(gongbao.extract.reviews, "meeting_from_name", meeting_from_name)
    text = TITLE + "会议审议通过了《青湖区物业管理条例（草案）》。"
    facts = extract_document(SourceDocument("x.txt", "x.txt", text, "utf-8", ""))
    assert [r.meeting for r in facts.reviews] == ["青湖区|5|9"]


def test_reviews_business_named_between_jiu_and_shencha():
    text = TITLE + (
        "会议首先就区人民政府区长张某某关于甲某、乙某两位同志辞去领导职务的提请报告；"
        "区人民法院院长李某某关于辞去领导职务的提请报告进行了认真审查。"
        "会议还对《关于批准实施〈青湖区市容管理细则〉的提请报告》进行了审议。"
    )
    assert items(text) == [
        (
            "区人民政府区长张某某关于甲某、乙某两位同志辞去领导职务的提请报告",
            "reviewed",
        ),
        ("区人民法院院长李某某关于辞去领导职务的提请报告", "reviewed"),
        ("《关于批准实施〈青湖区市容管理细则〉的提请报告》", "reviewed"),
    ]


def test_reviews_a_report_delivered_in_a_sentence_of_its_own():
    text = TITLE + "会上，区委常委、组织部部长赵某某作关于人事任免事项的说明。"
    assert items(text) == [
        ("区委常委、组织部部长赵某某作关于人事任免事项的说明", "heard")
    ]


def test_reviews_a_verb_we_do_not_record_ends_the_list():
    text = (
        TITLE
        + "会议听取了区政府关于河道的报告；研究了关于甲条例、乙条例的说明的书面报告。"
    )
    assert items(text) == [("区政府关于河道的报告", "heard")]


def test_reviews_bills_adopted_are_not_reports():
    from gongbao.extract.reports import heard_reports

    assert heard_reports("《青湖区议事规则（草案）》", "adopted") == []
    assert heard_reports("《青湖区议事规则（草案）》", "heard") != []

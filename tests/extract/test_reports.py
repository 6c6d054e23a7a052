import pytest

from gongbao.extract.reports import find_reports

BYLINE = "——2022年3月8日在青湖区第五届人大常委会第九次会议上"
SALUTE = "主任、各位副主任、各位委员：\n"
OPENING = "现将有关情况报告如下，请审议。\n"


def head(*lines: str, opening: str = OPENING) -> str:
    return "上期文章的最后一句。\n" + "\n".join(lines) + "\n" + SALUTE + opening


def one(text: str, **kwargs):
    (found,) = find_reports(text, **kwargs)
    return found


def test_reports_post_and_name_give_reporter_and_title():
    r = one(head("关于青湖区河道治理情况的报告", BYLINE, "青湖区水利局局长 林小川"))
    assert (r.title, r.reporter, r.reporter_title) == (
        "关于青湖区河道治理情况的报告",
        "林小川",
        "青湖区水利局局长",
    )
    assert r.body == "青湖区水利局"
    assert r.date == "2022-03-08"
    assert r.meeting_text == "青湖区第五届人大常委会第九次会议"
    assert not r.written


def test_reports_padded_names_close_up():
    r = one(
        head("关于河道治理情况的报告", BYLINE, "青湖区人大农业委员会主任委员 李 明")
    )
    assert (r.reporter, r.reporter_title) == ("李明", "青湖区人大农业委员会主任委员")


def test_reports_post_on_its_own_line_then_post_and_name():
    r = one(
        head(
            "关于河道治理情况的报告",
            BYLINE,
            "青湖区人大城建环保委员会主任委员",
            "执法检查组副组长 周 洁",
        )
    )
    assert (r.reporter, r.reporter_title) == (
        "周洁",
        "青湖区人大城建环保委员会主任委员",
    )


def test_reports_closed_up_post_and_name():
    r = one(head("关于河道治理情况的报告", BYLINE, "区委常委、常务副区长林海"))
    assert (r.reporter, r.reporter_title) == ("林海", "区委常委、常务副区长")


def test_reports_delivered_by_a_body_has_no_reporter():
    r = one(
        head(
            "青湖区人大常委会",
            "关于河道治理情况的调研报告",
            BYLINE,
            "区人大常委会调研组",
        )
    )
    assert r.reporter == "" and r.body == "区人大常委会调研组"
    assert r.title == "关于河道治理情况的调研报告"


def test_reports_person_on_behalf_of_a_group():
    r = one(head("关于项目建设情况的视察报告", BYLINE, "赵敏代表区人大常委会视察组"))
    assert (r.reporter, r.body) == ("赵敏", "区人大常委会视察组")


@pytest.mark.parametrize(
    "lines",
    [
        ("关于国有资产管理情况的专项报告", BYLINE, "（ 书面 ）"),
        ("关于国有资产管理情况的专项报告", BYLINE + "（书面）"),
        ("关于国有资产管理情况的专项报告（书面）", BYLINE),
    ],
)
def test_reports_written(lines):
    r = one(head(*lines))
    assert r.written and r.reporter == ""
    assert r.title == "关于国有资产管理情况的专项报告"


def test_reports_issuer_line_and_title_prefix_give_the_body():
    r = one(head("青湖区人民政府", "关于河道治理", "情况的报告", BYLINE, "（书面）"))
    assert r.title == "关于河道治理情况的报告" and r.body == "青湖区人民政府"
    r = one(head("青湖区人大财政经济委员会关于预算执行情况的审查报告", BYLINE))
    assert r.body == "青湖区人大财政经济委员会"


def test_reports_entrusted_body_when_nothing_else_tells():
    r = one(
        head("关于预算执行情况的报告", BYLINE, opening="受区政府委托，我报告如下。\n")
    )
    assert r.body == "区政府"


def test_reports_subject_law_from_the_title():
    r = one(head("关于《青湖区物业管理条例》贯彻执行情况的报告", BYLINE))
    assert r.subject_law == "青湖区物业管理条例"
    r = one(head("关于《明川市监督工作办法（试行）（草案）》的说明", BYLINE))
    assert r.subject_law == "明川市监督工作办法（试行）"
    r = one(head("关于《明川市关于设立“工匠日”的决定（草案）》的说明", BYLINE))
    assert r.subject_law == ""
    r = one(
        head("关于落实《对〈明川市供水条例实施情况的报告〉的审议意见》的报告", BYLINE)
    )
    assert r.subject_law == "明川市供水条例"


def test_reports_government_work_report_without_guanyu():
    text = head(
        "政府工作报告",
        "——2023年1月10日在明川市第十五届人民代表大会第二次会议上",
        "明川市代市长 周立新",
    )
    r = one(text)
    assert (r.title, r.reporter, r.body) == ("政府工作报告", "周立新", "明川市人民政府")


def test_reports_reporter_printed_above_the_byline():
    text = head(
        "政府工作报告",
        "明川市市长 周立新",
        "——2023年1月10日在明川市第十五届人民代表大会第二次会议上",
    )
    r = one(text)
    assert (r.title, r.reporter, r.reporter_title) == (
        "政府工作报告",
        "周立新",
        "明川市市长",
    )


def test_reports_title_joined_to_its_byline():
    r = one("关于河道治理情况的报告" + BYLINE + "\n青湖区水利局局长 林小川\n" + SALUTE)
    assert (r.title, r.reporter) == ("关于河道治理情况的报告", "林小川")


def test_reports_reporter_joined_to_its_byline():
    r = one(head("关于河道治理情况的报告", BYLINE + "青湖区水利局局长 林小川"))
    assert (r.reporter, r.date) == ("林小川", "2022-03-08")


def test_reports_adoption_line_is_no_byline():
    text = (
        "关于河道治理的决定\n（2022年3月8日在青湖区第五届人大常委会第九次会议上通过）\n"
    )
    assert find_reports(text) == []


def test_reports_date_without_year_takes_the_issue_year():
    text = head("关于河道治理情况的报告", "——3月8日在区五届人大常委会第九次会议上")
    assert one(text).date is None
    assert one(text, clock=2022).date == "2022-03-08"


def test_reports_no_byline_no_report():
    text = "关于河道治理情况的报告\n青湖区水利局局长 林小川\n" + SALUTE
    assert find_reports(text) == []
    assert find_reports("——坚持生态优先，规划先行。\n") == []


def test_reports_offsets_span_title_to_reporter():
    text = head("关于河道治理情况的报告", BYLINE, "青湖区水利局局长 林小川")
    r = one(text)
    assert text[r.start : r.end].startswith("关于河道治理")
    assert text[r.start : r.end].endswith("林小川")
    assert text[slice(*r.reporter_span)] == "林小川"


def test_reports_pipeline_records_quote_their_source():
    from gongbao.extract.pipeline import extract_document
    from gongbao.extract.records import SourceDocument

    text = head("关于河道治理情况的报告", BYLINE, "青湖区水利局局长 林小川")
    facts = extract_document(SourceDocument("x.txt", "x.txt", text, "utf-8", ""))
    (rep,) = facts.reports
    assert rep.reporter == "林小川" and rep.date == "2022-03-08"
    assert text[rep.evidence.start : rep.evidence.end] == rep.evidence.quote


def test_reports_real_bulletins_match_the_gold(corpus_facts, gold_dir):
    from gongbao.graph.evaluate import load_gold, rows_from_facts, score_rows

    scores = score_rows(
        load_gold(gold_dir),
        rows_from_facts(corpus_facts.values()),
        families=["reports"],
    )
    s = scores["reports"]
    assert s.f1 >= 0.95, s.misses + s.extras
    assert s.date_share is None or s.date_share >= 0.95, s.wrong_dates


def test_reports_real_gazette_without_bylines_has_none(corpus_facts):
    assert corpus_facts["004"].reports == []


def test_reports_real_written_report_is_marked(corpus_facts):
    written = [r for r in corpus_facts["000"].reports if r.written]
    assert len(written) == 1 and written[0].reporter == ""


def test_reports_meeting_key_comes_from_the_meetings_module(monkeypatch):
    import gongbao.extract.reports
    from gongbao.extract.pipeline import extract_document
    from gongbao.extract.records import SourceDocument

    def meeting_from_name(text, context):
        return ("青湖区|5|9", text, "青湖区人大常委会", 5, 9)

    monkeypatch.setattr(gongbao.extract.reports, "meeting_from_name", meeting_from_name)
    text = head("关于河道治理情况的报告", BYLINE, "青湖区水利局局长 林小川")
    facts = extract_document(SourceDocument("x.txt", "x.txt", text, "utf-8", ""))
    assert [r.meeting for r in facts.reports] == ["青湖区|5|9"]


@pytest.mark.parametrize("dash", ["——", "―――", "──", "--", "－－"])
def test_reports_byline_dashes_as_pdfs_print_them(dash):
    byline = dash + "2022年3月8日在青湖区第五届人大常委会第九次会议上"
    r = one(head("关于河道治理情况的报告", byline, "青湖区水利局局长 林小川"))
    assert (r.reporter, r.date) == ("林小川", "2022-03-08")


def test_reports_heard_several_reporters_and_a_title_after_the_reporter():
    from gongbao.extract.reports import heard_reports

    both = heard_reports(
        "区人民法院院长李某某、区人民检察院检察长王某某关于辞去领导职务的提请报告",
        "reviewed",
    )
    assert [(r.reporter, r.reporter_title) for r in both] == [
        ("李某某", "区人民法院院长"),
        ("王某某", "区人民检察院检察长"),
    ]
    one = heard_reports("区委常委、区人民政府副区长赵某某作关于预算的报告", "heard")
    assert [(r.reporter, r.reporter_title) for r in one] == [
        ("赵某某", "区委常委、区人民政府副区长")
    ]
    titled = heard_reports(
        "区人民政府区长张某某《关于医院贷款贴息的提请报告》", "reviewed"
    )
    assert [(r.reporter, r.title) for r in titled] == [
        ("张某某", "《关于医院贷款贴息的提请报告》")
    ]
    checked = heard_reports("关于检查《青湖区条例》实施情况的报告", "reviewed")
    assert [r.reporter for r in checked] == [""]

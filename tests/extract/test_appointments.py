"""Appointments: lists, gazette entries, resignations, with who decided and when."""

from gongbao.extract.appointments import canonical_post, find_appointments
from gongbao.extract.context import DocContext

CITY = DocContext(
    "x.txt",
    region="明川市",
    region_short="明川市",
    level="city",
    publisher="明川市人民代表大会常务委员会",
    year=2023,
)
PROVINCE = DocContext(
    "x.txt",
    region="河东省",
    region_short="河东省",
    level="province",
    publisher="河东省人民政府",
    year=2023,
)


def _rows(text, context):
    return [
        (a.person, a.action, a.post, a.date, a.decided_by, a.doc_number, a.note)
        for a in find_appointments(text, context)
    ]


def test_congress_list_with_adoption_note_padded_names_and_derived_post():
    text = (
        "明川市人民代表大会常务委员会任免名单\n"
        "（2023年9月14日明川市第九届人民代表大会常务委员会第\n八次会议通过）\n"
        "接受谭永昌因工作调动辞去明川市人民政府副市长职务的\n请求。\n"
        "任命：\n苑志诚同志为明川市人民政府副市长，决定其为代理市长。\n"
        "相思远为市教育局局长。\n免去：\n于 涛的明川市教育局局长职务。\n"
    )
    rows = _rows(text, CITY)
    body = "明川市人民代表大会常务委员会"
    assert (
        "谭永昌",
        "resign",
        "明川市人民政府副市长",
        "2023-09-14",
        body,
        "",
        "",
    ) in rows
    assert (
        "苑志诚",
        "appoint",
        "明川市人民政府代理市长",
        "2023-09-14",
        body,
        "",
        "",
    ) in rows
    assert ("相思远", "appoint", "明川市教育局局长", "2023-09-14", body, "", "") in rows
    assert ("于涛", "remove", "明川市教育局局长", "2023-09-14", body, "", "") in rows
    assert len(rows) == 5
    assert all(a.meeting == f"{body}|9|8" for a in find_appointments(text, CITY))


def test_gazette_entries_same_day_pronoun_notes_and_document_numbers():
    text = (
        "河东省人民政府人事任免\n"
        "5月17日 省政府决定，免去房立新的省自然资\n源厅副厅长职务。（东政干任〔2023〕15号）\n"
        "同日 省政府决定，任命庄明德为省林业局巡视员；免去其省林业局副局长职务。"
        "（东政干任\n〔2023〕16号）\n"
        "5月23日 省政府决定，聘任甘露为河东省文史研究馆名誉馆长（试用期一年）。"
        "（东政干任〔2023〕17号）\n"
    )
    rows = _rows(text, PROVINCE)
    gov = "河东省人民政府"
    assert rows == [
        (
            "房立新",
            "remove",
            "河东省自然资源厅副厅长",
            "2023-05-17",
            gov,
            "东政干任〔2023〕15号",
            "",
        ),
        (
            "庄明德",
            "appoint",
            "河东省林业局巡视员",
            "2023-05-17",
            gov,
            "东政干任〔2023〕16号",
            "",
        ),
        (
            "庄明德",
            "remove",
            "河东省林业局副局长",
            "2023-05-17",
            gov,
            "东政干任〔2023〕16号",
            "",
        ),
        (
            "甘露",
            "engage",
            "河东省文史研究馆名誉馆长",
            "2023-05-23",
            gov,
            "东政干任〔2023〕17号",
            "试用期一年",
        ),
    ]


def test_titles_naming_a_decision_are_not_decisions():
    text = "关于接受谭永昌同志辞去明川市人民政府副市长职务请求的决定\n"
    assert find_appointments(text, CITY) == []


def test_canonical_post_splits_organisation_and_post_word():
    assert canonical_post("省审计厅副厅长", PROVINCE) == "河东省审计厅副厅长"
    assert canonical_post("北华大学副校长", PROVINCE) == "北华大学副校长"
    assert (
        canonical_post("代理市长", CITY, "明川市人民政府") == "明川市人民政府代理市长"
    )


def test_real_bulletin_appointment_of_yao_huaming(corpus_facts):
    found = [a for a in corpus_facts["003"].appointments if a.person == "姚华明"]
    assert {(a.action, a.post) for a in found} == {
        ("appoint", "营口市人民政府副市长"),
        ("appoint", "营口市人民政府代理市长"),
    }
    assert all(a.date == "2021-08-12" for a in found)
    assert all(a.decided_by == "营口市人民代表大会常务委员会" for a in found)


def test_news_report_of_a_meeting_decision_takes_the_meeting_date():
    text = (
        "3月26日，明川市九届人大常委会第十次会议召开。会议表决通过了人事任免事项，"
        "任命甄乐为明川市审计局局长；免去甘棠的明川市审计局局长职务。"
    )
    rows = _rows(text, CITY)
    body = "明川市人民代表大会常务委员会"
    assert rows == [
        ("甄乐", "appoint", "明川市审计局局长", "2023-03-26", body, "", ""),
        ("甘棠", "remove", "明川市审计局局长", "2023-03-26", body, "", ""),
    ]


def test_own_resignation_requests_once_the_meeting_agrees():
    county = DocContext(
        "x.txt",
        region="青湖县",
        region_short="青湖县",
        level="county",
        publisher="青湖县人民代表大会常务委员会",
        year=2011,
    )
    text = (
        "10月10日，青湖县第十五届人大常委会举行第35次会议。会议首先就县人民政府县长"
        "张立新关于成文杰、石庆明两位同志辞去领导职务的提请报告；县人民法院院长李宗明、"
        "县人民检察院检察长杨德胜关于辞去领导职务的提请报告进行了认真审查。"
    )
    agreed = text + "经审查和投票表决，会议同意以上四位同志辞去领导职务。"
    found = {(a.person, a.post) for a in find_appointments(agreed, county)}
    assert {
        ("李宗明", "青湖县人民法院院长"),
        ("杨德胜", "青湖县人民检察院检察长"),
    } <= found
    assert "张立新" not in {person for person, _ in found}  # he only forwarded two
    pending = {a.person for a in find_appointments(text, county)}
    assert not pending & {"李宗明", "杨德胜"}  # not yet agreed: no decision

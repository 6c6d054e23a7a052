"""Bodies are named in full against the document's jurisdiction."""

import pytest

from gongbao.extract.bodies import canonical_body
from gongbao.extract.context import DocContext

DISTRICT = DocContext(
    "x.txt",
    region="明川市青湖区",
    region_short="青湖区",
    parents=("明川市",),
    level="district",
)
PROVINCE = DocContext("x.txt", region="河东省", region_short="河东省", level="province")


@pytest.mark.parametrize(
    ("name", "context", "full"),
    [
        ("区法院", DISTRICT, "明川市青湖区人民法院"),
        ("区人民法院", DISTRICT, "明川市青湖区人民法院"),
        ("区政府", DISTRICT, "明川市青湖区人民政府"),
        ("区检察院", DISTRICT, "明川市青湖区人民检察院"),
        ("区监察委", DISTRICT, "明川市青湖区监察委员会"),
        ("市人大常委会", DISTRICT, "明川市人民代表大会常务委员会"),
        ("青湖区人民政府", DISTRICT, "明川市青湖区人民政府"),
        ("区十七届人大常委会", DISTRICT, "明川市青湖区人民代表大会常务委员会"),
        ("区人大常委会视察组", DISTRICT, "明川市青湖区人民代表大会常务委员会视察组"),
        ("省审计厅", PROVINCE, "河东省审计厅"),
        ("省政府", PROVINCE, "河东省人民政府"),
        ("河东省人民政府", PROVINCE, "河东省人民政府"),
        ("北华大学", PROVINCE, "北华大学"),
    ],
)
def test_canonical_body(name, context, full):
    assert canonical_body(name, context) == full


def test_without_a_jurisdiction_only_short_forms_expand():
    assert (
        canonical_body("区人大常委会", DocContext("x.txt"))
        == "区人民代表大会常务委员会"
    )
    assert canonical_body(" ", DocContext("x.txt")) == ""

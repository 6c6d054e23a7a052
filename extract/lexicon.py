"""Word lists the extractors share, as data (like ``spacy/lang/zh/stop_words.py``).

One place for each list: titles of office, what a body's name ends with, the
short forms of bodies, the levels of administrative units, surnames. Rule modules
compile their patterns from these lists; none spells a list out again.

>>> "副主任" in POST_WORDS, "欧阳" in COMPOUND_SURNAMES, "王" in SURNAMES
(True, True, True)
>>> alternation(("主任", "副主任"))
'副主任|主任'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "BODY_ENDINGS",
    "COMPOUND_SURNAMES",
    "CONGRESS_NAMES",
    "GROUP_WORDS",
    "HEAD_OF_GOVERNMENT",
    "LEVEL_CHARS",
    "NAME_STOP_CHARS",
    "ORGAN_SHORT_FORMS",
    "POST_QUALIFIERS",
    "POST_WORDS",
    "REGION_LEVELS",
    "SURNAMES",
    "alternation",
]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 副主任 beats 主任)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


#: Words that end a title of office.
POST_WORDS = (
    "常务副主任",
    "副主任委员",
    "主任委员",
    "副主任",
    "主任",
    "副主席",
    "主席",
    "副秘书长",
    "秘书长",
    "副书记",
    "书记",
    "常务副区长",
    "副区长",
    "区长",
    "常务副市长",
    "副市长",
    "市长",
    "常务副省长",
    "副省长",
    "省长",
    "常务副县长",
    "副县长",
    "县长",
    "副州长",
    "州长",
    "常务副旗长",
    "副旗长",
    "旗长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副院长",
    "院长",
    "副检察长",
    "检察长",
    "检察员",
    "副局长",
    "局长",
    "副厅长",
    "厅长",
    "副部长",
    "部长",
    "副组长",
    "组长",
    "副会长",
    "会长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "副巡视员",
    "巡视员",
    "调研员",
    "委员",
    "常委",
    "代表",
    "同志",
    "成员",
    "主任科员",
    "审判员",
    "庭长",
    "所长",
    "站长",
    "行长",
    "社长",
    "总经理",
    "副总经理",
    "经理",
    "董事长",
    "副校长",
    "校长",
    "主编",
    "负责人",
    "领导",
    "专员",
    "总监",
    "总师",
    "工程师",
    "名誉馆长",
    "副馆长",
    "馆长",
)

#: What may stand before a post word without naming an organisation (代理市长).
POST_QUALIFIERS = frozenset(
    {"", "代理", "常务", "兼", "兼任", "第一", "专职", "挂职", "党组书记、"}
)

#: Heads of government by level word: 市 -> 市长 (for "明川市市长" -> 明川市人民政府).
HEAD_OF_GOVERNMENT = ("省长", "市长", "区长", "县长", "州长", "旗长")

#: Words a body's name ends with (longest first where it matters).
BODY_ENDINGS = (
    "人民政府",
    "政府",
    "人民代表大会常务委员会",
    "常务委员会",
    "常委会",
    "委员会",
    "人民法院",
    "法院",
    "人民检察院",
    "检察院",
    "监察委员会",
    "监察委",
    "调研组",
    "视察组",
    "检查组",
    "执法检查组",
    "工作组",
    "局",
    "厅",
    "办公室",
    "委",
    "院",
    "部",
    "中心",
    "署",
    "会",
)

#: Names of a people's congress standing committee, full and short.
CONGRESS_NAMES = ("人民代表大会常务委员会", "人大常委会", "人大常务委员会")

#: Short forms of bodies -> (pattern, full form), applied in order.
ORGAN_SHORT_FORMS = (
    (r"人大常委会", "人民代表大会常务委员会"),
    (r"人大常务委员会", "人民代表大会常务委员会"),
    (
        r"人大(?=[法财教内农社监预城环华民选代人研][^\s]{0,6}?委员会|常委会)",
        "人民代表大会",
    ),
    (r"人大(?=[\u4e00-\u9fff]{0,8}?(?:委员会|代表)$)|人大$", "人民代表大会"),
    (r"(?<!人民)政府", "人民政府"),
    (r"(?<!人民)法院", "人民法院"),
    (r"(?<!人民)检察院", "人民检察院"),
    (r"监察?委(?!员)", "监察委员会"),
    (r"发改委", "发展和改革委员会"),
    (r"卫健委", "卫生健康委员会"),
)

#: Level words of administrative units and their level, longest first.
REGION_LEVELS = (
    ("自治区", "province"),
    ("特别行政区", "province"),
    ("省", "province"),
    ("自治州", "city"),
    ("地区", "city"),
    ("盟", "city"),
    ("州", "city"),
    ("自治县", "county"),
    ("自治旗", "county"),
    ("县", "county"),
    ("旗", "county"),
    ("新区", "district"),
    ("区", "district"),
    ("市", "city"),
)

#: Bare level words that abbreviate "this document's region" (区法院, 县政府).
LEVEL_CHARS = "省市区县州旗"

#: Characters that make a would-be name a body, a post or a phrase instead.
NAME_STOP_CHARS = frozenset(
    "局委院会府厅部办处室所组团队校区市省县镇乡街村员席记等及的了报告议况附件"
    "决定条例与在持以"
)

#: Words of unnamed groups ("各工作委员会负责人"): they name nobody.
GROUP_WORDS = (
    "负责人",
    "负责同志",
    "有关部门",
    "有关人员",
    "相关部门",
    "工作人员",
    "组成人员",
    "全体",
    "部分",
    "各",
    "其他",
    "相关",
    "有关",
    "代表",
    "主席团",
    "召集人",
)

#: Single-character surnames (the common ones of the 百家姓 and beyond).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐"
    "易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
    "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟"
    "邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池乐匡麻郁原官房郜燕井"
    "楚茅储鞠糜侍蔺郏娄宿邴粟芮阎晋衣禹续茹杭占郦卿谌蔚勾琚权逯盖益桓公冀战蓟"
    "揭佀闻谈敬满栗厉漆鄢来荆帅訾隆那扈迟闪尉保楼丰暴拓由奚仝惠胥达阚相郗智堵"
    "伏冼练修扶钮生门水银乌布代"
)

#: Two-character surnames.
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "令狐",
        "夏侯",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "万俟",
        "呼延",
        "申屠",
        "澹台",
        "百里",
        "东郭",
        "闻人",
        "钟离",
        "宗政",
        "濮阳",
        "太史",
    }
)

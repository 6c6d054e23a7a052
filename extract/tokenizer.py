r"""A fast character tokenizer for Chinese bulletins.

spaCy's blank ``zh`` pipeline already splits Chinese into characters, but through
a general segmenter that manages about 150,000 characters a second here. Bulletin
extraction works on character offsets, so this tokenizer makes the same tokens
directly: one token per non-space character, a run of ASCII letters or digits as
one token, and whitespace other than a single space as its own token. Every
character offset at a token boundary can start or end a span.

>>> import spacy
>>> nlp = spacy.blank("zh")
>>> nlp.tokenizer = CharTokenizer(nlp.vocab)
>>> [t.text for t in nlp("2020年 第25次\n会议")]
['2020', '年', '第', '25', '次', '\n', '会', '议']
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["CharTokenizer"]

# Tokens longer than one character: runs of ASCII letters or digits, of spaces.
_RUNS = re.compile(r"[A-Za-z0-9]{2,}| {2,}")


class CharTokenizer:
    """Text -> Doc with one token per CJK character (see the module docstring)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Tokenise ``text``; ``doc.text == text`` always."""
        tokens = _tokens(text)
        # A single space after a token that is not whitespace is that token's
        # trailing space (two space tokens never follow each other: " +" is greedy).
        merged = [
            i
            for i, token in enumerate(tokens)
            if token == " " and i and not tokens[i - 1].isspace()
        ]
        if not merged:
            return Doc(self.vocab, words=tokens, spaces=[False] * len(tokens))
        words: list[str] = []
        spaces: list[bool] = []
        start = 0
        for i in merged:
            words += tokens[start:i]
            spaces += [False] * (i - start)
            spaces[-1] = True
            start = i + 1
        words += tokens[start:]
        spaces += [False] * (len(tokens) - start)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **kwargs) -> bytes:
        """Nothing to save: the tokenizer has no settings."""
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> CharTokenizer:
        """Nothing to load."""
        return self

    def to_disk(self, path, **kwargs) -> None:
        """Nothing to save."""

    def from_disk(self, path, **kwargs) -> CharTokenizer:
        """Nothing to load."""
        return self


def _tokens(text: str) -> list[str]:
    r"""One string per character, except the multi-character runs of :data:`_RUNS`.

    The same tokens as ``re.findall(r"[A-Za-z0-9]+|[^\S ]| +|\S", text)``, with
    the characters between runs split by ``list`` rather than one regex step
    each.
    """
    tokens: list[str] = []
    pos = 0
    for run in _RUNS.finditer(text):
        start = run.start()
        if start > pos:
            tokens += text[pos:start]
        tokens.append(run[0])
        pos = run.end()
    tokens += text[pos:]
    return tokens

import re

import spacy
from hypothesis import given
from hypothesis import strategies as st

from gongbao.extract.tokenizer import CharTokenizer

nlp = spacy.blank("zh")
nlp.tokenizer = CharTokenizer(nlp.vocab)

TEXT = st.text(
    alphabet=st.sampled_from(
        list("会议由王明主持出席列席 \n\t\u3000年月日2025abc，。《》")
    ),
    max_size=200,
)


@given(TEXT)
def test_tokenizer_keeps_the_text_exactly(text):
    assert nlp.make_doc(text).text == text


@given(TEXT)
def test_tokenizer_every_cjk_character_is_a_token_boundary(text):
    doc = nlp.make_doc(text)
    for i, char in enumerate(text):
        if "\u4e00" <= char <= "\u9fff":
            assert doc.char_span(i, i + 1) is not None, (text, i)


def _tokens_one_by_one(text: str) -> list[tuple[str, bool]]:
    """The tokenizer's rule spelled out: one space after a token is its space."""
    out: list[tuple[str, bool]] = []
    for token in re.findall(r"[A-Za-z0-9]+|[^\S ]| +|\S", text):
        if token == " " and out and not out[-1][1] and not out[-1][0].isspace():
            out[-1] = (out[-1][0], True)
        else:
            out.append((token, False))
    return out


@given(TEXT)
def test_tokenizer_tokens_follow_the_rule(text):
    doc = nlp.make_doc(text)
    assert [(t.text, bool(t.whitespace_)) for t in doc] == _tokens_one_by_one(text)


def test_tokenizer_real_bulletin_round_trips(corpus_file):
    text = corpus_file("000").read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert (
        doc.char_span(text.index("付彩霞"), text.index("付彩霞") + 3).text == "付彩霞"
    )

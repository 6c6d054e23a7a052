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


def test_tokenizer_real_bulletin_round_trips(corpus_file):
    text = corpus_file("000").read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert (
        doc.char_span(text.index("付彩霞"), text.index("付彩霞") + 3).text == "付彩霞"
    )

"""Links are found by scanning only the stretches around ".", "@" and ":", with the same result as the pattern
run over the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.disclosure.normalise import URL_RE, find_links, normalise
from tests.disclosure.test_properties import CAPTIONS
from tests.disclosure.test_scanner import table_captions

PIECES = st.sampled_from(
    [
        "https://amzn.to/3x",
        "www.glow.co",
        "hello@mayamakes.com",
        "rstyle.me/n/abc",
        "a.b",
        "x@y",
        "http://",
        ".",
        "@",
        ":",
        " ",
        "\n",
        "\u00a0",
        "\u2003",
        "shop.",
        "co",
        "glow",
        "-",
        "_",
        "é",
        "..com",
        "a@b.c.d.e",
        "\u2028",  # white space that is no space, line break or tab
        "\x1c",
        ":/",
        "x.",
    ]
)


def whole(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in URL_RE.finditer(text))


def test_the_case_table_finds_the_same_links() -> None:
    texts = [normalise(caption).text for caption in table_captions()]
    assert sum(len(whole(text)) for text in texts) >= 15  # the table has links of every kind
    for text in texts:
        assert find_links(text) == whole(text), text


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(CAPTIONS, st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=25).map("".join)))
def test_any_text_finds_the_same_links(text: str) -> None:
    assert find_links(text) == whole(text)

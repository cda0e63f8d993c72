"""Properties over arbitrary text: the checker never crashes, a leading "#ad" never leaves a US post "missing",
and the suggested caption of a post passes its own check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.disclosure import CheckRequest, Connection, Format, Jurisdiction, Platform, Verdict, check_caption

# Text that looks like captions often enough to reach the interesting paths: words, labels, tags, links, emoji.
FRAGMENTS = st.sampled_from(
    [
        "#ad",
        "#sp",
        "#spon",
        "#collab",
        "#gifted",
        "Werbung",
        "Publicité",
        "not sponsored",
        "#notanad",
        "ad",
        "AD |",
        "＃ＡＤ",
        "@glossier",
        "#glowpartner",
        "thanks @brand",
        "use code SAVE20",
        "link in bio",
        "https://amzn.to/3x",
        "rstyle.me/n/abc",
        "#skincare",
        "#glow",
        "✨",
        "\n",
        " ",
        "Loving my new serum!",
        "Meine neue Creme",
        "mon nouveau sérum",
        "in partnership with",
        "I earn a commission",
        "#adventure",
        "made",
        "ready",
        "#",
        "@",
        "?tag=",
        "—",
        "|",
        ":",
        "ﬁ",
        "ẞ",
        "e\u0301",
        "\u200b",
        "🇩🇪",
        "300 AD",
    ]
)
CAPTIONS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=30).map(" ".join),
)
OPTIONS = dict(
    platform=st.sampled_from(list(Platform)),
    format=st.sampled_from(list(Format)),
    jurisdiction=st.sampled_from(list(Jurisdiction)),
    connection=st.sampled_from(list(Connection)),
    brand=st.one_of(st.none(), st.sampled_from(["Glossier", "Glow Recipe", "@nivea", "a", ""]), st.text(max_size=10)),
)


@settings(max_examples=300, deadline=None)
@given(text=CAPTIONS, **OPTIONS)
def test_arbitrary_text_never_crashes(text, platform, format, jurisdiction, connection, brand) -> None:
    result = check_caption(
        CheckRequest(
            text=text, platform=platform, format=format, jurisdiction=jurisdiction, connection=connection, brand=brand
        )
    )
    assert all(f.message and f.source_url.startswith("http") for f in result.findings)
    if result.verdict is Verdict.not_needed:
        assert result.fixed_caption == text


@settings(max_examples=300, deadline=None)
@given(text=CAPTIONS, platform=st.sampled_from(list(Platform)))
def test_a_leading_ad_is_never_missing_for_a_paid_us_post(text, platform) -> None:
    result = check_caption(
        CheckRequest(text="#ad " + text, platform=platform, format=Format.post, jurisdiction="US", connection="paid")
    )
    assert result.verdict is not Verdict.missing


@settings(max_examples=300, deadline=None)
@given(
    text=CAPTIONS,
    platform=st.sampled_from(list(Platform)),
    jurisdiction=st.sampled_from(list(Jurisdiction)),
    connection=st.sampled_from([Connection.paid, Connection.gift, Connection.affiliate, Connection.employee]),
)
def test_the_fixed_caption_of_a_post_is_compliant(text, platform, jurisdiction, connection) -> None:
    options = dict(platform=platform, format=Format.post, jurisdiction=jurisdiction, connection=connection)
    first = check_caption(CheckRequest(text=text, **options))
    again = check_caption(CheckRequest(text=first.fixed_caption, **options))
    assert again.verdict is Verdict.compliant, (first.fixed_caption, [f.message for f in again.findings])


def _normalised_one_by_one(text: str) -> tuple[str, tuple[int, ...]]:
    """What normalise() promises, character by character: ASCII lower-cased; other characters decomposed, with
    accents and zero-width marks dropped, and case-folded; each output character remembering its source."""
    import unicodedata

    from bot.disclosure.normalise import _PUNCTUATION

    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            chars.append(char.lower())
            origin.append(index)
        elif unicodedata.category(char) not in ("Cf", "Mn"):
            for part in unicodedata.normalize("NFKD", char.translate(_PUNCTUATION)):
                if not unicodedata.combining(part):
                    chars.extend(part.casefold())
                    origin.extend([index] * len(part.casefold()))
    return "".join(chars), tuple(origin)


UNICODE_PIECES = st.sampled_from(
    ["a", "B", " ", "#", ".", "é", "ß", "＃", "Ａ", "\u200b", "\u0301", "’", "ﬁ", "İ", "✨", "☕️", "𝐀", "Σ", "½"]
)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(max_size=20), st.lists(UNICODE_PIECES, max_size=20).map("".join)))
def test_normalising_maps_every_character_back_to_the_one_it_came_from(text: str) -> None:
    from bot.disclosure.normalise import normalise

    expected, origin = _normalised_one_by_one(text)
    norm = normalise(text)
    assert norm.text == expected
    for start in range(len(expected)):
        for end in range(start + 1, len(expected) + 1):
            assert norm.to_original(start, end) == (origin[start], origin[end - 1] + 1)

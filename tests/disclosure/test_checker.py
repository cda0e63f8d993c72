"""What a user reads from the checker: verdicts, findings with sources, and the suggested caption."""

from __future__ import annotations

import pytest

from bot.disclosure import CheckRequest, Connection, Severity, Verdict, check_caption


def check(text: str, **options: str):
    return check_caption(CheckRequest(text=text, **options))


@pytest.mark.parametrize("connection", ["unknown", "paid"])
def test_sp_is_insufficient_in_the_us(connection: str) -> None:
    result = check(
        "Loving my new serum! #sp", platform="instagram", format="post", jurisdiction="US", connection=connection
    )

    assert result.verdict is Verdict.needs_work
    sp = next(f for f in result.findings if f.term == "#sp")
    assert sp.rule_id == "term.insufficient"
    assert sp.severity is Severity.needs_work
    assert "insufficient" in sp.message and "'sp'" in sp.message
    assert sp.source_url.startswith("https://www.ftc.gov/")
    assert result.fixed_caption == "#ad Loving my new serum!"
    assert check(result.fixed_caption, connection="paid").verdict is Verdict.compliant


def test_an_inferred_connection_is_said_with_its_evidence() -> None:
    result = check("Loving these jeans! Use code SARAH15 at rstyle.me/n/abc")

    assert result.verdict is Verdict.missing
    assert result.connection is Connection.affiliate and result.connection_inferred
    inferred = next(f for f in result.findings if f.rule_id == "connection.inferred")
    assert "SARAH15" in inferred.message and "rstyle.me/n/abc" in inferred.message


def test_nothing_suggesting_a_connection_is_not_needed() -> None:
    result = check("Golden hour at the lake 🌅")

    assert result.verdict is Verdict.not_needed
    assert result.connection is Connection.none and result.connection_inferred
    assert result.fixed_caption == "Golden hour at the lake 🌅"


@pytest.mark.parametrize(
    "text", ["#adventure awaits", "ready, set, go", "new #adidas kicks", "Adelaide sunsets", "#adhd life", "made it"]
)
def test_words_that_merely_contain_ad_are_no_disclosure(text: str) -> None:
    assert check(text, connection="paid").verdict is Verdict.missing


@pytest.mark.parametrize("label", ["＃AD", "#Ad.", "AD |", "#AD", "Ad:", "(ad)", "#ａｄ", "#a\u200dd"])
def test_case_punctuation_and_unicode_variants_of_ad(label: str) -> None:
    result = check(f"{label} Loving my new serum", connection="paid")
    assert result.verdict is Verdict.compliant, [f.message for f in result.findings]


def test_positions_are_in_the_original_text() -> None:
    text = "Ünïcödé ✨✨ Loving it 𝐀𝐃 ok " + "x" * 200 + " #sp"
    result = check(text, connection="paid")
    sp = next(f for f in result.findings if f.term == "#sp")
    assert text[sp.position : sp.position + 3] == "#sp"


def test_a_buried_label_moves_to_the_front() -> None:
    text = "Loving my new serum from @glossier! #skincare #glow #ad #beauty"
    result = check(text, connection="paid")

    assert result.verdict is Verdict.needs_work
    assert [f.rule_id for f in result.findings if f.severity is Severity.needs_work] == ["placement.hashtag_pile"]
    assert result.fixed_caption == "#ad Loving my new serum from @glossier! #skincare #glow #beauty"


def test_german_label_in_german() -> None:
    result = check("Meine neue Creme von @nivea ist toll #ad #sp", jurisdiction="DE", connection="paid")

    assert result.verdict is Verdict.needs_work
    assert result.fixed_caption == "Werbung | Meine neue Creme von @nivea ist toll"


def test_french_label_in_french() -> None:
    result = check("Mon nouveau sérum @loreal est top", jurisdiction="FR", connection="paid")

    assert result.verdict is Verdict.missing
    assert result.fixed_caption.startswith("Publicité | ")


def test_a_gift_fix_says_what_the_connection_is() -> None:
    result = check("Loving this serum #gifted", connection="gift", brand="Glossier")
    assert result.fixed_caption == "#ad (gifted by Glossier) | Loving this serum #gifted"


def test_a_denial_is_cut_from_the_fixed_caption() -> None:
    result = check("Not sponsored, I just love this serum.", connection="paid")

    assert result.verdict is Verdict.missing
    assert "disclosure.denied" in [f.rule_id for f in result.findings]
    assert result.fixed_caption == "#ad I just love this serum."


def test_a_reel_with_a_clear_caption_still_needs_the_spoken_disclosure() -> None:
    result = check("#ad Loving my new serum", format="reel", connection="paid")

    assert result.verdict is Verdict.needs_work
    needs_work = [f for f in result.findings if f.severity is Severity.needs_work]
    assert [f.rule_id for f in needs_work] == ["format.spoken_and_on_screen"]
    assert "cannot see or hear" in needs_work[0].message
    assert result.fixed_caption == "#ad Loving my new serum"


def test_every_finding_cites_a_source() -> None:
    result = check("Loving it #sp #collab #spon", jurisdiction="UK", format="live", connection="paid")
    assert result.findings
    for finding in result.findings:
        assert finding.source_url.startswith("http") and finding.citation


def test_platform_cuts_differ() -> None:
    text = "Obsessed with this new balm, it smells amazing and lasts all day!! Best balm ever. #ad"
    assert check(text, platform="x", connection="paid").verdict is Verdict.compliant
    assert check(text, platform="tiktok", connection="paid").verdict is Verdict.needs_work

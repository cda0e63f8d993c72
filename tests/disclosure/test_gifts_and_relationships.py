"""Gifts told in plain words are material connections; employment and family in plain words are disclosures of
the connection's nature, clear where the rules say so (16 CFR 255.5(a) in the US); people's gifts are not."""

from __future__ import annotations

import pytest

from bot.disclosure import CheckRequest, Verdict, check_caption
from bot.disclosure.lexicon import disclosure_terms


@pytest.mark.parametrize(
    "caption",
    [
        "Thanks @kettleco for sending this over!",
        "Kickhaus haul, thanks for the gift",
        "So lucky, @glowco sent me these! Review soon",
        "I was kindly sent this by Kickhaus",
        "Unboxing my PR package from @glowco",
        "New serum c/o @glowco",
        "Gifted by @glowco, loving it",
        "Die Creme habe ich von @nivea geschenkt bekommen",
        "Ce sérum m'a été offert par @loreal",
        "Siero regalato da @brand, lo adoro",
        "Deze serum heb ik gekregen van @brand",
        "Este sérum me lo enviaron de @marca",
        # a thank-you for the gift that names who to thank, in each language the lexicon reads
        "Thanks @kickhaus for the gift",
        "Thank you so much @glowco for the lovely gifts!",
        "Danke @kickhaus für das Geschenk",
        "Merci @glowco pour le cadeau",
        "Bedankt @glowco voor het cadeau",
        "Gracias @glowco por el regalo",
        "Grazie @glowco per il regalo",
    ],
)
def test_a_gift_in_plain_words_is_a_material_connection(caption: str) -> None:
    result = check_caption(CheckRequest(text=caption))
    assert result.verdict in (Verdict.needs_work, Verdict.missing), [f.message for f in result.findings]
    assert result.connection.value == "gift"
    assert result.fixed_caption.startswith(("#ad", "Werbung", "Publicité", "Pubblicità", "#reclame", "Publicidad"))


@pytest.mark.parametrize(
    "caption",
    [
        "A gift from my mum, best birthday ever",
        "Thanks for the gift, sis!",
        "Thanks mum for the gift",
        "Thanks to my sister for the gifts",
        "Danke Mama für das Geschenk",
        "Merci pour le cadeau, maman",
        "Thanks for reading, the gift guide is live",
        "My sister sent me this and I love it",
        "I work at a bakery and I love Mondays",
        "I run every morning",
        "This helps prevent acne",
        "Our family's Sunday walk",
    ],
)
def test_people_and_plain_sentences_are_no_connection(caption: str) -> None:
    assert disclosure_terms(caption) == []
    assert check_caption(CheckRequest(text=caption)).verdict is Verdict.not_needed


@pytest.mark.parametrize(
    "caption",
    [
        "I work at GlowCo and this is our new serum",
        "My sister's brand just launched this serum and I love it",
        "I founded @kettleco to make better kettles",
        "Our family's bakery makes the best bread",
    ],
)
def test_employment_and_family_in_plain_words_are_clear_in_the_us(caption: str) -> None:
    result = check_caption(CheckRequest(text=caption, jurisdiction="US"))
    assert (result.verdict, result.connection.value) == (Verdict.compliant, "employee")
    assert result.findings[-1].rule_id == "disclosure.clear"
    assert "255.5" in result.findings[-1].citation


def test_they_are_no_label_where_the_rules_want_ad() -> None:
    result = check_caption(CheckRequest(text="I work at GlowCo and this is our new serum", jurisdiction="UK"))
    assert result.verdict is Verdict.needs_work
    assert result.fixed_caption.startswith("#ad") and result.fixed_caption.endswith(
        "I work at GlowCo and this is our new serum"
    )


def test_a_thank_you_for_a_gift_is_the_same_judgement_on_the_vet_card() -> None:
    from bot.vetting.caption_judgement import judge_caption
    from bot.vocabulary import Jurisdiction, Platform

    for caption, jurisdiction in (("Thanks @kickhaus for the gift", "US"), ("Danke @kickhaus für das Geschenk", "DE")):
        judged = judge_caption(caption, Platform.instagram, "image", Jurisdiction(jurisdiction))
        assert judged.sponsored and not judged.clearly_disclosed and judged.connection.value == "gift"


def test_a_brand_ambassador_is_clear_in_the_us_and_the_message_says_it_is_the_brands_name_that_makes_it() -> None:
    result = check_caption(CheckRequest(text="ambassador @glowco"))
    [clear] = [f for f in result.findings if f.rule_id == "disclosure.clear"]
    assert result.verdict is Verdict.compliant
    assert clear.message == (
        "'ambassador' with the brand's name beside it is a clear disclosure in the US, where readers see it first "
        "(a stand-alone 'ambassador' would not be)."
    )
    alone = check_caption(CheckRequest(text="#ambassador loving this serum", connection="paid"))
    assert alone.verdict is Verdict.needs_work

"""Inferring a material connection from the caption when none was given.

What counts (FTC §255.5; CMA and ASA: brand tags, discount codes and affiliate links are signs of an ad):
disclosure words themselves (even weak ones: "#sp" admits a sponsorship), affiliate links (known affiliate
domains and URL parameters such as `?tag=`), LTK / Amazon storefront mentions, discount codes, "link in bio"
and shop calls to action, the brand's name or handle, and @-tags of accounts that are not friends or family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.disclosure.lexicon import HANDLE_RE, MatchContext, TermMatch, key
from bot.disclosure.models import Connection
from bot.disclosure.normalise import NormalisedText
from bot.disclosure.scanner import Found, Needles, word_start_pattern

AFFILIATE_URL_RE = re.compile(
    r"(?:^|[/.])(?:amzn\.(?:to|eu|asia)|a\.co|rstyle\.me|liketk\.it|liketoknow\.it|ltk\.app|shopltk\.com"
    r"|shareasale(?:-analytics)?\.com|awin1\.com|tidd\.ly|linksynergy\.com|anrdoezrs\.net|dpbolvw\.net"
    r"|jdoqocy\.com|kqzyfj\.com|tkqlhce\.com|emjcd\.com|skimresources\.com|redirectingat\.com|howl\.me"
    r"|shopmy\.us|shop-links\.co|geni\.us|fave\.co|prf\.hn|pjtra\.com|pntra\.com|pjatr\.com|sjv\.io|pxf\.io"
    r"|ojrq\.net|avantlink\.com|goaff\.pro|mavely\.app\.link|glnk\.io|refersion\.com|bitli\.store)(?![\w-])"
    r"|[?&](?:tag|ref|ref_id|aff|affid|aff_id|affiliate|affiliate_id|afftrack|ranmid|raneaid|irclickid|clickid"
    r"|sref|rfsn|partner_id|referral|referralcode)="
    r"|[?&]utm_(?:medium|source)=affiliate"
)
_SHOP_RE = word_start_pattern(
    r"(?<![\w@])(?:#(?:liketkit|ltk\w*|shopltk|liketoknowit|amazonfinds|founditonamazon|amazonaffiliate"
    r"|amazoninfluencer|amazonstorefront)(?!\w)"
    r"|@shop\.ltk|ltk|liketoknow\.?it|shareasale|skimlinks|amazon storefront|my amazon (?:store|shop|finds|page|list)"
    r"|my storefront"
    r"|shop my (?:page|storefront|links?|favou?rites|faves|looks?|closet|amazon))(?!\w)",
    needs=("ltk", "liketkit", "liketoknow", "shareasale", "skimlinks", "amazon", "storefront", "shop my"),
    reach=10,  # "#founditonamazon": its needle "amazon" starts 10 characters in, the farthest of any match
)
_LINK_IN_BIO_RE = word_start_pattern(
    needs=("link", "swipe up"),
    pattern=r"(?<![\w@])(?:links? (?:is |are )?in (?:my |the )?bio|bio link|linked in (?:my )?bio|#linkinbio"
    r"|links? (?:is |are )?below|linked below|swipe up|use my link|tap (?:the )?link"
    r"|link in (?:the )?(?:description|comments|stories|story))(?!\w)",
)
# Calls to action: words, or a percentage off (kept apart: a digit class gives the filter no first letter).
CTA_WORDS = (
    r"shop (?:now|the look|this look|my look|here)|get yours|grab yours|buy (?:now|yours)"
    r"|order (?:now|yours|here)|book (?:your|an) appointment|book now|available (?:now )?at"
    r"|sign up (?:now )?(?:using|with|today)"
)
CTA_PERCENT = r"\d{1,2} ?% (?:off|rabatt|de descuento|di sconto|korting|de reduction)"
_CTA_WORDS_RE = word_start_pattern(
    rf"(?<![\w@])(?:{CTA_WORDS})(?!\w)",
    needs=("shop ", "get yours", "grab yours", "buy ", "order ", "book ", "available ", "sign up "),
)
_CTA_PERCENT_RE = re.compile(rf"(?<![\w@])(?:{CTA_PERCENT})(?!\w)")


def _percent_off(text: str) -> re.Match[str] | None:
    """_CTA_PERCENT_RE.search(text), tried only where a match can start: one or two digits and a space before
    a "%" (the pattern's "\\d{1,2} ?%"), so the rest of the text is passed over by a C-speed find."""
    at = text.find("%")
    while at >= 0:
        for start in range(max(0, at - 3), at):
            if found := _CTA_PERCENT_RE.match(text, start):
                return found
        at = text.find("%", at + 1)
    return None


def call_to_action(text: str, found: Found | None = None) -> re.Match[str] | None:
    """The first call to action ("shop now", "20% off"), as one pattern of both kinds would find it; `found`:
    the signal needles' places in `text` (_NEEDLES.find), when already worked out."""
    words = _CTA_WORDS_RE.search(text, found)
    percent = _percent_off(text)
    return min((m for m in (words, percent) if m is not None), key=lambda m: m.start(), default=None)


_CODE_RE = word_start_pattern(
    needs=("cod",),
    pattern=r"(?<![\w@])(?:(?:use|using|with|enter|apply|my|the|promo|discount|coupon|voucher|rabatt|gutschein|kortings)"
    r" ?(?:my |the )?(?:promo |discount |coupon |voucher )?code|code promo|codice sconto|codigo(?: de descuento)?"
    r"|rabattcode|gutscheincode|kortingscode)\W{0,3}(?=[a-z0-9])([a-z0-9][a-z0-9_-]{1,24})",
)
_CODE_WORD_RE = word_start_pattern(
    r"(?<![\w@])(?:promo|discount|coupon|voucher|rabatt)[ -]?codes?(?!\w)", needs=("cod",)
)
# every signal pattern's needles, looked for in one pass
_SIGNALS = (_SHOP_RE, _LINK_IN_BIO_RE, _CTA_WORDS_RE, _CODE_RE, _CODE_WORD_RE)
_NEEDLES = Needles(needle for pattern in _SIGNALS for needle in pattern.needs)
# "my sis @anna", "with my bro Wilmer (@wilmer)", "photo by @sam": people, not brands.
_PERSONAL_BEFORE_RE = re.compile(
    r"(?:\b(?:sis|sister|sisters|bro|brother|brothers|mom|mum|mother|mama|dad|father|papa|husband|hubby|wife|wifey"
    r"|boyfriend|girlfriend|bf|gf|fiance|fiancee|bestie|besties|bff|best friend|friend|friends|bestfriend|son"
    r"|daughter|baby|babe|kids?|family|cousin|aunt|auntie|uncle|grandma|grandpa|nana|twin|roomie|roommate"
    r"|girls|boys|squad|crew)\b\W*(?:[\w']+\W+){0,3}"
    r"|(?:photo|photos|pic|pics|picture|shot|captured|taken|filmed|photography|video)\s*(?:by|credit|:)\W*"
    r"|(?:📸|📷|🎥)\W*|\b(?:happy birthday|hbd|congrats|congratulations)\W+(?:to\W+)?)$"
)


@dataclass(frozen=True)
class Inference:
    connection: Connection | None  # None: nothing suggests a connection
    evidence: tuple[str, ...]  # what was found, in words


_TERM_STRENGTH = (Connection.employee, Connection.affiliate, Connection.paid, Connection.gift)


def _code_is_real(norm: NormalisedText, match: re.Match[str]) -> bool:
    """A code is CAPS or has a digit as the creator typed it ("AMY10", "GLOW"); "the code is" is not one."""
    start, end = norm.to_original(match.start(1), match.end(1))
    written = norm.original[start:end]
    return any(ch.isdigit() for ch in written) or (len(written) >= 3 and written.isupper())


def _brand_tags(ctx: MatchContext, text: str) -> list[str]:
    tags = []
    for handle in HANDLE_RE.finditer(text):
        is_brand = ctx.brand_key is not None and ctx.brand_key in key(handle.group(1))
        before = text[max(0, handle.start() - 60) : handle.start()]
        if is_brand or not _PERSONAL_BEFORE_RE.search(before):
            tags.append("@" + handle.group(1))
    return tags


_WORDS_RE = re.compile(r"[\w.'&-]+")


def _brand_mentioned(text: str, ctx: MatchContext) -> bool:
    """The brand's name as a word, a hashtag, or split over up to three words ("Glow Recipe" = "glowrecipe")."""
    # the keys of consecutive words, joined, are a stretch of the whole text's key: no brand there, no match
    if not ctx.brand_key or ctx.brand_key not in key(text):
        return False
    keys = [key(word) for word in _WORDS_RE.findall(text)]
    for index in range(len(keys)):
        joined = ""
        for part in keys[index : index + 3]:
            joined += part
            if joined == ctx.brand_key:
                return True
            if len(joined) >= len(ctx.brand_key):
                break
    return False


def infer_connection(
    norm: NormalisedText, terms: list[TermMatch], ctx: MatchContext, infers: dict[str, Connection | None]
) -> Inference:
    """The connection the caption itself suggests; `infers` maps a term id to what that term admits to."""
    evidence: list[str] = []
    from_terms: set[Connection] = set()
    for term in terms:
        admitted = infers.get(term.term_id)  # None for denials and for words that are no label here
        if admitted is not None:
            from_terms.add(admitted)
            evidence.append(f"the disclosure word '{term.text}'")

    affiliate = False
    for start, end in norm.links:
        if AFFILIATE_URL_RE.search(norm.text[start:end]):
            affiliate = True
            evidence.append(f"the affiliate link '{norm.original[slice(*norm.to_original(start, end))]}'")
    masked = norm.masked
    places = _NEEDLES.find(masked)
    for shop in _SHOP_RE.finditer(masked, places):
        affiliate = True
        evidence.append(f"the storefront mention '{shop.group(0)}'")

    other = False
    codes = [m for m in _CODE_RE.finditer(masked, places) if _code_is_real(norm, m)]
    for code in codes:
        other = True
        evidence.append(f"the discount code '{norm.original[slice(*norm.to_original(*code.span(1)))]}'")
    if not codes and (word := _CODE_WORD_RE.search(masked, places)):
        other = True
        evidence.append(f"a mention of a {word.group(0)}")
    for found, what in (
        (_LINK_IN_BIO_RE.search(masked, places), "the shopping link"),
        (call_to_action(masked, places), "the call to action"),
    ):
        if found:
            other = True
            evidence.append(f"{what} '{found.group(0)}'")
    if _brand_mentioned(masked, ctx):
        other = True
        evidence.append("the brand's name")
    for tag in _brand_tags(ctx, masked):
        other = True
        evidence.append(f"the brand tag '{tag}'")

    if from_terms:
        connection = next(c for c in _TERM_STRENGTH if c in from_terms)
        if affiliate and connection in (Connection.gift, Connection.paid):
            connection = Connection.affiliate
    elif affiliate:
        connection = Connection.affiliate
    elif other:
        connection = Connection.paid
    else:
        return Inference(connection=None, evidence=())
    return Inference(connection=connection, evidence=tuple(dict.fromkeys(evidence)))

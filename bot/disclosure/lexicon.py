"""Finding disclosure words in normalised caption text: one precompiled regex, one pass per caption.

Each alternative is a named group; at a given position the first group that matches wins, so longer and
more specific phrases come first ("not sponsored" before "sponsored", "collaboration commerciale" before
"collab", "thanks X for the free product" before "thanks @X"). A few groups are resolved after matching by
looking at the words around them (is "#travelpartner" a brand partner? is "gifted" an adjective?), using
lookaheads so that looking never swallows a neighbouring term.

Words never count when they only contain a term: "#adventure", "ready", "#adidas", "Adelaide", "#adhd" and
"made" are not "ad". Group names are term ids of disclosure_rules.json, or raw names resolved below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from bot.disclosure.normalise import NormalisedText, normalise, word_set
from bot.disclosure.scanner import TermScanner

DENIAL = "denial"  # "not sponsored", "#notanad", "keine Werbung": a claim that there is no connection

_START = r"(?:#|(?<![\w@#]))"  # a hashtag, or a word that is not part of another word, hashtag or handle
_WORD = r"(?<![\w@#])"  # a plain word (no hashtag)
_END = r"(?!\w)"


def either(pattern: str) -> str:
    """The words as a plain word or as a hashtag: "sponsored", "#sponsored"."""
    return f"{_START}(?:{pattern}){_END}"


def word(pattern: str) -> str:
    """The words as plain text only: "in partnership with"."""
    return f"{_WORD}(?:{pattern}){_END}"


def tag(pattern: str) -> str:
    """A hashtag only: "#sp"."""
    return f"#(?:{pattern}){_END}"


# (group name, alternatives), in priority order. Names are unique; patterns use no capturing groups.
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        DENIAL,
        (
            word(
                r"not[ -]?(?:a paid |an? |one )?#?(?:paid )?(?:ad|advert|advertisement|advertising|sponsored|spon"
                r"|paid|gifted|affiliated?|collab|partnership|sponsorship|promotion)"
            ),
            tag(r"not ?(?:an? ?)?(?:ad|sponsored|spon|paid)"),
            either(r"(?:non|un)-?sponsored"),
            either(r"unpaid") + r"(?! ?#?(?:ad|advert|advertising|werbung)(?!\w))",
            word(r"(?:is|was|are|were)n'?t (?:an? )?#?(?:ad|advert|advertisement|sponsored|paid|gifted)"),
            word(r"(?:no ?one|nobody|no brand) (?:paid|sponsored|asked) (?:me|for|this)"),
            word(
                r"(?:bought|purchased|paid for) (?:it|this|these|them|everything)(?: all)?"
                r"(?: myself| with my own money)"
            ),
            either(r"keine ?werbung|nicht gesponsert|kein sponsoring|selbst ?gekauft|selbstgekauft"),
            word(r"pas (?:de |une )?(?:pub|publicite|sponsorise|partenariat)|non sponsorise"),
            tag(r"nonsponso"),
            word(r"no (?:es )?(?:publicidad|patrocinado)|non (?:e )?(?:una )?(?:pubblicita|sponsorizzato)"),
            word(r"geen (?:reclame|samenwerking|sponsoring)|niet gesponsord"),
        ),
    ),
    (
        "werbung_unpaid",
        (
            either(r"(?:unbezahlte?|unbeauftragte?|unpaid) ?#?(?:werbung|ad|advert|advertising)"),
            either(
                r"werbung,? (?:ohne auftrag|wegen (?:marken)?(?:nennung|verlinkung)"
                r"|da (?:selbst gekauft|markennennung|verlinkung))"
            ),
            tag(r"unbezahltewerbung|unbeauftragtewerbung|werbungohneauftrag|werbungwegenmarkennennung"),
        ),
    ),
    ("collaboration_commerciale", (either(r"collaboration ?commerciale"),)),
    ("fr_partenariat", (either(r"partenariat ?remunere|sponsorise(?:e|s|es)?"), tag(r"\w+(?:partenaire|ambassadeur)"))),
    ("fr_loose", (word(r"en partenariat avec"), either(r"partenariat|sponso"))),
    ("publicite", (either(r"publicite"),)),
    ("commandite", (either(r"commanditee?"),)),
    ("pub", (tag(r"pub"),)),
    ("it_sponsorizzato", (word(r"(?:sponsorizzat[oa]|promoss[oa]) da"),)),
    ("pubblicita", (either(r"pubblicita"),)),
    (
        "it_loose",
        (
            word(r"in collaborazione con|prodott[oi] (?:inviat|regalat|offert|fornit)[oi] da"),
            either(r"collaborazione|regalo|omaggio|sponsorizzat[oa]"),
        ),
    ),
    ("reclame", (either(r"reclame|advertentie|publiciteit"),)),
    (
        "nl_samenwerking",
        (
            word(r"in samenwerking met|ontvangen van|mogelijk gemaakt door|betaald partnerschap"),
            either(r"samenwerking|gesponsorde?"),
        ),
    ),
    ("publicidad", (either(r"publicidad|publi"),)),
    (
        "es_loose",
        (
            word(r"patrocinado por|en colaboracion con|embajadora? de"),
            either(r"patrocinad[oa]|colaboracion|embajadora?"),
        ),
    ),
    (
        "werbung",
        (
            word(r"bezahlte werbepartnerschaft|unterstutzt durch produktplatzierung"),
            either(r"werbung|anzeige|werbevideo|dauerwerbesendung|werbeanzeige|produktplatzierung|werbepartnerschaft"),
        ),
    ),
    ("kooperation", (word(r"in kooperation mit"), either(r"kooperation|koop"))),
    ("gesponsert", (either(r"gesponsert"),)),
    (
        "paid_partnership",
        (
            either(
                r"paid[ _-]?(?:partnership|promotion|promo|collab|collaboration|post|content|endorsement|sponsorship)"
            ),
            word(r"includes paid promotion"),
        ),
    ),
    (
        "paid",
        (
            tag(r"paid"),
            word(r"(?:was|were|am|i'm|im|being|got|get|gets|getting|is|are|been) paid")
            + r"(?! (?:off|attention|for it myself)(?!\w))",
            _WORD + r"paid (?:for )?by(?= ?[@\w])",
        ),
    ),
    ("ad_brand", (_START + r"adv? ?[-:|]? ?@[\w.]+",)),
    (
        "ad",
        (
            tag(r"ad(?:gifted|pr|paid|spon)?|gifted_?ad|paid_?ad|pr_?ad|sponsored_?ad"),
            # "ad" as a word, but not "300 AD", "AD/HD", "ad hoc", "ad-free" or Italian "ad esempio"
            _WORD + r"(?<!\d )(?:paid )?ad(?!\w)(?!/hd)"
            r"(?! ?-? ?(?:hoc|nauseam|infinitum|lib|libitum|hominem|astra|free|blocker|blocking|block"
            r"|esempio|un|una|uno|ogni|oggi|alta|altri|altre)(?!\w))",
        ),
    ),
    ("adv", (tag(r"adv"),)),
    ("advert", (either(r"advert(?:s|isement(?:[ _]?feature)?|ising|orial)?"),)),
    (
        "sponsored_by",
        (
            word(r"sponsored (?:by|from)"),
            word(r"(?:today'?s|this video'?s|this episode'?s|our|my|video) sponsor"),
            word(r"(?:for )?sponsoring (?:this|today'?s|my|the) (?:video|post|episode|stream|content|reel)"),
            word(r"(?:this|today'?s) (?:video|post|episode|stream|reel) is sponsored(?: by)?"),
        ),
    ),
    ("sponsored", (_START + r"sponsored\w*",)),
    ("sponsorship", (either(r"sponsorship|sponsors?|sponsoring"),)),
    ("branded_content", (either(r"branded[ _]?content"),)),
    (
        "thanks_free",
        (
            word(
                r"(?:thanks?|thank you|thx|ty)(?: so much)?(?: to)? [^\n.!?]{1,40}? for (?:the |this |these |my "
                r"|sending (?:me )?(?:the |this |these )?|gifting (?:me )?(?:the |this |these )?)?"
                r"(?:free|complimentary|gifted)(?: (?:products?|items?|samples?|gifts?|stuff|goodies|pr))?"
            ),
            word(
                r"(?:sent|gave|gifted|provided|given) (?:me |us )?[^\n.!?]{0,30}?"
                r"(?:for free|free of charge|at no cost|at no charge|complimentary|to try|to test)"
            ),
            word(
                r"(?:received|got|was given|were given|was sent|were sent) [^\n.!?]{0,30}?"
                r"(?:for free|free of charge|at no cost|complimentary|as a gift|as a pr gift)"
            ),
            word(r"free (?:products?|samples?|items?|gifts?) (?:from|courtesy of|provided by|sent by)"),
        ),
    ),
    ("invited_guest", (either(r"invited ?guest"),)),
    (
        "pr",
        (
            # "#pr", "#prpackage", "PR package", "PR-Paket"; never a word that only starts with the letters
            # ("#prevent", "prevent" is not "pr" + "event"; "#press" alone is journalism, not a gift)
            tag(r"pr|(?:pr|press)(?:package|gift|haul|trip|stay|invite|sample|box|mail|unboxing|drop|paket)s?"),
            word(r"(?:pr|press)[ -](?:package|gift|haul|trip|stay|event|invite|sample|box|mail|drop|paket|pakete)s?"),
        ),
    ),
    (
        # A gift told in plain words, in each language the lexicon covers: "thanks for the gift", "@brand sent
        # this over", "I was kindly sent", "c/o @brand", "geschenkt bekommen", "offert par", "regalato da",
        # "gekregen van", "me lo enviaron". A material connection (FTC 16 CFR 255.5: "the provision of free …
        # products"), not a label; a gift from mum or a friend is no brand's (see _gift_mention).
        "gift_mention",
        (
            # "thanks for the gift", "thanks @kickhaus for the gift" (who to thank: at most 40 characters)
            word(
                r"(?:thanks?|thank you|thx|ty)(?: so much)?(?: to)?(?: [^\n.!?]{1,40}?)? for "
                r"(?:the |this |these |my |our |a |an |such an? |all the )?"
                r"(?:lovely |sweet |amazing |kind |generous |beautiful |thoughtful |little )?(?:gifts?|goodies)"
            ),
            # the same thank-you in German, French, Dutch, Spanish and Italian (normalised: no accents)
            word(
                r"(?:danke|vielen dank)(?: [^\n.!?]{1,40}?)? fur "
                r"(?:das |die |den |dein |deine |euer |eure |ihr |ihre )?"
                r"(?:tolle |tollen |schone |schonen |liebe |lieben |nette |netten )?"
                r"(?:geschenke?|geschenkpaket|pr-paket)"
            ),
            word(
                r"merci(?: beaucoup)?(?: [^\n.!?]{1,40}?)? pour (?:le |les |ce |ces |mon |mes |ton |tes |votre |vos )?"
                r"(?:joli |jolis |beau |beaux |super |adorable |adorables |petit |petits )?(?:cadeaux?|colis)"
            ),
            word(
                r"(?:bedankt|dank je(?: wel)?|dankjewel|dank u(?: wel)?)(?: [^\n.!?]{1,40}?)? voor "
                r"(?:het |de |dit |deze |mijn |jullie )?(?:leuke |mooie |lieve )?(?:cadeaus?|cadeautjes?|pakketje)"
            ),
            word(
                r"(?:muchas )?gracias(?: [^\n.!?]{1,40}?)? por (?:el |los |este |estos |mi |mis |tu |tus |su |sus )?"
                r"(?:precioso |bonito |lindo )?(?:regalos?|paquete)"
            ),
            word(
                r"grazie(?: mille)?(?: [^\n.!?]{1,40}?)? per (?:il |i |questo |questi |lo |gli |l'|tuo |vostro )?"
                r"(?:bellissimo |bel |meraviglioso )?(?:regal[oi]|pacco)"
            ),
            word(r"(?:sent|sending|send) (?:me |us )?(?:this|these|it|them|everything|my|our)(?: \w+){0,2}? over"),
            word(r"(?:sent|sending) (?:this|these|them|it) (?:my|our) way"),
            word(r"(?:sent|gave|gifted) (?:me|us) (?:this|these)"),
            word(
                r"(?:was|were|been|got|get|being) (?:kindly |generously |lucky enough to be )?(?:sent|gifted) "
                r"(?:this|these|by|some)"
            ),
            word(r"(?:was|were|been|got) (?:kindly|generously) (?:sent|gifted|given)"),
            word(r"(?:an? |the |this |these )?gifts? (?:from|by|courtesy of)"),
            word(r"c/o") + r"(?= ?@?\w)",
            word(r"(?:products?|items?|samples?|gifted|kindly sent|sent) courtesy of"),
            word(r"geschenkt bekommen|(?:kostenlos |kostenfrei |gratis )?zur verfugung gestellt|geschenk von"),
            word(
                r"(?:offerte?s?|envoyee?s?) par|cadeau (?:de|d')|colis (?:presse|pr)"
                r"|(?:m'a|m'ont|nous a) (?:ete )?(?:offerte?s?|envoyee?s?)"
            ),
            word(r"(?:regalat|inviat|mandat)[oaie] da|(?:mi|ci) (?:hanno|ha) (?:regalato|inviato|mandato)"),
            word(r"(?:gekregen|opgestuurd) (?:van|door)|cadeau gekregen"),
            word(
                r"regalo de|(?:enviad|regalad)[oa]s? por"
                r"|(?:me|nos) (?:lo |la |los |las )?(?:enviaron|regalaron|mandaron|envio|regalo)"
            ),
        ),
    ),
    ("gifted_tag", (tag(r"gift(?:ed\w*)?"),)),
    ("gifted_word", (word(r"gifted"),)),
    ("hashtag_partner", (tag(r"\w*?_?partner(?:ship|s)?"),)),
    ("partnership", (word(r"in partnership with|partner(?:ed|ing) (?:up )?with|partnership"),)),
    ("plain_partner", (word(r"(?:proud |official )?partners?(?: (?:of|for|to))?"),)),
    ("hashtag_ambassador", (tag(r"\w*?_?ambassadors?"),)),
    ("plain_ambassador", (word(r"ambassadors?(?: (?:of|for|with|at))?"),)),
    ("sp", (tag(r"sp"), r"[\[(]sp[\])]")),
    ("spon", (tag(r"spons?"), r"[\[(]spons?[\])]", word(r"spons?"))),
    (
        "collab",
        (
            word(r"in collaboration with|collaborating with|collabing with"),
            either(r"collab(?:s|oration|orations|post)?"),
        ),
    ),
    (
        "commission",
        (
            word(
                r"(?:i|we)(?: may| might| will| could| do| can)?(?: also)? (?:earn|get|receive|make|collect)s?"
                r"(?: a)?(?: small| tiny| little)? (?:commissions?|a cut|a percentage|a small fee|money)"
            ),
            either(r"commissions?[ _]?earned"),
            word(
                r"earns? (?:a )?(?:small )?commissions?|as an amazon associate|paid (?:a )?commission|commission links?"
            ),
            word(
                r"(?:i|we) (?:earn|make money|get paid) (?:from|on|through|when|if) "
                r"(?:qualifying purchases|purchases|you (?:buy|purchase|shop|click))"
            ),
        ),
    ),
    ("affiliate", (either(r"affiliate(?:s| links?| marketing)?|affiliatelinks?|afflinks?|aff links?"), tag(r"aff"))),
    (
        "made_possible",
        (
            word(
                r"made possible by|in association with|powered by|brought to you by|funded by|presented by"
                r"|in cooperation with"
            ),
        ),
    ),
    ("promoted_by", (word(r"promoted by"),)),
    ("promo", (tag(r"promo|promotion|promoted|promotional"), word(r"promotional (?:content|post|video)"))),
    (
        "employee",
        (
            tag(r"\w*employee|iwork(?:for|at|with)\w*|ownbrand|brandinvestor|founder|teammember"),
            _WORD + r"(?:i work (?:for|at|with)|(?:co-?)?founder (?:of|at)|owner of)(?= @)",
        ),
    ),
    # In plain words, before a name: "I work at GlowCo", "I founded Kettle Co" (see _employee_word).
    (
        "employee_word",
        (
            word(
                r"(?:i|we) (?:work|worked) (?:for|at)|(?:i|we) (?:(?:co-?)?founded|own|run|started)|"
                r"(?:co-?)?founder (?:of|at)|owner of"
            )
            + r"(?= [@#]?\w)",
        ),
    ),
    # A family member's (or our own) business: "my sister's brand", "our family's bakery", "my own label".
    (
        "family",
        (
            word(
                r"(?:my|our) (?:(?:big |little |older |younger |twin )?(?:sister|sis|brother|bro|mom|mum|mother|dad"
                r"|father|husband|hubby|wife|boyfriend|girlfriend|son|daughter|cousin|aunt|auntie|uncle|parent"
                r"|family|best friend|bestie)'?s'?|family|own) (?:own |new |little |small |family )?(?:brand|company"
                r"|business|shop|store|label|bakery|salon|cafe|restaurant|boutique|studio|farm|winery|line)"
            ),
        ),
    ),
    ("thanks_tag", (tag(r"thanks|thankyou|thx|thanksto\w*"),)),
    ("thanks_word", (_WORD + r"(?:thanks|thank you|thx)(?: so much)?(?: to)?(?= @| \w)",)),
)

# Every term starts at a hashtag, a bracket or the start of a word: checking that first lets the engine skip
# the ~45 alternatives at every other position (a 4-5x speed-up on real captions).
_TERM_START = r"(?:(?=[#\[(])|(?<![\w@#])(?=\w))"
TERM_RE = re.compile(
    _TERM_START + "(?:" + "|".join(f"(?P<{name}>{'|'.join(alternatives)})" for name, alternatives in _GROUPS) + ")"
)
if TERM_RE.groups != len(_GROUPS):  # a capturing group inside a pattern would break m.lastgroup
    raise RuntimeError("lexicon patterns must not contain capturing groups")
# The same alternation, tried at each word start only for the groups its first two letters allow (scanner.py).
SCANNER = TermScanner(_TERM_START, [(name, "|".join(alternatives)) for name, alternatives in _GROUPS])

_TOKEN_AFTER = re.compile(r" ?(@[\w.]+|[\w']+)")
_TOKEN_BEFORE = re.compile(r"(@[\w.]+|[\w']+)[ ]?$")
# An @handle; group 1 without the @. The "@" comes first (the look-behind after it), so the engine skips to the
# next "@" by a fast literal search instead of testing every position.
HANDLE_RE = re.compile(r"@(?<![\w.]@)([\w.]{2,30})")
_NON_ALNUM = re.compile(r"[\W_]+")

# "#travelpartner", "#lifepartner": partner and ambassador hashtags that name no brand.
GENERIC_PREFIXES = word_set(
    "life travel workout gym crime partnerincrime business dance running run study work training climbing "
    "beach dinner cuddle gaming game coffee adventure yoga lifting fitness hiking sparring tennis golf "
    "writing chess lab duo creative dream best my your our kindness goodwill peace love wellness health "
    "youth student campus community global un unicef"
)
_GIFTED_BEFORE = word_set(
    "a an so very truly incredibly most more naturally extremely highly really such musically artistically"
)
_GIFTED_AFTER = word_set(
    "artist artists musician musicians kid kids child children student students people person player "
    "players writer writers singer singers athlete athletes and program programme young hands teacher "
    "dancer chef with at in"
)


# People, not brands: a gift from them, or a business of theirs named in passing, is no brand's material connection.
_PERSONAL = word_set(
    "mom mum mother mama mommy dad father papa daddy sis sister sisters bro brother brothers husband hubby wife "
    "wifey boyfriend girlfriend bf gf fiance fiancee bestie besties bff friend friends son daughter baby kids "
    "cousin aunt auntie uncle grandma grandpa granny nana nan twin roomie roommate family parents in-laws "
    "santa secret neighbour neighbor colleague colleagues boss "
    "mutter vater schwester bruder freundin freund oma opa mann frau "
    "mere pere soeur frere amie ami maman "
    "mamma madre padre sorella fratello amica amico nonna nonno "
    "moeder vader zus broer vriendin vriend "
    "hermana hermano amiga amigo abuela abuelo"
)
_NAME_AFTER_RE = re.compile(r" (@[\w.]+|#?[\w'&.-]+)")


@dataclass(frozen=True)
class MatchContext:
    brand_key: str | None  # the brand, lower-case letters and digits only
    handles: frozenset[str]  # @handles in the caption, same normal form
    norm: NormalisedText | None = None  # the caption, to read a word as the creator typed it (capitals)


class TermMatch(NamedTuple):
    """One disclosure word found (a tuple: one is made per word found, and a tuple is made fastest)."""

    term_id: str
    start: int  # in normalised text
    end: int
    orig_start: int  # in the original caption
    orig_end: int
    text: str  # as the creator wrote it

    @property
    def is_tag(self) -> bool:
        """A hashtag or a bracketed label: removable without breaking a sentence."""
        return self.text[:1] in "#＃[(﹟"


def key(text: str) -> str:
    """Brand names, handles and hashtag stems compared as lower-case letters and digits."""
    return _NON_ALNUM.sub("", text.lower())


def context_for(norm: NormalisedText, brand: str | None) -> MatchContext:
    brand_key = key(brand) if brand else None
    handles = frozenset(key(h) for h in HANDLE_RE.findall(norm.masked))
    return MatchContext(brand_key=brand_key or None, handles=handles, norm=norm)


def _is_brand_key(stem_key: str, ctx: MatchContext) -> bool:
    """A key(...) that is the brand's, or one of the caption's @handles."""
    return stem_key == ctx.brand_key or stem_key in ctx.handles


def _names_brand(token: str | None, ctx: MatchContext) -> bool:
    if not token:
        return False
    if token.startswith("@"):
        return True
    stem = key(token)
    return bool(stem) and _is_brand_key(stem, ctx)


def _word_after(text: str, end: int) -> str | None:
    found = _TOKEN_AFTER.match(text, end)
    return found.group(1) if found else None


def _word_before(text: str, start: int) -> str | None:
    found = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
    return found.group(1) if found else None


def _hashtag_stem(match_text: str, suffix: str) -> str:
    stem = match_text.lstrip("#")
    stem = stem[: stem.rfind(suffix)] if suffix in stem else stem
    return stem.rstrip("_")


def _hashtag_partner(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    stem = _hashtag_stem(text[start:end], "partner")
    if stem in ("", "brand"):
        return "partnership" if text[start:end].endswith("ship") else "partner_tag"
    if stem == "paid":
        return "paid_partnership"
    if _is_brand_key(key(stem), ctx) or stem not in GENERIC_PREFIXES:
        return "brand_partner"
    return None


def _hashtag_ambassador(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    stem = _hashtag_stem(text[start:end], "ambassador")
    if stem in ("", "brand"):
        return "ambassador"
    if _is_brand_key(key(stem), ctx) or stem not in GENERIC_PREFIXES:
        return "brand_ambassador"
    return None


def _plain_partner(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    # "Glossier partner", "@glossier partner", "proud partner of @glossier"; a plain "my partner" is no label
    if _names_brand(_word_before(text, start), ctx) or _names_brand(_word_after(text, end), ctx):
        return "brand_partner"
    return None


def _plain_ambassador(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    if _names_brand(_word_before(text, start), ctx) or _names_brand(_word_after(text, end), ctx):
        return "brand_ambassador"
    return "ambassador"


def _gifted_word(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    before, after = _word_before(text, start), _word_after(text, end)
    if (before and before in _GIFTED_BEFORE) or (after and after in _GIFTED_AFTER):
        return None  # "a gifted artist", "so gifted": the adjective
    return "gifted"


def _thanks_word(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    """ "Thank you @brand" / "Thanks Glossier!" is a (weak) label; "thanks for reading" is not, and neither is
    the causal "my hair looks great thanks to @salon" in the middle of a sentence."""
    if not _names_brand(_word_after(text, end), ctx):
        return None
    if text[start:end].endswith(" to"):
        previous = _last_visible(text, start)  # not text[:start].rstrip(): a copy of the caption per match
        if previous and (previous.isalnum() or previous == ","):
            return None
    return "thanks_alone"


def _near_person(text: str, start: int, end: int) -> bool:
    """A personal word ("mum", "my sister", "Freundin") among the three words either side of text[start:end]."""
    window = text[max(0, start - 40) : start].split()[-3:] + text[end : end + 40].split()[:3]
    return any(word.strip(".,!?:;'\"()") in _PERSONAL for word in window)


def _gift_mention(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    """ "Thanks for the gift", "@brand sent this over": a gift, unless a person gave it ("a gift from my mum",
    "thanks mum for the gift": the person may be named inside the thank-you itself)."""
    named_inside = any(word.strip(".,!?:;'\"()") in _PERSONAL for word in text[start:end].split())
    return None if named_inside or _near_person(text, start, end) else "gift_mention"


def _names_business(text: str, end: int, ctx: MatchContext) -> bool:
    """The word after `end` names a business: an @handle, the brand, or a capitalised name as typed ("GlowCo")."""
    found = _NAME_AFTER_RE.match(text, end)
    if found is None:
        return False
    token = found.group(1)
    if token.startswith("@") or _names_brand(token, ctx):
        return True
    if ctx.norm is None:
        return False
    begin, finish = ctx.norm.to_original(found.start(1), found.end(1))
    written = ctx.norm.original[begin:finish].lstrip("#")
    return written[:1].isupper() and written.lower() not in _NOT_NAMES


# Capitalised words that start a phrase but name no business ("I work at Home", "I run Every morning").
_NOT_NAMES = word_set("home the a an my our this that it every each all least night weekends school church")


def _employee_word(text: str, start: int, end: int, ctx: MatchContext) -> str | None:
    """ "I work at GlowCo", "I founded @kettleco": an employment or ownership connection, told in plain words;
    "I work at a bakery" or "I run every morning" names no business."""
    if _near_person(text, start, start) or not _names_business(text, end, ctx):
        return None
    return "employee"


def _last_visible(text: str, end: int) -> str:
    """The last non-space character before `end` ("" when none); walks back over the spaces only."""
    index = end - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return text[index] if index >= 0 else ""


_Resolver = Callable[[str, int, int, MatchContext], str | None]
RESOLVERS: dict[str, _Resolver] = {
    "hashtag_partner": _hashtag_partner,
    "hashtag_ambassador": _hashtag_ambassador,
    "plain_partner": _plain_partner,
    "plain_ambassador": _plain_ambassador,
    "gifted_word": _gifted_word,
    "thanks_word": _thanks_word,
    "gift_mention": _gift_mention,
    "employee_word": _employee_word,
}
RENAMED = {"gifted_tag": "gifted", "thanks_tag": "thanks_alone", "family": "employee"}
# Every term id find_terms can return (each must have a row in disclosure_rules.json).
TERM_IDS = frozenset(
    {name for name, _ in _GROUPS if name not in RESOLVERS and name not in RENAMED and name != DENIAL}
    | set(RENAMED.values())
    | {"brand_partner", "partner_tag", "partnership", "paid_partnership", "brand_ambassador", "ambassador", "gifted"}
    | {"thanks_alone", "gift_mention", "employee"}
)


def find_terms(norm: NormalisedText, ctx: MatchContext) -> list[TermMatch]:
    """Every disclosure word (and denial) in the caption, in reading order."""
    text = norm.masked
    found: list[TermMatch] = []
    for group, start, end in SCANNER.finditer(text):
        resolver = RESOLVERS.get(group)
        term_id = resolver(text, start, end, ctx) if resolver else RENAMED.get(group, group)
        if term_id is None:
            continue
        orig_start, orig_end = norm.to_original(start, end)
        found.append(
            TermMatch(
                term_id=term_id,
                start=start,
                end=end,
                orig_start=orig_start,
                orig_end=orig_end,
                text=norm.original[orig_start:orig_end],
            )
        )
    return found


def disclosure_terms(text: str) -> list[str]:
    """The ids of the disclosure words in `text`, in reading order, without denials ("not sponsored")."""
    norm = normalise(text)
    return [m.term_id for m in find_terms(norm, context_for(norm, None)) if m.term_id != DENIAL]

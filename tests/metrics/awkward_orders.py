"""Creators and orders with codes and links typed every awkward way a shopper types them, for the property tests of
grouped orders (in the domain, and grouped by each database)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from bot.metrics.attribution import Window, attribution_window
from bot.metrics.inputs import CreatorTerms, Order
from bot.metrics.samples import usd
from bot.vocabulary import Platform
from tests.metrics.builders import CAMPAIGN

WINDOW = attribution_window(CAMPAIGN)
# Codes as creators are given them, and as shoppers type them: case, spaces (also a tab and a no-break space),
# a leading @, and letters whose case folding is not lower-casing (ß is ss, the ligature ﬁ is fi, the Kelvin
# sign K is k; SQLite's lower() leaves all three alone).
CODES = ("ANA10", "Straße", "ﬁle", "@cy", "\u212aAI")
LINKS = ("ana-ﬁ", "ben", "cy", "dee")  # a tracking handle, or the creator's handle when they have none
BASES = CODES + LINKS
TYPED = st.sampled_from(("{}", "{} ", " {}", "\t{}\u00a0", "@{}", "@ {}", "@@{}")).flatmap(
    lambda form: st.sampled_from(BASES).flatmap(
        lambda base: st.sampled_from(
            (base, base.upper(), base.lower(), base.casefold(), base.swapcase(), "STRASSE", "file", "nobody")
        ).map(lambda text: form.format(text))
    )
)


def moments(window: Window) -> st.SearchStrategy[datetime]:
    """Either side of each end of the window, the UTC midnights around them, and days inside and after it."""
    around = [window.start, window.end]
    around += [datetime.combine(m.date() + timedelta(days=d), time(0), UTC) for m in around for d in (0, 1)]
    return st.sampled_from(
        sorted({m + timedelta(seconds=s) for m in around for s in (-1, 0)})
        + [window.start + timedelta(days=3), window.end + timedelta(days=40)]
    )


@st.composite
def creators(draw: st.DrawFn) -> list[CreatorTerms]:
    handles = ("ana", "ben", "cy", "dee")
    platforms = (Platform.instagram, Platform.tiktok, Platform.youtube, Platform.instagram)
    codes = draw(st.permutations(CODES))  # one code per creator: no two creators share a key
    made = []
    for n, handle in enumerate(handles[: draw(st.integers(0, 4))]):
        code = draw(st.sampled_from((codes[n], codes[n].upper(), f" {codes[n]} ", None)))
        tracking = draw(st.sampled_from((None, f"{handle}-ﬁ", f"@{handle.upper()}-FI")))
        made.append(
            CreatorTerms(
                creator_id=f"c-{handle}",
                handle=handle,
                platform=platforms[n],
                fee=usd("100"),
                discount_code=code,
                tracking_handle=tracking,
            )
        )
    return made


@st.composite
def orders(draw: st.DrawFn, window: Window = WINDOW) -> list[Order]:
    made = []
    for n in range(draw(st.integers(0, 40))):
        made.append(
            Order(
                order_id=f"o{n}",
                created_at=draw(moments(window)),
                code=draw(st.none() | TYPED),
                utm_content=draw(st.none() | TYPED),
                revenue=Decimal(draw(st.integers(0, 50_000))) / 100,
                currency=draw(st.sampled_from(("USD", "USD", "EUR"))),
                cancelled=draw(st.booleans()),
            )
        )
    return made

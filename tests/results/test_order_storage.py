"""Orders storage on SQLite and PostgreSQL: orders grouped by the database give the report of every order, and
the same export imported twice adds nothing; upgrading keys and tallies what was stored before."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, bindparam, text

from bot.metrics.attribution import Window, attribution_window
from bot.metrics.contract import results_json
from bot.metrics.inputs import CampaignTerms, CreatorTerms, Order
from bot.metrics.results import campaign_results
from bot.metrics.samples import usd
from bot.vocabulary import Money, Platform
from storage.campaigns import add_campaign, add_creator
from storage.db import make_engine, transaction
from storage.migrate import downgrade, upgrade
from storage.orders import campaign_orders, save_orders
from storage.results import views_by_day
from storage.types import UTCDateTime
from tests.campaigns.factories import OWNER, make_campaign
from tests.databases import stored
from tests.metrics.awkward_orders import WINDOW, creators, orders
from tests.metrics.builders import CAMPAIGN, order

TEAM, OTHER_TEAM = "T0RESULTS", "T0OTHER"
_names = itertools.count()


def new_campaign(engine: Engine, team: str = TEAM) -> int:
    campaign = make_campaign(team_id=team, name=f"Spring {next(_names)}", budget=Money(amount=0, currency="USD"))
    return int(stored(engine, add_campaign, campaign, created_by=OWNER).id)


def grouped_orders(
    engine: Engine, campaign_id: int, creators: list[CreatorTerms], window: Window = WINDOW, team: str = TEAM
) -> list[Order] | None:
    return stored(
        engine,
        campaign_orders,
        team,
        campaign_id,
        window,
        codes={c.code_key for c in creators if c.code_key},
        links={c.link_key for c in creators if c.link_key},
    )


def report(campaign: CampaignTerms, creators: list[CreatorTerms], orders: list[Order] | None) -> dict[str, object]:
    return results_json(campaign_results(campaign, creators, (), orders))


# New York: the window starts and ends within UTC days, whose orders are read one by one; in UTC it starts and
# ends at midnight, and every order is read from the day tallies.
IN_UTC = CAMPAIGN.model_copy(update={"timezone": "UTC"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(campaign=st.sampled_from((CAMPAIGN, IN_UTC)), creators=creators(), data=st.data())
def test_orders_grouped_by_the_database_give_the_report_of_every_order(engine, campaign, creators, data) -> None:
    window = attribution_window(campaign)
    imports = data.draw(st.lists(orders(window), min_size=1, max_size=3))  # imports overlap: o0, o1 … again
    campaign_id = new_campaign(engine)
    for each in imports:
        stored(engine, save_orders, TEAM, campaign_id, each)
    kept = list({o.order_id: o for o in reversed([o for each in imports for o in each])}.values())  # first wins
    groups = grouped_orders(engine, campaign_id, creators, window)
    if not kept:
        assert groups is None  # nothing imported: conversions unknown, not zero
        return
    assert report(campaign, creators, groups) == report(campaign, creators, kept)
    assert sum(g.orders for g in groups) == len(kept)


def test_codes_and_links_match_as_typed_by_shoppers_and_only_the_campaigns_orders_count(engine) -> None:
    straße = CreatorTerms(
        creator_id="c-ana", handle="ana", platform=Platform.instagram, fee=usd("100"), discount_code="STRASSE"
    )
    kelvin = CreatorTerms(
        creator_id="c-ben", handle="ben", platform=Platform.tiktok, fee=usd("100"), tracking_handle="@\u212aai-ﬁ"
    )
    awkward = [
        order("o1", "2026-03-02T12:00:00", "10.00", code="Straße"),  # ß folds to ss
        order("o2", "2026-03-02T12:00:00", "10.00", code="\t@ strasse\u00a0"),  # tab, @, space, no-break space
        order("o3", "2026-03-02T12:00:00", "10.00", code="STRAßE", utm="kai-fi"),  # the code wins
        order("o4", "2026-03-02T12:00:00", "10.00", utm=" KAI-FI"),  # K (Kelvin) and ﬁ fold to k and fi
        order("o5", "2026-03-02T12:00:00", "10.00", code="@", utm="@@kai-ﬁ"),  # "@" is no code at all
        order("o6", "2026-03-02T12:00:00", "10.00", code="STRASSE-10"),  # another code
        order("o7", "2026-03-02T12:00:00", "10.00", code="strasse", currency="EUR"),
    ]
    campaign_id = new_campaign(engine)
    stored(engine, save_orders, TEAM, campaign_id, awkward)
    beside = new_campaign(engine)  # the same order ids elsewhere: never counted here
    stored(engine, save_orders, TEAM, beside, [o.model_copy(update={"revenue": Decimal(99)}) for o in awkward])
    stored(engine, save_orders, OTHER_TEAM, new_campaign(engine, OTHER_TEAM), awkward)

    data = report(CAMPAIGN, [straße, kelvin], grouped_orders(engine, campaign_id, [straße, kelvin]))
    assert {c["handle"]: c["conversions"] for c in data["creators"]} == {"ana": 3, "ben": 2}
    assert (data["conversions_code"], data["conversions_link"]) == (3, 2)
    assert (data["revenue"], data["orders"]["unattributed"]) == ("50.00", 1)
    assert data["orders"]["other_currency"] == [{"currency": "EUR", "orders": 1, "revenue": "10.00"}]


def test_revenue_sums_to_the_cent_on_every_database(engine) -> None:
    # Thousands of amounts a float cannot hold exactly (0.1, 0.7 …): their sum must still be exact.
    amounts = [Decimal(n % 1000) / 100 + Decimal("0.01") for n in range(3_001)]
    many = [order(f"o{n}", "2026-03-02T12:00:00", str(a), code="WELCOME") for n, a in enumerate(amounts)]
    campaign_id = new_campaign(engine)
    stored(engine, save_orders, TEAM, campaign_id, many)
    data = report(CAMPAIGN, [], grouped_orders(engine, campaign_id, []))
    assert data["orders"]["unattributed_revenue"] == f"{sum(amounts):.2f}"
    assert data["orders"]["unattributed"] == 3_001


def test_importing_the_same_orders_again_adds_none_and_says_so(engine) -> None:
    first = [order(f"o{n}", "2026-03-02T12:00:00", "5.00", code="ANA10") for n in range(2_500)]
    campaign_id = new_campaign(engine)
    assert stored(engine, save_orders, TEAM, campaign_id, first) == 2_500
    assert stored(engine, save_orders, TEAM, campaign_id, first) == 0
    one_more = order("o-new", "2026-03-03T12:00:00", "7.00")
    assert stored(engine, save_orders, TEAM, campaign_id, [*first[:10], one_more]) == 1
    assert stored(engine, save_orders, TEAM, new_campaign(engine), first[:10]) == 10  # another campaign's own


def test_upgrading_keys_the_orders_and_counts_the_views_per_day_already_stored(database_url) -> None:
    engine = make_engine(database_url)
    try:
        campaign_id = new_campaign(engine)  # written by today's code, then the schema goes back under them
        ana = stored(engine, add_creator, TEAM, campaign_id, handle="ana", platform="instagram", fee=Decimal(1))
        engine.dispose()
        downgrade(database_url, "0009")
        with transaction(engine) as session:
            session.execute(
                text(
                    "INSERT INTO shop_order (team_id, campaign_id, order_id, created_at, code, utm_content, revenue,"
                    " currency, cancelled, source) VALUES (:team, :campaign, :id, :at, :code, :utm, 10, 'USD',"
                    " false, 'generic')"
                ).bindparams(bindparam("at", type_=UTCDateTime())),
                [
                    {"team": TEAM, "campaign": campaign_id, "id": id, "at": WINDOW.start, "code": code, "utm": utm}
                    for id, code, utm in (("o1", " Straße", None), ("o2", None, "@\u212aai"), ("o3", "WELCOME", None))
                ],
            )
            session.execute(
                text(
                    "INSERT INTO metric_observation (team_id, campaign_id, creator_id, post_url, observed_at, views,"
                    " source, recorded_at) VALUES (:team, :campaign, :creator, 'https://instagram.com/p/A', :at,"
                    " :views, 'manual', :at)"
                ).bindparams(bindparam("at", type_=UTCDateTime())),
                [
                    {"team": TEAM, "campaign": campaign_id, "creator": ana, "at": when, "views": views}
                    for when, views in (
                        (datetime(2026, 3, 1, 0, 0, tzinfo=UTC), 5),
                        (datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC), 50),
                        (datetime(2026, 3, 2, 0, 0, tzinfo=UTC), 70),
                    )
                ],
            )
        upgrade(database_url)
        code = CreatorTerms(
            creator_id="c", handle="ana", platform=Platform.instagram, fee=usd("1"), discount_code="strasse"
        )
        link = CreatorTerms(creator_id="k", handle="kai", platform=Platform.tiktok, fee=usd("1"))
        data = report(CAMPAIGN, [code, link], grouped_orders(engine, campaign_id, [code, link]))
        assert (data["conversions_code"], data["conversions_link"], data["orders"]["unattributed"]) == (1, 1, 1)
        assert stored(engine, views_by_day, TEAM, campaign_id) == [(date(2026, 3, 1), 50), (date(2026, 3, 2), 70)]
    finally:
        engine.dispose()

"""A campaign's shop orders: stored once per order id, and tallied per UTC day so that a report reads a few
thousand tallies rather than every order.

`shop_order` keeps each order with `code_key` and `link_key`, bot.metrics.match_key of its code and utm_content,
computed in Python: SQL has no case folding that agrees with Python's on every script (ß is ss, ﬁ is fi, and
SQLite's lower() knows only ASCII), and the report must match exactly as the domain does. `order_day` counts the
orders per (code_key, link_key, currency, cancelled, UTC day of created_at), with their revenue in cents and one
of them to stand for the rest; `save_orders` adds the orders that were new to it in the same transaction.

`campaign_orders` groups the orders as attribution treats them alike (the creator code they match or none, the
creator link they match when no code does, currency, cancelled, inside the window or not): from the tallies on
days wholly inside or outside the window, from the orders themselves on the UTC days the window starts or ends
within (at most two). Each group is one `Order` with its count in `orders` (see bot.metrics.inputs.Order).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    and_,
    case,
    cast,
    func,
    literal,
    not_,
    null,
    select,
    text,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.metrics.attribution import Window
from bot.metrics.inputs import Order, match_key
from storage.bulk import CHUNK, insert_rows, on_postgresql
from storage.models import Base, OrderDay, ShopOrder

NO_KEY = ""  # order_day's code_key or link_key for "no code" (a unique key cannot tell NULLs apart)
Group = tuple[str | None, str | None, str, bool, bool]  # matched code, matched link, currency, cancelled, inside
MEMBER = ("order_id", "created_at", "code", "utm_content", "source")  # what a group takes from one of its orders


@dataclass(frozen=True)
class Sum:
    """Orders of one group (or part of it): how many, their revenue in cents, and the one with the lowest id."""

    group: Group
    orders: int
    cents: int
    member_id: int

    def plus(self, other: Sum) -> Sum:
        return Sum(
            self.group, self.orders + other.orders, self.cents + other.cents, min(self.member_id, other.member_id)
        )

    def order(self, member: tuple[Any, ...]) -> Order:
        """The group as one record: the member's MEMBER fields, the group's count and revenue."""
        _, _, currency, cancelled, _ = self.group
        return Order(
            **dict(zip(MEMBER, member, strict=True)),
            currency=currency,
            cancelled=cancelled,
            revenue=Decimal(self.cents) / 100,
            orders=self.orders,
        )


def _order_row(order: Order) -> dict[str, Any]:
    return {
        "order_id": order.order_id,
        "created_at": order.created_at,
        "day": _day(order.created_at),
        "code": order.code,
        "utm_content": order.utm_content,
        "revenue": order.revenue,
        "currency": order.currency,
        "cancelled": order.cancelled,
        "source": order.source.value,
        "code_key": match_key(order.code),
        "link_key": match_key(order.utm_content),
    }


def save_orders(session: Session, team_id: str, campaign_id: int, orders: list[Order]) -> int:
    """Store orders not seen before (by order id) and count them in the day tallies; returns how many were new.
    Importing again changes nothing."""
    unique: dict[str, Order] = {}
    for order in orders:
        unique.setdefault(order.order_id, order)
    rows = [_order_row(order) for order in unique.values()]
    table = Base.metadata.tables[ShopOrder.__tablename__]
    new: list[tuple[int, dict[str, Any]]] = []
    for start in range(0, len(rows), CHUNK):
        some = rows[start : start + CHUNK]
        statement = (
            insert_rows(session, table, some, team_id=team_id, campaign_id=campaign_id)
            .on_conflict_do_nothing(index_elements=["team_id", "campaign_id", "order_id"])
            .returning(table.c.id, table.c.order_id)  # only the rows inserted: the new orders
        )
        by_id = {row["order_id"]: row for row in some}
        new += [(shop_id, by_id[order_id]) for shop_id, order_id in session.execute(statement).all()]
    _tally(session, team_id, campaign_id, new)
    session.flush()
    return len(new)


def _tally(session: Session, team_id: str, campaign_id: int, new: list[tuple[int, dict[str, Any]]]) -> None:
    counts: dict[tuple[str, str, str, bool, date], list[int]] = {}  # -> [orders, cents, one of them]
    for shop_id, row in new:
        key = (
            row["code_key"] or NO_KEY,
            row["link_key"] or NO_KEY,
            row["currency"],
            row["cancelled"],
            row["day"],
        )
        cents = int((row["revenue"] * 100).quantize(Decimal(1), ROUND_HALF_UP))  # as Numeric(14, 2) keeps it
        tally = counts.setdefault(key, [0, 0, shop_id])
        tally[0] += 1
        tally[1] += cents
    names = ("code_key", "link_key", "currency", "cancelled", "day")
    tallies = [
        dict(zip(names, key, strict=True)) | {"orders": n, "cents": cents, "member_id": member}
        for key, (n, cents, member) in counts.items()
    ]
    table = Base.metadata.tables[OrderDay.__tablename__]
    for start in range(0, len(tallies), CHUNK):
        statement = insert_rows(
            session, table, tallies[start : start + CHUNK], team_id=team_id, campaign_id=campaign_id
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["team_id", "campaign_id", "day", *names[:4]],
                set_={
                    "orders": table.c.orders + statement.excluded.orders,
                    "cents": table.c.cents + statement.excluded.cents,
                },
            )
        )


def campaign_orders(
    session: Session, team_id: str, campaign_id: int, window: Window, *, codes: Collection[str], links: Collection[str]
) -> list[Order] | None:
    """The campaign's orders grouped as attribution treats them alike (`codes` and `links`: the creators' match
    keys), each group one `Order` (a member's id, time, code and link; the group's count and revenue). None when
    no orders were ever imported (conversions unknown, not zero)."""
    split = sorted({_day(moment) for moment in (window.start, window.end) if moment != _midnight(_day(moment))})
    _plan_for_few_groups(session)
    totals: dict[Group, Sum] = {}
    asked = _Asked(team_id, campaign_id, window, split, codes, links)
    for found in [*_tallied(session, asked), *_counted(session, asked)]:
        total = totals.setdefault(found.group, found)
        if total is not found:
            totals[found.group] = total.plus(found)
    if not totals:
        return None
    members = _members(session, team_id, [total.member_id for total in totals.values()])
    return [total.order(members[total.member_id]) for total in totals.values()]


def _plan_for_few_groups(session: Session) -> None:
    """PostgreSQL cannot know that the CASE expressions fold tens of thousands of tallies into a few hundred
    groups: it expects one group per tally and sorts them, spilling to disk, at twice the time of hashing. And
    once psycopg prepares the statement (its fifth run on a connection), a generic plan cannot hash the IN lists
    either, and the scan takes three times as long. For the rest of this transaction: room to hash, and plans
    made for the keys at hand."""
    if on_postgresql(session):
        session.execute(text("SET LOCAL work_mem = '32MB'"))
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def _matched(
    code: InstrumentedAttribute[Any],
    link: InstrumentedAttribute[Any],
    codes: Collection[str],
    links: Collection[str],
) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The creator code an order matches (else NULL), and the creator link it matches when no code does."""
    code_matches = code.in_(sorted(codes))
    return (
        case((code_matches, code), else_=null()).label("code"),
        case((code_matches, null()), (link.in_(sorted(links)), link), else_=null()).label("link"),
    )


@dataclass(frozen=True)
class _Asked:
    """Whose orders, grouped against which creator keys and window."""

    team_id: str
    campaign_id: int
    window: Window
    split: list[date]  # the UTC days the window starts or ends within: read order by order
    codes: Collection[str]
    links: Collection[str]


def _tallied(session: Session, asked: _Asked) -> list[Sum]:
    """From the day tallies, leaving out the days the window starts or ends within."""
    start, end = _day(asked.window.start), _day(asked.window.end)
    first_inside = start + timedelta(days=1 if start in asked.split else 0)
    keys = select(
        *_matched(OrderDay.code_key, OrderDay.link_key, asked.codes, asked.links),
        OrderDay.currency,
        OrderDay.cancelled,
        and_(OrderDay.day >= first_inside, OrderDay.day < end).label("inside"),
        OrderDay.orders,
        OrderDay.cents,
        OrderDay.member_id,
    ).where(
        OrderDay.team_id == asked.team_id,
        OrderDay.campaign_id == asked.campaign_id,
        not_(OrderDay.day.in_(asked.split)),
    )
    return _sums(session, keys.subquery())


def _counted(session: Session, asked: _Asked) -> list[Sum]:
    """From the orders themselves on the days the window starts or ends within (none when it starts and ends at
    midnight UTC)."""
    if not asked.split:
        return []
    window = asked.window
    keys = select(
        *_matched(ShopOrder.code_key, ShopOrder.link_key, asked.codes, asked.links),
        ShopOrder.currency,
        ShopOrder.cancelled,
        and_(ShopOrder.created_at >= window.start, ShopOrder.created_at < window.end).label("inside"),
        literal(1).label("orders"),
        # Whole cents: exact on SQLite too, where a sum of Numeric columns would be a sum of floats.
        cast(func.round(ShopOrder.revenue * 100), BigInteger).label("cents"),
        ShopOrder.id.label("member_id"),
    ).where(
        ShopOrder.team_id == asked.team_id,
        ShopOrder.campaign_id == asked.campaign_id,
        ShopOrder.day.in_(asked.split),
    )
    return _sums(session, keys.subquery())


def _sums(session: Session, keys: Any) -> list[Sum]:
    """Grouped by the labelled keys of a subquery: PostgreSQL cannot group by an expression with bound values (the
    IN lists) repeated in GROUP BY, but it can by a subquery's columns."""
    group = (keys.c.code, keys.c.link, keys.c.currency, keys.c.cancelled, keys.c.inside)
    query = select(*group, func.sum(keys.c.orders), func.sum(keys.c.cents), func.min(keys.c.member_id))
    return [
        Sum((code, link, currency, bool(cancelled), bool(inside)), int(count), int(cents), int(member))
        for code, link, currency, cancelled, inside, count, cents, member in session.execute(query.group_by(*group))
    ]


def _members(session: Session, team_id: str, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """The MEMBER fields of these orders, by id. A query of its own: joined to the groups, PostgreSQL (expecting a
    group per tally) would rather scan every order than look a few hundred up."""
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(ShopOrder.id, *(getattr(ShopOrder, name) for name in MEMBER)).where(
            ShopOrder.team_id == team_id, ShopOrder.id.in_(ids[start : start + CHUNK])
        )
        found.update((shop_id, tuple(fields)) for shop_id, *fields in session.execute(query))
    return found

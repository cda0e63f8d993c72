"""The words a user gets when something fails after the ack, and the modal input handed back to them."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError

from handlers.failures import DATABASE_DOWN, SOMETHING_BROKE, failure_text, submitted_values


def test_a_database_outage_says_try_again_in_a_minute_and_a_bug_says_tell_the_admin() -> None:
    assert failure_text(OperationalError("SELECT 1", {}, Exception("connection refused"))) == DATABASE_DOWN
    assert failure_text(IntegrityError("INSERT", {}, Exception("duplicate key"))) == SOMETHING_BROKE
    assert failure_text(KeyError("user")) == SOMETHING_BROKE


def test_submitted_values_are_listed_by_label_in_form_order_without_blank_fields() -> None:
    view = {
        "blocks": [
            {"type": "section", "block_id": "intro", "text": {"type": "mrkdwn", "text": "Hi"}},
            {"type": "input", "block_id": "name", "label": {"type": "plain_text", "text": "Campaign name"}},
            {"type": "input", "block_id": "budget", "label": {"type": "plain_text", "text": "Budget"}},
            {"type": "input", "block_id": "approvers", "label": {"type": "plain_text", "text": "Approvers"}},
            {"type": "input", "block_id": "tz", "label": {"type": "plain_text", "text": "Time zone"}},
        ],
        "state": {
            "values": {
                "name": {"v": {"type": "plain_text_input", "value": "Autumn *Launch*"}},
                "budget": {"v": {"type": "plain_text_input", "value": ""}},
                "approvers": {"v": {"type": "multi_users_select", "selected_users": ["U1", "U2"]}},
                "tz": {"v": {"type": "static_select", "selected_option": {"value": "Europe/Paris"}}},
            }
        },
    }

    assert submitted_values(view) == [
        ("Campaign name", "Autumn *Launch*"),
        ("Approvers", "U1, U2"),
        ("Time zone", "Europe/Paris"),
    ]

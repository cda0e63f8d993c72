"""The words a user gets when something fails after the ack, and the modal input handed back to them."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError

from handlers.failures import DATABASE_DOWN, SOMETHING_BROKE, failure_text, reported_after_ack, submitted_values


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


def test_a_listener_failing_right_after_its_ack_still_answers_slack_at_once(slack):
    def handle_boom(ack, command) -> None:
        ack()
        raise RuntimeError(f"broken after the ack of {command['command']}")

    slack.app.command("/boom")(reported_after_ack(handle_boom))

    answers = [slack.command("/boom") for _ in range(20)]

    assert [a.status_code for a in answers] == [200] * 20  # the ack, never Bolt's 404 after a 3 s wait
    assert all(a.elapsed.total_seconds() < 2 for a in answers)
    told = slack.wait_for("response_url", count=20, timeout=10)
    assert {call.params["text"] for call in told} == {SOMETHING_BROKE}

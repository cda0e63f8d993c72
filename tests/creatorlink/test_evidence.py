"""What came in through a creator's private link, in the evidence pack: each submission (when, from which network,
what: the draft's version and files, the live link) and the link's own life (issued, rotated, revoked), in the
Markdown file and in the PDF, read back as a reader would."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from pypdf import PdfReader

from bot.campaigns.evidence_files import evidence_files
from bot.review.creator_link import network_of
from bot.services import creator_links
from bot.services.evidence import evidence_pack
from tests.creatorlink.conftest import APPROVER
from tests.creatorlink.test_limits import PNG, post_file
from tests.creatorlink.test_pages import csrf, submit


def pack_files(site, file_format: str) -> dict[str, bytes]:
    pack = evidence_pack(site.slack.services.uow(), site.slack.team_id, "spring", now=datetime.now(UTC))
    return dict(evidence_files(pack, file_format))  # type: ignore[arg-type]


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_each_submission_through_the_link_and_the_links_life_are_in_the_pack_as_markdown_and_pdf(site):
    first = site.link()
    answer, deliverable = post_file(site, first, "glow <b>photo</b>.png", PNG)
    assert answer.status_code == 200
    site.slack.deliver()
    card = next(m for m in site.slack.standin.messages[site.slack.channel_id] if m["text"].startswith("Draft v1"))
    site.slack.click(card, "review_approve", user_id=APPROVER)
    site.slack.wait_for("chat.postMessage", lambda c: "approved v1" in c.params.get("text", ""))
    second = site.link(rotate=True)  # the first one ends here
    page = site.browser.get(second)
    live = "https://www.instagram.com/reel/C0ABCdef123/"
    sent = site.browser.post(f"{second}/live/{deliverable}", data={"csrf": csrf(page), "url": live})
    assert sent.status_code == 200
    creator_links.revoke_link(
        site.slack.services.uow(), site.slack.team_id, "spring", "glowwithmia", now=datetime.now(UTC)
    )

    files = pack_files(site, "md")
    markdown = files["evidence-spring-glow-glowwithmia-instagram.md"].decode()
    section = markdown[markdown.index("## The creator's private link") : markdown.index("## Payments")]
    lines = [line for line in section.splitlines() if line.startswith(("- ", "  - "))]
    assert re.fullmatch(
        r"- [-\d]{10} [\d:]{5}: \*\*Link issued\*\* by U0ALICE, valid until [-\d]{10} [\d:]{5}\.", lines[0]
    )
    assert lines[1].endswith(f"**Draft v1** sent for deliverable #{deliverable} from 127.0.0.0/24.")
    assert lines[2] == "  - File: glow \\<b\\>photo\\</b\\>.png"  # as the creator named it, inert
    assert "**New link issued** by U0ALICE" in lines[3] and lines[3].endswith("ending the earlier one (rotated).")
    assert lines[4].endswith(f"**Live link** given for deliverable #{deliverable} from 127.0.0.0/24: {live}.")
    assert lines[5].endswith("**Revoked**.")
    assert len(lines) == 6
    assert "127.0.0.1" not in markdown  # the network, never the address

    pdf = pack_files(site, "pdf")["evidence-spring-glow-glowwithmia-instagram.pdf"]
    text = one_line(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    link_part = text[text.index("The creator's private link") : text.index("Payments")]
    in_order = [
        "Link issued by U0ALICE, valid until",
        f"Draft v1 sent for deliverable #{deliverable} from 127.0.0.0/24.",
        "File: glow <b>photo</b>.png",
        "New link issued by U0ALICE",
        "ending the earlier one (rotated).",
        f"Live link given for deliverable #{deliverable} from 127.0.0.0/24: {live}.",
        "Revoked.",
    ]
    positions = [link_part.index(part) for part in in_order]
    assert positions == sorted(positions)
    assert "127.0.0.1" not in text

    other = pack_files(site, "md")["evidence-spring-glow-otherone-instagram.md"].decode()
    assert "## The creator's private link\n\nNo private link was issued to this creator." in other


def test_a_draft_without_files_lists_none_and_the_history_keeps_the_whole_address(site):
    submit(site, site.link(), "#ad Loving the serum")
    markdown = pack_files(site, "md")["evidence-spring-glow-glowwithmia-instagram.md"].decode()
    assert "**Draft v1** sent for deliverable" in markdown and "File:" not in markdown
    [(_, action, ip, _, detail)] = creator_links.creator_history(
        site.slack.services.uow(), site.slack.team_id, "spring", "glowwithmia"
    )
    assert (action, ip, detail) == ("draft", "127.0.0.1", "v1")


def test_an_address_is_shown_as_its_network_only():
    assert network_of("203.0.113.77") == "203.0.113.0/24"
    assert network_of("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert network_of("::ffff:198.51.100.9") == "198.51.100.0/24"  # an IPv4 client seen through IPv6
    assert network_of("fe80::1%eth0") == "fe80::/48"
    assert network_of("not an address") == "unknown"
    assert network_of("1" * 10_000) == "unknown"

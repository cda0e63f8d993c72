"""Following a pasted short link (respx answers for the network): to where it leads, within five hops and five
seconds, https only, never to an address inside our network."""

from __future__ import annotations

import httpx
import pytest
import respx

from bot.sources.short_links import LinkFollower, LinkNotFollowed

PUBLIC = {"vm.tiktok.com": ["23.45.67.89"], "www.tiktok.com": ["23.45.67.90"], "bit.ly": ["67.199.248.10"]}
POST = "https://www.tiktok.com/@maya/video/7301234567890"


def public_dns(host: str) -> list[str]:
    return PUBLIC.get(host, ["8.8.8.8"])


def follower(**kw) -> LinkFollower:
    kw.setdefault("resolve", public_dns)
    return LinkFollower(httpx.Client(), **kw)


@respx.mock
def test_a_tiktok_share_link_leads_to_the_creators_video():
    respx.get("https://vm.tiktok.com/ZMabc123/").respond(301, headers={"Location": POST + "?_r=1"})
    respx.get(POST + "?_r=1").respond(200, text="<html>")
    assert follower().follow("https://vm.tiktok.com/ZMabc123/") == POST + "?_r=1"


@respx.mock
def test_a_relative_redirect_is_read_against_the_hop_it_came_from():
    respx.get("https://bit.ly/3glow").respond(302, headers={"Location": "https://www.tiktok.com/t/ZTx/"})
    respx.get("https://www.tiktok.com/t/ZTx/").respond(302, headers={"Location": "/@maya/video/7301234567890"})
    respx.get(POST).respond(200)
    assert follower().follow("https://bit.ly/3glow") == POST


@respx.mock
def test_more_than_five_redirects_are_not_followed():
    for hop in range(7):
        respx.get(f"https://bit.ly/{hop}").respond(302, headers={"Location": f"https://bit.ly/{hop + 1}"})
    with pytest.raises(LinkNotFollowed, match="it redirects more than 5 times"):
        follower().follow("https://bit.ly/0")
    assert respx.calls.call_count == 6  # the link and its five redirects


@respx.mock
def test_a_redirect_to_plain_http_is_not_followed():
    respx.get("https://bit.ly/3glow").respond(301, headers={"Location": "http://www.tiktok.com/@maya/video/1"})
    with pytest.raises(LinkNotFollowed, match="not a plain https link"):
        follower().follow("https://bit.ly/3glow")


@pytest.mark.parametrize(
    ("target", "addresses"),
    [
        ("https://internal.example/admin", ["10.0.0.5"]),
        ("https://metadata.example/latest", ["169.254.169.254"]),
        ("https://localhost/", ["127.0.0.1"]),
        ("https://v6.example/", ["::1"]),
        ("https://mixed.example/", ["23.45.67.90", "192.168.1.2"]),  # one private address is one too many
        ("https://127.0.0.1/", []),  # an IP literal is its own address, whatever the resolver says
    ],
)
@respx.mock
def test_a_redirect_inside_our_network_is_not_followed(target, addresses):
    respx.get("https://bit.ly/3glow").respond(301, headers={"Location": target})
    dns = {**PUBLIC, "internal.example": addresses, "metadata.example": addresses, "localhost": addresses}
    dns |= {"v6.example": addresses, "mixed.example": addresses}

    def resolve(host: str) -> list[str]:
        from bot.sources.short_links import resolve_host

        return resolve_host(host) if host[0].isdigit() else dns[host]

    with pytest.raises(LinkNotFollowed, match="not public"):
        follower(resolve=resolve).follow("https://bit.ly/3glow")
    assert respx.calls.call_count == 1  # the internal address was never asked


@respx.mock
def test_a_link_that_does_not_answer_in_time_gives_up():
    respx.get("https://bit.ly/3glow").mock(side_effect=httpx.ConnectTimeout("slow"))
    with pytest.raises(LinkNotFollowed, match="it did not answer within 5 seconds"):
        follower().follow("https://bit.ly/3glow")


def test_the_whole_chain_shares_one_deadline():
    with pytest.raises(LinkNotFollowed, match="within 0 seconds"):
        follower(deadline=0).follow("https://bit.ly/3glow")

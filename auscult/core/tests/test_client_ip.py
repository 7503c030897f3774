"""The client's address: REMOTE_ADDR unless proxies of ours are configured, then the entry the outermost of
them wrote into X-Forwarded-For, never one the client wrote."""

import pytest
from django.test import RequestFactory

from auscult.core.client_ip import client_ip


def request(remote="10.0.0.2", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request("198.51.100.7", "192.0.2.1")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "192.0.2.1, 198.51.100.7", "198.51.100.7"),  # the left entry came from the client
        (2, "192.0.2.1, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (1, "192.0.2.1,2001:DB8::0:1", "2001:db8::1"),  # canonical, so one address is one key
    ],
)
def test_behind_proxies_the_entry_the_outermost_one_wrote(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = hops

    assert client_ip(request(forwarded=forwarded)) == expected


@pytest.mark.parametrize(
    ("hops", "forwarded"),
    [(1, None), (1, ""), (2, "198.51.100.7"), (1, "not-an-address"), (1, "198.51.100.7, ")],
)
def test_a_request_that_did_not_come_through_every_proxy_has_the_connections_address(settings, hops, forwarded):
    settings.TRUSTED_PROXY_COUNT = hops

    assert client_ip(request("10.0.0.2", forwarded)) == "10.0.0.2"


def test_no_address_at_all_is_none(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request("")) is None

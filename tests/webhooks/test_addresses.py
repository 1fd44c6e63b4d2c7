"""Where deliveries may go: public addresses only, every resolved address checked, then pinned."""

import socket
from ipaddress import ip_network

import pytest

from app.webhooks.addresses import AddressRefused, is_allowed, literal_refused, resolve_checked

REFUSED = [
    "127.0.0.1",  # loopback
    "::1",
    "10.1.2.3",  # private
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # link-local: the cloud metadata service
    "fe80::1",
    "100.64.0.1",  # shared address space (carrier NAT)
    "0.0.0.0",
    "240.0.0.1",  # reserved
    "224.0.0.1",  # multicast
    "::ffff:127.0.0.1",  # loopback dressed as IPv6
    "fc00::1",  # unique local
]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused(address):
    assert not is_allowed(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "202.96.134.133", "2400:3200::1"])
def test_public_addresses_are_allowed(address):
    assert is_allowed(address)


def test_an_allowed_network_opens_its_addresses_only():
    allowed = [ip_network("10.8.0.0/16")]
    assert is_allowed("10.8.3.4", allowed)
    assert not is_allowed("10.9.0.1", allowed)
    assert not is_allowed("127.0.0.1", allowed)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/x", "http://localhost/x", "https://[::1]/x", "http://169.254.169.254/"],
)
def test_a_url_naming_a_refused_address_is_refused_outright(url):
    assert literal_refused(url)


def test_a_name_resolving_to_any_non_public_address_is_refused(monkeypatch):
    # A host answering one public and one loopback address: refused, not half-allowed.
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 443)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(AddressRefused, match=r"127\.0\.0\.1"):
        resolve_checked("rebind.example", 443)


def test_the_checked_address_is_the_one_connected_to(monkeypatch):
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    assert resolve_checked("platform.example", 443) == "93.184.216.34"

"""Where a delivery may go: public addresses only, checked and then connected to as checked.

The host is resolved once; every address it resolves to must be public (not loopback,
link-local, private, shared, reserved, multicast or unspecified), and the connection goes to the
address that was checked, with the URL's host name kept for the Host header and for TLS (SNI
and certificate). Resolving again at connect time would let a host that answers a public address
to the check and 127.0.0.1 to the connection (DNS rebinding) reach inside.
"""

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Sequence
from urllib.parse import urlsplit


class AddressRefused(Exception):
    """The URL's host is, or resolves to, an address deliveries may not reach."""


def is_allowed(address: str, allowed: Sequence = ()) -> bool:
    """Whether deliveries may reach an IP address: a public one, or one in the allowed networks.

    allowed is WEBHOOK_ALLOWED_NETWORKS: e.g. a provincial platform on a government network.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == network.version and ip in network for network in allowed):
        return True
    return ip.is_global and not ip.is_multicast


def split_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an http(s) URL; ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL with a host")
    if parts.username or parts.password:
        raise ValueError("credentials in the URL")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def literal_refused(url: str, *, allowed: Sequence = ()) -> bool:
    """Whether the URL names a refused address outright (an IP literal or localhost)."""
    host = split_url(url)[1].strip("[]")
    if host.rstrip(".").lower() == "localhost" or host.lower().endswith(".localhost"):
        host = "127.0.0.1"
    try:
        return not is_allowed(host, allowed)
    except ValueError:  # a name, checked when it is resolved at delivery
        return False


def resolve_checked(host: str, port: int, *, allowed: Sequence = ()) -> str:
    """The address to connect to: the first the host resolves to, all of them checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise OSError(f"cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    refused = [address for address in addresses if not is_allowed(address, allowed)]
    if refused:
        raise AddressRefused(f"{host} resolves to a non-public address: {', '.join(refused)}")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate is checked against the URL's host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(
    url: str, body: bytes, headers: dict, *, timeout: float, allowed: Sequence = ()
) -> tuple[str, int, bytes]:
    """POST body to url at a checked address: (address, status, first KB of the answer)."""
    scheme, host, port, path = split_url(url)
    address = resolve_checked(host, port, allowed=allowed)
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = kind(host, port, address=address, timeout=timeout)
    try:
        # Redirects are not followed: a 3xx is an answer like any other non-2xx.
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return address, response.status, response.read(1024)
    finally:
        connection.close()

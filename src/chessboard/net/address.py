"""Which address the device server listens on: the machine's address on the local network.

Never every interface without being asked: ``--bind 0.0.0.0`` must be said out loud, and even
then the links name one address the devices can reach.
"""

from __future__ import annotations

import ipaddress
import socket

ALL_INTERFACES = ("0.0.0.0", "::")


class AddressError(ValueError):
    """A --bind address that cannot be used; the message says why."""


def local_address() -> str:
    """The machine's IPv4 address on its local network (what phones on the same Wi-Fi reach).

    Falls back to 127.0.0.1 (this computer only) when the machine has no network.
    """
    candidates: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        candidates += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    try:
        # asks the routing table which address would be used; a UDP "connect" sends nothing
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never a real host
            candidates.append(str(probe.getsockname()[0]))
    except OSError:
        pass
    for text in candidates:
        address = ipaddress.ip_address(text)
        if address.is_private and not address.is_loopback and not address.is_link_local:
            return text
    return "127.0.0.1"


def check_bind(text: str) -> str:
    """A --bind value as an IP address string, or AddressError with the reason."""
    text = text.strip()
    if text == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise AddressError(f"--bind needs an IP address such as 192.168.1.20, not {text!r}")\
            from None
    return str(address)


def link_host(bind: str) -> str:
    """The host to print in the links: the bound address, or the local one for 0.0.0.0."""
    if bind in ALL_INTERFACES:
        return local_address()
    return f"[{bind}]" if ":" in bind else bind

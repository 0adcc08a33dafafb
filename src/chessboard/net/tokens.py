"""Join tokens: one unguessable token per human seat, for one game, revocable.

A token is the whole secret of a seat's link (``/s/<token>``): 128 bits from :mod:`secrets`,
compared in constant time. Re-issuing a seat's token (a lost phone) makes the old link worthless.
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading

TOKEN_BYTES = 16
# what a token can look like; anything else from the network is refused before any lookup
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class SeatTokens:
    """The current token of each seat; safe to use from the window's and the server's threads."""

    def __init__(self, seats: list[str]) -> None:
        self._lock = threading.Lock()
        self._tokens = {seat: secrets.token_urlsafe(TOKEN_BYTES) for seat in seats}

    @property
    def seats(self) -> list[str]:
        with self._lock:
            return list(self._tokens)

    def token(self, seat: str) -> str:
        with self._lock:
            return self._tokens[seat]

    def seat_for(self, token: object) -> str | None:
        """The seat a token opens, or None (malformed, unknown or revoked)."""
        if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
            return None
        found = None
        with self._lock:
            for seat, current in self._tokens.items():
                # no early exit: the time taken says nothing about which token came close
                if hmac.compare_digest(current.encode(), token.encode()):
                    found = seat
        return found

    def reissue(self, seat: str) -> str:
        """Revoke the seat's link and give it a new one."""
        with self._lock:
            if seat not in self._tokens:
                raise KeyError(seat)
            self._tokens[seat] = secrets.token_urlsafe(TOKEN_BYTES)
            return self._tokens[seat]

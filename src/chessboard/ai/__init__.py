"""Bots that choose among legal actions from their own seat's view."""

from __future__ import annotations

from chessboard.ai.base import Bot
from chessboard.ai.registry import bot_seed, make_bot

__all__ = ["Bot", "bot_seed", "make_bot"]

"""The research environment: the game as a PettingZoo AEC environment (``pip install .[rl]``).

The engine-side pieces (stable action ids, observation vectors, utilities) live in
:mod:`chessboard.engine.encoding`, :mod:`chessboard.engine.observation` and
:mod:`chessboard.engine.returns` and need nothing extra; this package adds numpy, gymnasium
and pettingzoo on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chessboard.rl.environment import ChessboardEnv

EXTRA_HINT = "the research environment needs its extra: pip install '.[rl]' (numpy, " \
    "gymnasium, pettingzoo)"


def env(**kwargs: Any) -> ChessboardEnv:
    """A new :class:`~chessboard.rl.environment.ChessboardEnv`; says what to install without
    the extra."""
    try:
        from chessboard.rl.environment import ChessboardEnv
    except ImportError as err:
        raise ImportError(f"{EXTRA_HINT} ({err})") from None
    return ChessboardEnv(**kwargs)

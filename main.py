"""Play the Central Asian Chessboard: ``python main.py [ARGS]`` is the same as ``chessboard ARGS``.

On first use it creates ``.venv`` beside this file and installs the game's dependencies there.
"""

from __future__ import annotations

import sys

from bootstrap import ensure_environment

if __name__ == "__main__":
    ensure_environment(extras="all")
    from chessboard.cli import main

    sys.exit(main())

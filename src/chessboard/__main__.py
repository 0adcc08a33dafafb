"""``python -m chessboard ARGS`` is the same as ``chessboard ARGS``."""

from __future__ import annotations

import sys

from chessboard.cli import main

sys.exit(main())

"""``python -m chessboard.cli_entry ARGS``: the command line without the console script."""

from __future__ import annotations

import sys

from chessboard.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Run the test suite: ``python run_tests.py [PYTEST ARGS]``.

Creates ``.venv`` with the development extras on first use (``CHESSBOARD_TEST_EXTRAS`` names
others, e.g. ``dev,rl``), then runs pytest in it.
"""

from __future__ import annotations

import os
import sys

from bootstrap import ensure_environment

if __name__ == "__main__":
    # CI sets CHESSBOARD_TEST_EXTRAS=dev,rl so that the research environment's tests run too
    # (they skip without the extra).
    ensure_environment(extras=os.environ.get("CHESSBOARD_TEST_EXTRAS", "dev"))
    import pytest

    sys.exit(pytest.main(sys.argv[1:]))

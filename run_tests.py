"""Run the test suite: ``python run_tests.py [PYTEST ARGS]``.

Creates ``.venv`` with the development extras on first use, then runs pytest in it.
``CHESSBOARD_TEST_EXTRAS`` names others, e.g. ``dev,rl,dask,bench``: CI does, so that the tests
of the optional extras run instead of skipping.
"""

from __future__ import annotations

import os
import sys

from bootstrap import ensure_environment

if __name__ == "__main__":
    ensure_environment(extras=os.environ.get("CHESSBOARD_TEST_EXTRAS", "dev"))
    import pytest

    sys.exit(pytest.main(sys.argv[1:]))

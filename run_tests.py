"""Run the test suite: ``python run_tests.py [PYTEST ARGS]``.

Creates ``.venv`` with the development extras on first use, then runs pytest in it.
``CHESSBOARD_EXTRAS=dev,dask,bench`` installs more extras first (CI does, so that the Dask
tests run and the benchmarks find their peer).
"""

from __future__ import annotations

import os
import sys

from bootstrap import ensure_environment

if __name__ == "__main__":
    ensure_environment(extras=os.environ.get("CHESSBOARD_EXTRAS", "dev"))
    import pytest

    sys.exit(pytest.main(sys.argv[1:]))

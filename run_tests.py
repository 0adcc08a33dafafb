"""Run the test suite: ``python run_tests.py [PYTEST ARGS]``.

Creates ``.venv`` with the development extras on first use, then runs pytest in it.
"""

from __future__ import annotations

import sys

from bootstrap import ensure_environment

if __name__ == "__main__":
    ensure_environment(extras="dev")
    import pytest

    sys.exit(pytest.main(sys.argv[1:]))

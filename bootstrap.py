"""Create the project's virtual environment on first use and re-run inside it.

Used by ``main.py`` (play) and ``run_tests.py`` (tests) so that a fresh clone needs nothing but
Python 3.11+. Standard library only: this runs before any dependency is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CHESSBOARD_VENV", ROOT / ".venv"))


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _inside_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _stamp(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return f"{digest}-{extras}"


def ensure_environment(*, extras: str = "") -> None:
    """Re-execute the current script inside ``.venv``, creating and filling it when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - a clear message on an older Python
        sys.exit(f"Chessboard needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if _inside_venv():
        return
    python = _venv_python()
    stamp_file = VENV / ".chessboard-installed"
    wanted = _stamp(extras)
    installed = stamp_file.read_text() if stamp_file.exists() else ""
    if not python.exists() or wanted not in installed.split():
        print(f"Setting up the environment in {VENV} (first run only)...", file=sys.stderr)
        if not python.exists():
            venv.EnvBuilder(with_pip=True).create(VENV)
        target = f".[{extras}]" if extras else "."
        cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        result = subprocess.run([*cmd, "-e", target], cwd=ROOT, check=False)
        if result.returncode != 0:
            sys.exit("Installing the dependencies failed; see the messages above.")
        stamp_file.write_text(f"{installed} {wanted}".strip())
    os.execv(str(python), [str(python), *sys.argv])

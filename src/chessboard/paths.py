"""Where the game's data lives: ``rules/`` and ``assets/``.

In a source checkout they are the folders at the top of the repository, so a designer who edits
``rules/`` plays the edited rules at once. An installed wheel carries copies of both inside the
package (``chessboard/_data/``, put there by the build step in ``setup.py``), found through
:mod:`importlib.resources`, so ``chessboard`` runs from any folder after ``pip install``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

DataName = Literal["rules", "assets"]

_CHECKOUT = Path(__file__).resolve().parents[2]


def _in_checkout(name: DataName) -> Path | None:
    # Only a real checkout of this project: the package sits in its src/ folder beside
    # pyproject.toml. An installed package in site-packages never matches.
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "src" / "chessboard").is_dir():
        folder = _CHECKOUT / name
        if folder.is_dir():
            return folder
    return None


def data_dir(name: DataName) -> Path:
    """The folder ``name`` (``rules`` or ``assets``) of this copy of the game.

    Falls back to the packaged copy; the caller reports a missing file with its own message.
    """
    found = _in_checkout(name)
    if found is not None:
        return found
    return Path(str(resources.files("chessboard") / "_data" / name))

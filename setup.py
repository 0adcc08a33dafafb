"""Build step that puts the game's data into the package.

Everything else about the package is declared in ``pyproject.toml``. The rules and assets live at
the top of the repository, where designers edit them; a wheel must carry them inside the package
(``chessboard/_data/rules`` and ``chessboard/_data/assets``) so an installed game finds them
through ``importlib.resources`` (see ``chessboard.paths``).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("rules", "assets")


class BuildWithGameData(build_py):
    def run(self) -> None:
        super().run()
        for name in DATA_FOLDERS:
            source = Path(name)
            if not source.is_dir():  # an sdist without them would build a game without rules
                raise SystemExit(f"cannot build: the {name}/ folder is missing")
            self.copy_tree(str(source), str(Path(self.build_lib) / "chessboard" / "_data" / name))


setup(cmdclass={"build_py": BuildWithGameData})

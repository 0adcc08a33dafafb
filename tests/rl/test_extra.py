"""Without the ``rl`` extra the environment says what to install; the engine side needs none."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)


def test_a_missing_extra_names_the_install_command() -> None:
    done = run("import sys\n"
               "sys.modules['pettingzoo'] = None  # as if the extra were not installed\n"
               "from chessboard.rl import env\n"
               "try:\n"
               "    env()\n"
               "except ImportError as err:\n"
               "    print(err)\n")
    assert done.returncode == 0, done.stderr
    assert "pip install '.[rl]'" in done.stdout


def test_the_engine_side_imports_neither_pygame_nor_numpy() -> None:
    done = run("import sys\n"
               "import chessboard.engine.encoding, chessboard.engine.observation\n"
               "import chessboard.engine.returns\n"
               "print(sorted({m.split('.')[0] for m in sys.modules} & {'pygame', 'numpy'}))\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

"""Build the wheel, install it in a fresh venv outside the checkout and play from there.

CI runs it (``.ci/run``) so that an installed game can never again lack its rules or assets:

    python3 tools/check_install.py            # core install: validate, simulate, a headless game
    python3 tools/check_install.py --play     # also the window extra: a bot game in the window

Standard library only; it prints each command it runs and stops at the first failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str], *, cwd: Path, expect: int = 0, env: dict[str, str] | None = None,
        must_print: str = "") -> str:
    print("$", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    out = done.stdout + done.stderr
    if done.returncode != expect or must_print not in out or "Traceback" in out:
        print(out)
        sys.exit(f"check_install: {cmd[0]} {' '.join(cmd[1:3])} exited {done.returncode} "
                 f"(wanted {expect}{f', printing {must_print!r}' if must_print else ''})")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--play", action="store_true", help="also install and try the window")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chessboard-install-") as tmp:
        work = Path(tmp)
        dist = work / "dist"
        run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
            cwd=work)
        wheel = next(dist.glob("chessboard-*.whl"))
        venv.EnvBuilder(with_pip=True).create(work / "venv")
        bindir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
        python, game = str(bindir / "python"), str(bindir / "chessboard")
        pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        run([*pip, str(wheel)], cwd=work)
        # From a folder that is not the checkout: only the installed package can be found.
        run([game, "--version"], cwd=work, must_print="chessboard ")
        run([python, "-m", "chessboard", "--version"], cwd=work, must_print="chessboard ")
        run([game, "validate"], cwd=work)
        run([game, "play", "--headless", "--seats", "all=bot", "--seed", "3", "--rounds", "2"],
            cwd=work, must_print="Final VP")
        run([game, "simulate", "--games", "4", "--no-progress"], cwd=work)
        # Without the window extra, play says what to install instead of failing.
        run([game, "play"], cwd=work, expect=2, must_print="chessboard[play]")
        if args.play:
            run([*pip, f"{wheel}[play]"], cwd=work)
            env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
                   "CHESSBOARD_DATA_DIR": str(work / "data")}
            run([game, "play", "--autoplay", "--seats", "all=bot", "--seed", "3", "--rounds",
                 "1", "--quit-at-end"], cwd=work, env=env)
    print("check_install: the installed game runs outside the checkout")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Screenshots of every screen of the window, for checking projector mode by eye.

    .venv/bin/python tools/projector_shots.py --out /tmp/shots [--scale 150] [--size 1280x720]
        [--high-contrast] [--only board,log]

The screens are those of :mod:`chessboard.ui.tour` (title, set-up, how to play, load, the board
with a choice selected, a tooltip, the round summary, pass-the-device, the log, the in-game and
instructor menus, pause, inject, the history viewer, the end screen, the team devices' codes,
the designer console), driven with the events a player sends under the dummy video driver:
the pictures are the window's own surface. One PNG each (``03-how-to-play.png``); saves and
settings go to a temporary data folder, never the user's. It prints, per screen, the smallest
text drawn. ``tools/projector_shots.sh`` runs it at 150% in both palettes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from chessboard.paths import data_dir
from chessboard.rules.loader import load_rules
from chessboard.ui.app import Options
from chessboard.ui.settings import parse_scale
from chessboard.ui.tour import SCREENS, tour


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--scale", default="150", help="UI scale in percent (default 150)")
    parser.add_argument("--size", default="1280x720", help="window size (default 1280x720)")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--only", help=f"comma-separated screens of: {', '.join(SCREENS)}")
    args = parser.parse_args(argv)
    try:
        scale = parse_scale(args.scale)
        w, _, h = args.size.partition("x")
        size = (int(w), int(h))
    except ValueError as err:
        parser.error(str(err))
    only = set(args.only.split(",")) if args.only else None
    if only and only - set(SCREENS):
        parser.error(f"unknown screens: {', '.join(sorted(only - set(SCREENS)))}")
    args.out.mkdir(parents=True, exist_ok=True)
    shots: list[str] = []

    def visit(name: str, drawn: list[tuple[int, str]], app: object) -> None:
        path = args.out / f"{len(shots) + 1:02d}-{name}.png"
        pygame.image.save(pygame.display.get_surface(), str(path))
        shots.append(name)
        small = min(drawn, default=None)
        if small is not None:
            print(f"{name:16} smallest text {small[0]:3d} px  {small[1][:50]!r}")

    with tempfile.TemporaryDirectory() as data:
        os.environ["CHESSBOARD_DATA_DIR"] = data
        options = Options(size=size, scale=scale, high_contrast=args.high_contrast,
                          keep_settings=False, bot_pause=0.0, max_fps=0, handover_delay=0.0)
        tour(load_rules(data_dir("rules")), options, visit, only=only)
        pygame.quit()
    print(f"{len(shots)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Frame times of the board, launch-to-first-frame and idle CPU, in a dummy and a real window.

    python benchmarks/render.py [--frames 600] [--no-real] [--smoke]

For each window size (1280×720 and 1920×1080) a busy mid-game board (an action chosen so its
legal targets are lit, a full log, last-move highlights) is driven with a pointer that sweeps
over the country panels, the cards and the action buttons, so hover outlines, previews and
tooltips change all the time. Each frame is timed from event handling to the screen update.
"Real" runs in an X window on a virtual screen (Xvfb, software rendering), started here when no
display is set. Launch-to-first-frame runs ``main.py play`` as a user would; idle CPU samples the
process's CPU time while it waits on the board with nothing happening.

``--smoke`` runs every part once, briefly (dummy video driver, one size, a few frames), so that
a test can keep the script working; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = [(1280, 720), (1920, 1080)]


# the child: one window, timed frames -------------------------------------------------------

def busy_board(width: int, height: int, *, from_round: int) -> tuple[Any, Any]:
    """An App on the board in mid-game, an action chosen so its targets are lit.

    The human (Russia) passes while the bots play until ``from_round``; a game that ends
    before then (an early escalation) is replaced by the next seed's, so the script never
    depends on one game's course.
    """
    import pygame

    from chessboard.rules.loader import load_rules
    from chessboard.seats import Seat
    from chessboard.ui.app import App, Options
    from chessboard.ui.board import BoardScene
    from chessboard.ui.endscreen import RoundSummary

    rules = load_rules()
    seats = [Seat("russia", True, name="Alice"), Seat("china", False), Seat("eu", False),
             Seat("kazakhstan", False)]
    for seed in range(11, 61):
        app = App(rules, Options(size=(width, height), seats=seats, seed=seed, autoplay=True,
                                 bot_pause=0.0, max_fps=0))
        app.start()
        board = app.stack.find(BoardScene)
        assert board is not None
        for _ in range(20000):
            app.frame(pygame.event.get())
            if isinstance(app.stack.top, RoundSummary):
                app.pop()
            session = board.session
            if session.state.over:
                break
            if not session.can_act():
                continue
            place = next((i for i, c in enumerate(board.choices())
                          if c.id == "place" and c.enabled), None)
            if session.state.round >= from_round and place is not None:
                board.select(place)
                for _ in range(3):
                    app.frame(pygame.event.get())
                return app, board
            board.choose_pass()
            board.end_turn()
    raise RuntimeError(f"no game of seeds 11-60 reached round {from_round} with a place "
                       "action open to the human seat")


def child(width: int, height: int, frames: int, *, from_round: int = 4) -> dict[str, float]:
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    app, board = busy_board(width, height, from_round=from_round)
    # a pointer path through every kind of spot, 9 px per frame
    points = []
    for spot in board.view.spots:
        if spot.kind in ("power", "cell", "card", "choice", "opinion", "org", "track", "seat"):
            points.append(spot.rect.center)
    path = []
    for a, b in itertools.pairwise(points):
        steps = max(1, int(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 // 9))
        path += [(a[0] + (b[0] - a[0]) * k // steps, a[1] + (b[1] - a[1]) * k // steps)
                 for k in range(steps)]
    times = []
    changed = []  # frames that changed the screen (hover moved to another spot)
    pushed = 0
    for i in range(frames):
        x, y = path[i % len(path)]
        event = pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0),
                                   buttons=(0, 0, 0), touch=False)
        start = time.perf_counter()
        rects = app.frame([event])
        times.append((time.perf_counter() - start) * 1000)
        if rects:
            changed.append(times[-1])
        pushed += sum(r.w * r.h for r in rects)
    # what a change of the game costs: the whole board repainted and pushed
    full = []
    for _ in range(30):
        start = time.perf_counter()
        board.invalidate()
        app.frame([])
        full.append((time.perf_counter() - start) * 1000)
    times.sort()
    changed.sort()
    pygame.quit()
    return {"median": _median(times), "p95": _p95(times),
            "max": times[-1], "full_median": _median(full),
            "pixels_per_frame": pushed / frames, "changed": len(changed) / frames,
            "changed_median": _median(changed), "changed_p95": _p95(changed)}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p95(ordered: list[float]) -> float:
    return ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else float("nan")


def thinking(seconds: float = 6.0) -> dict[str, float]:
    """Frame intervals while search bots think in their worker thread (the loop aims at 60)."""
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from chessboard.rules.loader import load_rules
    from chessboard.seats import Seat
    from chessboard.ui.app import App, Options
    from chessboard.ui.board import BoardScene

    seats = [Seat("russia", False, "mcts", "hard"), Seat("china", False, "mcts", "hard")]
    app = App(load_rules(), Options(size=(1920, 1080), seats=seats, seed=1, autoplay=True,
                                    bot_pause=0.0))
    app.start()
    board = app.stack.find(BoardScene)
    assert board is not None
    gaps = []
    last = time.perf_counter()
    end = time.time() + seconds
    while time.time() < end:
        app.frame(pygame.event.get())
        now = time.perf_counter()
        if board.session.job is not None:
            gaps.append((now - last) * 1000)
        last = now
    gaps.sort()
    pygame.quit()
    return {"median": _median(gaps), "p95": _p95(gaps),
            "max": gaps[-1] if gaps else float("nan"), "frames": len(gaps)}


# the parent: drivers, displays and processes -----------------------------------------------

def run_child(width: int, height: int, frames: int, env: dict[str, str],
              smoke: bool = False) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", f"{width}x{height}",
                          "--frames", str(frames), *(["--smoke"] if smoke else [])], env=env,
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_xvfb() -> tuple[subprocess.Popen[bytes] | None, str | None]:
    if os.environ.get("DISPLAY"):
        return None, os.environ["DISPLAY"]
    if shutil.which("Xvfb") is None:
        return None, None
    for number in range(120, 160):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.1)
    return proc, f":{number}"


def first_frame(env: dict[str, str], args: list[str]) -> float:
    env = {**env, "CHESSBOARD_EXIT_AFTER_FIRST_FRAME": "1"}
    launched = time.time()
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", *args], env=env,
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("first-frame ")), None)
    if line is None:
        raise RuntimeError(f"main.py play {' '.join(args)} showed no first frame:\n"
                           f"{out.stderr[-2000:]}")
    return float(line.split()[1]) - launched


def idle_cpu(env: dict[str, str], seconds: float = 5.0, settle: float = 8.0) -> float:
    """Percent of one core used while the board waits for a human, nothing moving."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "play", "--autoplay",
                             "--seats", "russia=human,china=bot,eu=bot,kazakhstan=bot",
                             "--seed", "4"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle)  # bots before Russia play with their visible pause, then all is still
        tick = os.sysconf("SC_CLK_TCK")

        def cpu() -> float:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick

        before, start = cpu(), time.time()
        time.sleep(seconds)
        return 100 * (cpu() - before) / (time.time() - start)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--no-real", action="store_true", help="skip the Xvfb window")
    parser.add_argument("--smoke", action="store_true",
                        help="every part once and briefly, dummy driver only (for tests)")
    parser.add_argument("--child", metavar="WxH", help=argparse.SUPPRESS)
    parser.add_argument("--thinking", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.smoke:
        args.frames, args.no_real = min(args.frames, 30), True
    if args.thinking:
        print(json.dumps(thinking(1.0 if args.smoke else 6.0)))
        return 0
    if args.child:
        width, height = (int(v) for v in args.child.split("x"))
        print(json.dumps(child(width, height, args.frames, from_round=2 if args.smoke else 4)))
        return 0
    data = tempfile.mkdtemp(prefix="chessboard-bench-")
    base = {**os.environ, "SDL_AUDIODRIVER": "dummy", "CHESSBOARD_DATA_DIR": data,
            "PYTHONPATH": str(ROOT / "src")}
    drivers = [("dummy", {**base, "SDL_VIDEODRIVER": "dummy"})]
    xvfb, display = (None, None) if args.no_real else start_xvfb()
    if display:
        drivers.append(("Xvfb window", {**base, "SDL_VIDEODRIVER": "x11", "DISPLAY": display}))
    sizes = SIZES[:1] if args.smoke else SIZES
    smoke = ["--smoke"] if args.smoke else []
    try:
        print(f"{'window':<14}{'size':>10}{'median':>8}{'p95':>7}{'max':>7}{'changed':>9}"
              f"{'med':>6}{'p95':>7}{'repaint':>9}{'px/frame':>9}")
        for name, env in drivers:
            for width, height in sizes:
                r = run_child(width, height, args.frames, env, args.smoke)
                print(f"{name:<14}{f'{width}x{height}':>10}{r['median']:>8.2f}{r['p95']:>7.2f}"
                      f"{r['max']:>7.1f}{100 * r['changed']:>8.0f}%{r['changed_median']:>6.1f}"
                      f"{r['changed_p95']:>7.1f}{r['full_median']:>9.1f}"
                      f"{r['pixels_per_frame']:>9.0f}")
        print("(ms per frame while the pointer sweeps the board; 'changed': share of frames that "
              "redrew something, with their own median and p95; repaint: the whole board after "
              "a move)")
        name, env = drivers[-1]
        env = {**env, "CHESSBOARD_WINDOW_SIZE": "1920x1080"}
        title = first_frame(env, [])
        board = first_frame(env, ["--autoplay", "--seats", "russia=human,china=bot", "--seed",
                                  "1"])
        print(f"launch to first frame ({name}, 1920x1080): title {title:.2f} s, "
              f"board {board:.2f} s")
        idle = idle_cpu(env, 0.5, 2.0) if args.smoke else idle_cpu(env)
        print(f"idle CPU on the board ({name}, 1920x1080): {idle:.1f}% of a core")
        out = subprocess.run([sys.executable, __file__, "--thinking", *smoke], env=env,
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"frame interval while two MCTS bots think ({name}): median {r['median']:.1f} ms,"
              f" p95 {r['p95']:.1f} ms, max {r['max']:.1f} ms over {r['frames']} frames")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

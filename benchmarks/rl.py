"""Research environment speed: decisions per second through PettingZoo, beside the raw engine.

    python benchmarks/rl.py [--games N] [--smoke]   (needs the extra: pip install '.[rl]')

Plays the same number of games with uniformly random legal choices two ways and counts CPU
time (time.process_time): through ``ChessboardEnv`` (each decision builds the seat's view,
its observation vector and the action mask over every stable id), and straight on the engine
(list the legal actions, apply one). The ratio is the environment's overhead per decision.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from chessboard.engine.game import Engine
from chessboard.engine.observation import observe
from chessboard.rl import env as make_env


def through_env(games: int) -> tuple[int, float]:
    env = make_env()
    rng = np.random.default_rng(0)
    decisions = 0
    start = time.process_time()
    for seed in range(games):
        env.reset(seed=seed)
        for _agent in env.agent_iter():
            obs, _, terminated, truncated, _ = env.last()
            if terminated or truncated:
                env.step(None)
                continue
            env.step(int(rng.choice(np.flatnonzero(obs["action_mask"]))))
            decisions += 1
    return decisions, time.process_time() - start


def on_engine(engine: Engine, games: int) -> tuple[int, float]:
    chooser = random.Random(0)
    decisions = 0
    start = time.process_time()
    for seed in range(games):
        st = engine.new_game(seed=seed)
        while not st.over:
            st = engine.apply(st, chooser.choice(engine.legal_actions(st))).state
            decisions += 1
    return decisions, time.process_time() - start


def observe_only(engine: Engine, repeats: int) -> float:
    st = engine.new_game(seed=1)
    fid = engine.current_faction(st)
    assert fid is not None
    view = engine.view(st, fid)
    start = time.process_time()
    for _ in range(repeats):
        observe(engine, view, fid)
    return (time.process_time() - start) / repeats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--smoke", action="store_true",
                        help="one game, a few seconds: the script runs (figures meaningless)")
    args = parser.parse_args()
    if args.smoke:
        args.games = 1
    env_decisions, env_time = through_env(args.games)
    engine = make_env().engine
    raw_decisions, raw_time = on_engine(engine, args.games)
    env_rate, raw_rate = env_decisions / env_time, raw_decisions / raw_time
    print(f"{args.games} random games of the shipped rules (CPU time)")
    print(f"  through ChessboardEnv: {env_decisions} decisions, {env_rate:8.0f}/s")
    print(f"  engine alone:          {raw_decisions} decisions, {raw_rate:8.0f}/s")
    print(f"  environment overhead:  {raw_rate / env_rate:.1f}x the engine's time per decision")
    per_vector = observe_only(engine, 10 if args.smoke else 300)
    print(f"  observe() alone:       {per_vector * 1e3:.2f} ms per vector")
    return 0


if __name__ == "__main__":
    sys.exit(main())

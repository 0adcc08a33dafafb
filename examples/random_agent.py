"""Evaluate a random agent against the heuristic bot in the research environment.

    pip install '.[rl]'
    python examples/random_agent.py --games 20 --seat russia

The agent in ``--seat`` picks uniformly among its legal action ids (the ``action_mask`` of its
observation); every other seat is played by the heuristic bot from its own view. The same
seeds are then played with the heuristic bot in that seat too, as the yardstick. Prints, for
each, the wins, the mean rank-based utility (+1 winner .. -1 last) and the mean final VP.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import numpy as np

from chessboard.ai import make_bot
from chessboard.engine.returns import vp as final_vp
from chessboard.rl import env as make_env
from chessboard.rl.environment import ChessboardEnv

Policy = Callable[[ChessboardEnv, str, dict[str, np.ndarray]], int]


def random_policy(seed: int) -> Policy:
    rng = np.random.default_rng(seed)

    def choose(env: ChessboardEnv, agent: str, obs: dict[str, np.ndarray]) -> int:
        return int(rng.choice(np.flatnonzero(obs["action_mask"])))

    return choose


def bot_policy(kind: str, seed: int) -> Policy:
    """A bot of the game deciding from the agent's view, answering with a stable action id."""
    bot = make_bot(kind, seed=seed)

    def choose(env: ChessboardEnv, agent: str, obs: dict[str, np.ndarray]) -> int:
        engine, state = env.engine, env.game_state
        action = bot.choose(engine, engine.view(state, agent), engine.legal_actions(state))
        return env.encoding.action_id(action)

    return choose


def play(env: ChessboardEnv, policies: dict[str, Policy], seed: int) -> dict[str, float]:
    """One episode; returns each agent's utility (from its final info)."""
    env.reset(seed=seed)
    utilities: dict[str, float] = {}
    for agent in env.agent_iter():
        obs, _reward, terminated, truncated, info = env.last()
        if terminated or truncated:
            utilities[agent] = info["utility"]
            env.step(None)
        else:
            env.step(policies[agent](env, agent, obs))
    return utilities


def evaluate(*, games: int, seat: str, rounds: int | None, seed: int) -> str:
    env = make_env(rounds=rounds)
    if seat not in env.possible_agents:
        raise SystemExit(f"no seat {seat!r} (seats: {', '.join(env.possible_agents)})")
    lines = [f"{seat}: {games} games, seeds {seed}..{seed + games - 1}; other seats: heuristic",
             f"{'agent':<10}{'wins':>8}{'mean utility':>14}{'mean VP':>9}"]
    for name in ("random", "heuristic"):
        wins, total_utility, total_vp = 0, 0.0, 0
        for game in range(seed, seed + games):
            policies = {a: bot_policy("heuristic", game * 31 + i)
                        for i, a in enumerate(env.possible_agents)}
            policies[seat] = random_policy(game) if name == "random" else \
                bot_policy("heuristic", game)
            utilities = play(env, policies, game)
            wins += utilities[seat] == 1.0
            total_utility += utilities[seat]
            total_vp += final_vp(env.engine, env.game_state)[seat]
        lines.append(f"{name:<10}{f'{wins}/{games}':>8}{total_utility / games:>14.2f}"
                     f"{total_vp / games:>9.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seat", default="russia")
    parser.add_argument("--rounds", type=int, default=None, help="shorter games (1-20)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(evaluate(games=args.games, seat=args.seat, rounds=args.rounds, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())

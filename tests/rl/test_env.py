"""The PettingZoo environment: PettingZoo's own API and seed tests, rewards, and the example.

Skipped without the ``rl`` extra (``pip install .[rl]``); CI installs it.
"""

from __future__ import annotations

import runpy
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("pettingzoo")
pytest.importorskip("gymnasium")

import numpy as np

with warnings.catch_warnings():  # pettingzoo.test imports its own example envs the old way
    warnings.simplefilter("ignore", DeprecationWarning)
    from pettingzoo.test import api_test, seed_test

from chessboard.engine.observation import observe
from chessboard.engine.returns import utility, vp
from chessboard.rl import env as make_env
from chessboard.rl.environment import ChessboardEnv
from chessboard.rules.loader import Rules

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "random_agent.py"


@pytest.fixture
def short(tiny: Rules) -> ChessboardEnv:
    """The fixture rules, two rounds: a whole episode in a fraction of a second."""
    return make_env(rules=tiny, rounds=2)


def masked_random_episode(env: ChessboardEnv, seed: int) -> tuple[dict[str, float],
                                                                  dict[str, dict[str, object]]]:
    """Play an episode with uniformly random legal ids; return summed rewards and final infos."""
    env.reset(seed=seed)
    rng = np.random.default_rng(seed)
    totals = dict.fromkeys(env.possible_agents, 0.0)
    finals: dict[str, dict[str, object]] = {}
    for agent in env.agent_iter():
        obs, reward, terminated, truncated, info = env.last()
        totals[agent] += reward
        assert env.observation_space(agent).contains(obs)
        if terminated or truncated:
            finals[agent] = info
            env.step(None)
        else:
            env.step(int(rng.choice(np.flatnonzero(obs["action_mask"]))))
    return totals, finals


def test_pettingzoo_api_test(tiny: Rules, capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its advice on dict observations and agent names
        api_test(make_env(), num_cycles=1000)
        api_test(make_env(rules=tiny, rounds=2), num_cycles=100)
    assert capsys.readouterr().out.count("Passed API test") == 2


def test_pettingzoo_seed_test(tiny: Rules) -> None:
    seed_test(lambda: make_env(), num_cycles=500)
    seed_test(lambda: make_env(rules=tiny, rounds=2), num_cycles=100)


def test_same_seed_same_game_other_seed_other_game(short: ChessboardEnv) -> None:
    first = masked_random_episode(short, 3)
    first_log = short.game_state.to_json()
    assert masked_random_episode(short, 3) == first
    assert short.game_state.to_json() == first_log
    masked_random_episode(short, 4)
    assert short.game_state.to_json() != first_log


def test_vp_rewards_sum_to_the_final_vp_and_infos_carry_the_utility(
    short: ChessboardEnv,
) -> None:
    totals, finals = masked_random_episode(short, 1)
    engine, state = short.engine, short.game_state
    assert state.over
    assert totals == {a: float(v) for a, v in vp(engine, state).items()}
    assert finals == {a: {"utility": u} for a, u in utility(engine, state).items()}
    assert short.agents == []


def test_utility_rewards_come_only_at_the_end(tiny: Rules) -> None:
    env = make_env(rules=tiny, rounds=2, reward="utility")
    env.reset(seed=2)
    rng = np.random.default_rng(2)
    paid_before_end = 0.0
    totals = dict.fromkeys(env.possible_agents, 0.0)
    for agent in env.agent_iter():
        obs, reward, terminated, _, _ = env.last()
        totals[agent] += reward
        if terminated:
            env.step(None)
            continue
        paid_before_end += abs(reward)
        env.step(int(rng.choice(np.flatnonzero(obs["action_mask"]))))
    assert paid_before_end == 0.0
    assert totals == utility(env.engine, env.game_state)
    assert max(totals.values()) == 1.0 and min(totals.values()) == -1.0


def test_observations_are_the_engine_vector_of_the_seat_view(short: ChessboardEnv) -> None:
    short.reset(seed=5)
    engine, state = short.engine, short.game_state
    for agent in short.agents:
        obs = short.observe(agent)
        expected = observe(engine, engine.view(state, agent), agent)
        assert obs["observation"].dtype == np.float32
        assert obs["observation"].tolist() == [float(v) for v in expected]
        acting = agent == short.agent_selection
        legal = set(short.encoding.legal_action_ids(engine, state)) if acting else set()
        assert set(np.flatnonzero(obs["action_mask"]).tolist()) == legal
    assert short.game_info.max_game_length == 2 * short.rules.game.settings.action_rounds * len(
        short.possible_agents)


def test_bad_actions_and_settings_get_clear_messages(short: ChessboardEnv, tiny: Rules) -> None:
    short.reset(seed=1)
    obs = short.observe(short.agent_selection)
    illegal = int(np.flatnonzero(obs["action_mask"] == 0)[0])
    with pytest.raises(ValueError, match="cannot take action"):
        short.step(illegal)
    with pytest.raises(ValueError, match="must act"):
        short.step(None)
    with pytest.raises(ValueError, match="reward must be one of"):
        make_env(rules=tiny, reward="money")
    with pytest.raises(ValueError, match="render_mode"):
        make_env(rules=tiny, render_mode="rgb_array")
    with pytest.raises(ValueError, match="unknown faction"):
        make_env(rules=tiny, seats=["russia", "atlantis"])
    text = make_env(rules=tiny, render_mode="ansi")
    text.reset(seed=1)
    assert "to act" in (text.render() or "")


def test_the_example_evaluates_a_random_agent(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", [str(EXAMPLE), "--games", "2", "--rounds", "1"])
    with pytest.raises(SystemExit) as done:
        runpy.run_path(str(EXAMPLE), run_name="__main__")
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "random" in out and "heuristic" in out and "mean utility" in out

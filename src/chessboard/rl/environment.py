"""The game as a PettingZoo AEC environment (agents act in turn, one at a time).

- **Agents** are the seated faction ids (``"russia"``, ``"china"``, ...), in seat order.
- **Actions** are the stable ids of :mod:`chessboard.engine.encoding`: ``Discrete(N)`` with
  ``N`` fixed by ``settings.encoding`` in ``game.yaml``. Only masked actions are legal.
- **Observations** are dicts: ``observation``, the seat's vector of
  :func:`chessboard.engine.observation.observe` as float32 in a ``Box`` with the layout's
  declared bounds (built from the seat's own view: no hidden information), and
  ``action_mask``, int8, 1 for each legal action id (all 0 when the agent is not to act).
- **Rewards**: ``reward="vp"`` (the default) gives each seat its change of VP after every
  step, whatever caused it; ``reward="utility"`` gives 0 until the end and then the
  rank-based utility of :func:`chessboard.engine.returns.utility` (+1 winner .. -1 last,
  escalation losers last). Both modes put the utility in each agent's final ``info``.
- The game always ends (at most ``game_info.max_game_length`` decisions), so
  agents are terminated, never truncated.

``reset(seed=s)`` makes a game from seed ``s``; the same seed and actions replay exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import gymnasium
import numpy as np
from pettingzoo import AECEnv

from chessboard.engine.encoding import ActionEncoding, encoding_for
from chessboard.engine.game import Engine, IllegalActionError
from chessboard.engine.observation import observation_layout, observe
from chessboard.engine.returns import GameInfo, game_info, utility, vp_deltas
from chessboard.engine.state import GameState
from chessboard.rules.loader import Rules, load_rules

REWARDS = ("vp", "utility")


class ChessboardEnv(AECEnv):
    """One game of the Chessboard per episode; see the module text for spaces and rewards."""

    metadata: ClassVar[dict[str, Any]] = {
        "name": "chessboard_v0", "render_modes": ["ansi"], "is_parallelizable": False,
    }

    def __init__(
        self,
        *,
        rules: Rules | None = None,
        rules_dir: str | Path | None = None,
        scenario: str | None = None,
        seats: list[str] | None = None,
        rounds: int | None = None,
        reward: str = "vp",
        render_mode: str | None = None,
    ) -> None:
        super().__init__()
        if reward not in REWARDS:
            raise ValueError(f"reward must be one of {', '.join(REWARDS)}, not {reward!r}")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be None or 'ansi', not {render_mode!r}")
        self.rules = rules if rules is not None else (
            load_rules(Path(rules_dir)) if rules_dir is not None else load_rules())
        self.engine = Engine(self.rules, log=False)
        self.encoding: ActionEncoding = encoding_for(self.rules)
        self.layout = observation_layout(self.rules)
        self.reward_mode = reward
        self.render_mode = render_mode
        self._setup = {"scenario": scenario, "seats": seats, "rounds": rounds}
        # The seats do not depend on the seed: a throwaway game names them (and checks the
        # set-up, so a bad one fails here with the engine's message, not at the first reset).
        probe = self.engine.new_game(seed=0, **self._setup)
        self.possible_agents = [self.rules.game.factions[f].id for f in probe.seats]
        box = gymnasium.spaces.Box(
            low=np.array(self.layout.low, dtype=np.float32),
            high=np.array(self.layout.high, dtype=np.float32),
            dtype=np.float32,
        )
        mask = gymnasium.spaces.Box(0, 1, shape=(self.encoding.size,), dtype=np.int8)
        self.observation_spaces = {
            agent: gymnasium.spaces.Dict({"observation": box, "action_mask": mask})
            for agent in self.possible_agents
        }
        self.action_spaces = {
            agent: gymnasium.spaces.Discrete(self.encoding.size) for agent in self.possible_agents
        }
        self._seeds = np.random.default_rng()
        self._game: GameState = probe
        self.agents = []

    # spaces -------------------------------------------------------------------------------

    def observation_space(self, agent: str) -> gymnasium.spaces.Space[Any]:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> gymnasium.spaces.Space[Any]:
        return self.action_spaces[agent]

    # episode ------------------------------------------------------------------------------

    @property
    def game_state(self) -> GameState:
        """The full state of the current game (for tools and bots' referees, not for agents:
        an agent's decisions must come from its :meth:`observe`)."""
        return self._game

    @property
    def game_info(self) -> GameInfo:
        """Players, longest game, size of the action space, information and chance."""
        return game_info(self.engine, self._game)

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """Start a new game; ``seed`` fixes it (and every later seedless reset).

        ``options`` are accepted for the API's sake and ignored: the set-up (scenario, seats,
        rounds) is fixed when the environment is made.
        """
        if seed is not None:
            self._seeds = np.random.default_rng(seed)
            game_seed = int(seed)
        else:
            game_seed = int(self._seeds.integers(2**31 - 1))
        self._game = self.engine.new_game(seed=game_seed, **self._setup)
        self.agents = list(self.possible_agents)
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos: dict[str, dict[str, Any]] = {agent: {} for agent in self.agents}
        self._select()

    def _select(self) -> None:
        acting = self.engine.current_faction(self._game)
        if acting is not None:
            self.agent_selection = acting

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        view = self.engine.view(self._game, agent)
        vector = np.asarray(observe(self.engine, view, agent), dtype=np.float32)
        if agent == self.engine.current_faction(self._game):
            mask = np.frombuffer(self.encoding.legal_mask(self.engine, self._game),
                                 dtype=np.int8).copy()
        else:
            mask = np.zeros(self.encoding.size, dtype=np.int8)
        return {"observation": vector, "action_mask": mask}

    def step(self, action: int | None) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        if action is None:
            raise ValueError(f"{agent} must act: None is only for agents whose game is over")
        try:
            chosen = self.encoding.action_from_id(int(action))
            outcome = self.engine.apply(self._game, chosen)
        except (ValueError, IllegalActionError) as err:
            raise ValueError(f"{agent} cannot take action {action}: {err}") from None
        before, self._game = self._game, outcome.state
        self._cumulative_rewards[agent] = 0.0
        if self.reward_mode == "vp":
            deltas = vp_deltas(self.engine, before, self._game)
            self.rewards = {a: float(deltas[a]) for a in self.agents}
        else:
            self.rewards = dict.fromkeys(self.agents, 0.0)
        if self._game.over:
            final = utility(self.engine, self._game)
            if self.reward_mode == "utility":
                self.rewards = {a: final[a] for a in self.agents}
            for a in self.agents:
                self.terminations[a] = True
                self.infos[a] = {"utility": final[a]}
        else:
            self._select()
        self._accumulate_rewards()

    def render(self) -> str | None:
        """A one-line summary of the game (``render_mode="ansi"``)."""
        if self.render_mode is None:
            gymnasium.logger.warn("render() called without a render_mode; pass render_mode='ansi'")
            return None
        st = self._game
        factions = self.rules.game.factions
        scores = ", ".join(f"{factions[f].id} {st.vp[f]} VP" for f in st.seats)
        who = self.engine.current_faction(st)
        status = "over" if st.over else f"round {st.round}/{st.rounds}, {who} to act"
        return f"{status}: {scores}"

    def close(self) -> None:
        pass


def env(**kwargs: Any) -> ChessboardEnv:
    """A new environment (PettingZoo's usual constructor name); see :class:`ChessboardEnv`."""
    return ChessboardEnv(**kwargs)

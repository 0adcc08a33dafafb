"""The search bot: information-set Monte Carlo tree search over determinizations.

Each iteration deals the hidden information anew with :meth:`Engine.determinize` from the
bot's own view (other hands, deck order, news and dice: never the real state), walks one tree
shared by all determinizations (single-observer ISMCTS: a child's *availability* counts the
iterations in which its action was legal, so actions that exist only in some samples are not
favoured), plays a cheap rollout for a bounded horizon and scores the position for every seat.

- Selection: UCB1 for the seat that acts at the node (max^n: each seat maximises its own
  reward), with progressive widening: children are opened in the order of a prior (the
  heuristic bot's scores at the root, a cheap one below) and a node may have only
  ``widen * sqrt(visits)`` of them open.
- Rollouts: each seat takes the best of a few sampled legal actions by its own cheap score
  (``rollout_samples``), up to ``horizon`` decisions; the engine runs without a log and with
  ``apply_unchecked``.
- Leaf value: every seat's VP plus the VP the scoring phase would give it now times the
  scorings left, turned into a share of the win by a softmax (temperature ``temperature`` VP).
  A finished game scores its ranking the same way, with escalation losers at zero.

Levels are iteration budgets (so seeded games replay exactly on any machine) with a time cap
for interactive play: ``normal`` decides within 1 s and ``hard`` within 3 s on a 2-core laptop.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from chessboard.ai.features import Evaluator, projected_scores
from chessboard.ai.heuristic import HeuristicBot
from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Budget:
    iterations: int
    time_limit: float | None  # seconds per decision; None: the iterations alone decide


LEVELS: dict[str, Budget] = {
    "easy": Budget(iterations=40, time_limit=0.3),
    "normal": Budget(iterations=200, time_limit=0.9),
    "hard": Budget(iterations=600, time_limit=2.8),
}


class _Node:
    __slots__ = ("avail", "children", "prior", "total", "visits")

    def __init__(self) -> None:
        self.children: dict[Action, _Node] = {}
        self.visits = 0
        self.total = 0.0  # reward of the seat that chose the action leading here
        self.avail = 0
        self.prior: dict[Action, float] | None = None


class MCTSBot:
    name = "mcts"

    def __init__(
        self,
        *,
        seed: int = 0,
        iterations: int = 200,
        time_limit: float | None = None,
        exploration: float = 0.7,
        widen: float = 2.0,
        horizon: int = 16,
        rollout_samples: int = 3,
        temperature: float = 4.0,
    ) -> None:
        self.rng = random.Random(seed)
        self.iterations = iterations
        self.time_limit = time_limit
        self.exploration = exploration
        self.widen = widen
        self.horizon = horizon
        self.rollout_samples = rollout_samples
        self.temperature = temperature
        self.heuristic = HeuristicBot(seed=seed)
        self._engines: dict[int, Engine] = {}
        self._cheap: dict[tuple[int, int], Evaluator] = {}
        self._rollout_evals: dict[tuple[int, int], Evaluator] = {}
        self.last_iterations = 0  # iterations of the last decision (for benchmarks)

    @classmethod
    def for_level(cls, level: str, *, seed: int = 0,
                  time_limit: float | None = -1.0) -> MCTSBot:
        budget = LEVELS.get(level, LEVELS["normal"])
        cap = budget.time_limit if time_limit is not None and time_limit < 0 else time_limit
        return cls(seed=seed, iterations=budget.iterations, time_limit=cap)

    # ----------------------------------------------------------------------------------------

    def _fast(self, engine: Engine) -> Engine:
        """A log-free engine over the same rules: search never reads log lines."""
        fast = self._engines.get(id(engine.k))
        if fast is None:
            fast = engine if not engine.logging else Engine(engine.rules, log=False)
            self._engines[id(engine.k)] = fast
        return fast

    def _cheap_eval(self, engine: Engine, faction: int) -> Evaluator:
        key = (id(engine.k), faction)
        ev = self._cheap.get(key)
        if ev is None:
            weights = dict(engine.rules.game.factions[faction].bot_weights)
            weights["projected"] = 0.0  # the rollout policy skips the costly scoring probe
            weights["vp"] = 3.0
            ev = self._cheap[key] = Evaluator(engine, faction, weights)
        return ev

    def choose(self, engine: Engine, view: GameState, legal: list[Action]) -> Action:
        if len(legal) == 1:
            return legal[0]
        engine = self._fast(engine)
        me = engine.current(view)
        faction = engine.t.faction_ids[me]
        root = _Node()
        scores = self.heuristic.scores(engine, view, legal)
        root.prior = dict(zip(legal, scores, strict=True))
        start = time.perf_counter()
        done = 0
        rng = self.rng
        while done < self.iterations:
            world = engine.determinize(view, faction, rng.getrandbits(48))
            self._iterate(engine, root, world)
            done += 1
            if self.time_limit is not None and done % 8 == 0 \
                    and time.perf_counter() - start > self.time_limit:
                break
        self.last_iterations = done
        legal_set = set(legal)
        best = max(
            (a for a in root.children if a in legal_set),
            key=lambda a: (root.children[a].visits, root.prior.get(a, 0.0)),  # type: ignore[union-attr]
            default=None,
        )
        if best is None:
            return max(legal, key=lambda a: root.prior.get(a, 0.0))  # type: ignore[union-attr]
        return best

    # one iteration ------------------------------------------------------------------------

    def _iterate(self, engine: Engine, root: _Node, st: GameState) -> None:
        path: list[tuple[_Node, int]] = []
        node = root
        while not st.over:
            actor = engine.current(st)
            legal = engine.legal_actions(st)
            if node.prior is None:
                node.prior = self._cheap_prior(engine, st, actor, legal)
            else:
                missing = [a for a in legal if a not in node.prior]
                if missing:
                    node.prior.update(self._cheap_prior(engine, st, actor, missing))
            open_children = [(a, node.children[a]) for a in legal if a in node.children]
            for _, child in open_children:
                child.avail += 1
            limit = max(1, int(self.widen * math.sqrt(node.visits + 1)))
            if len(open_children) < limit and len(open_children) < len(legal):
                prior = node.prior
                action = max((a for a in legal if a not in node.children),
                             key=lambda a: prior.get(a, 0.0))
                child = node.children[action] = _Node()
                child.avail = 1
                node.visits += 1
                path.append((child, actor))
                st = engine.apply_unchecked(st, action).state
                break
            log_n = math.log(node.visits + 1)
            c = self.exploration
            best_child: _Node | None = None
            best_action = PASS
            best_value = float("-inf")
            for action, child in open_children:
                if child.visits == 0:
                    value = float("inf")
                else:
                    value = child.total / child.visits + c * math.sqrt(
                        math.log(child.avail + 1) / child.visits if child.avail else log_n)
                if value > best_value:
                    best_value, best_child, best_action = value, child, action
            assert best_child is not None
            node.visits += 1
            path.append((best_child, actor))
            st = engine.apply_unchecked(st, best_action).state
            node = best_child
        rewards = self._rollout(engine, st)
        for child, actor in path:
            child.visits += 1
            child.total += rewards[actor]

    def _cheap_prior(self, engine: Engine, st: GameState, actor: int,
                     actions: list[Action]) -> dict[Action, float]:
        ev = self._cheap_eval(engine, actor)
        rand = self.rng.random
        return {a: ev.value(engine.preview(st, a).state) + 0.01 * rand() for a in actions}

    def _rollout(self, engine: Engine, st: GameState) -> list[float]:
        """Every seat plays the best of a few sampled legal actions by its heuristic score."""
        rng = self.rng
        k = self.rollout_samples
        evaluators = self._rollout_evals
        for _ in range(self.horizon):
            if st.over:
                break
            legal = engine.legal_actions(st)
            if len(legal) == 1:
                action = legal[0]
            else:
                actor = engine.current(st)
                ev = evaluators.get((id(engine.k), actor))
                if ev is None:
                    ev = evaluators[(id(engine.k), actor)] = Evaluator(engine, actor)
                picks = rng.sample(legal, k) if len(legal) > k else legal
                best_value = float("-inf")
                action = picks[0]
                for a in picks:
                    value = ev.value(engine.preview(st, a).state)
                    if value > best_value:
                        best_value, action = value, a
            st = engine.apply_unchecked(st, action).state
        return self.leaf_value(engine, st)

    def leaf_value(self, engine: Engine, st: GameState) -> list[float]:
        """Each faction's share of the win, estimated from VP now plus VP per scoring left."""
        out = [0.0] * engine.t.F
        seats = [f for f in st.seats if f not in st.losers]
        if not seats:
            return out
        if st.over:
            estimate = {f: float(st.vp[f]) for f in seats}
        else:
            proj = projected_scores(engine, st)
            scoring_left = st.rounds - st.round + 1
            estimate = {f: st.vp[f] + proj[f] * scoring_left for f in seats}
        top = max(estimate.values())
        weights = {f: math.exp((v - top) / self.temperature) for f, v in estimate.items()}
        total = sum(weights.values())
        for f, w in weights.items():
            out[f] = w / total
        return out

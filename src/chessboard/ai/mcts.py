"""The search bot: determinized Monte Carlo search that samples only what its seat may not see.

Every sample deals the hidden information anew with :meth:`Engine.determinize` from the bot's
own view (other hands, deck order, news and dice: never the real state). Two root policies:

``halving`` (the default, and the levels)
    The heuristic bot's best ``root_width`` actions are the candidates. Sequential halving
    spends the iteration budget in rounds: each sample (one determinization) plays every
    surviving candidate in that same world with the same rollout dice (common random numbers,
    so the luck of the deal cancels out of the comparison); after each round the worse half is
    dropped. One iteration is one rollout.
``tree``
    Single-observer information-set MCTS: one tree shared by all determinizations, UCB1 for
    the seat acting at each node (max^n), a child's *availability* counting the iterations in
    which its action was legal, and progressive widening in the order of a prior.

Rollouts: every seat takes the best of ``rollout_samples`` sampled legal actions by its own
heuristic score (the ``bot_weights`` of ``rules/game.yaml``), until the end of the round
(its reactions and scoring included) or ``horizon`` decisions; the engine runs without a log
and with ``apply_unchecked``. Leaf value: each seat's VP plus the VP the scoring phase would
give it now for every scoring left, turned into the expected share of the other seats it
finishes ahead of (a logistic of the VP lead, ``temperature`` VP wide). A finished game counts
its final VP; escalation losers score zero.

Levels are iteration budgets (so seeded games replay exactly on any machine) with a time cap
for interactive play: ``normal`` decides within 1 s and ``hard`` within 3 s on the 2-core
development machine. ``chessboard simulate`` lifts the cap so that only the budget decides.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from chessboard.ai.features import Evaluator
from chessboard.ai.heuristic import HeuristicBot
from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.seats import STRENGTHS


@dataclass(frozen=True, slots=True)
class Budget:
    iterations: int
    time_limit: float | None  # seconds per decision; None: the iterations alone decide


# The budget of each strength (easy, normal, hard: the names of chessboard.seats).
LEVELS: dict[str, Budget] = dict(zip(STRENGTHS, (
    Budget(iterations=30, time_limit=0.3),
    Budget(iterations=100, time_limit=0.9),
    Budget(iterations=300, time_limit=2.8),
), strict=True))


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
        rollout_samples: int = 6,
        temperature: float = 3.0,
        root_width: int = 6,
        to_round_end: bool = True,
        root: str = "halving",  # or "tree"
        projection_rounds: int = 99,
        confidence: float = 0.0,
    ) -> None:
        self.rng = random.Random(seed)
        self.iterations = iterations
        self.time_limit = time_limit
        self.exploration = exploration
        self.widen = widen
        self.horizon = horizon
        self.rollout_samples = rollout_samples
        self.temperature = temperature
        self.root_width = root_width
        self.to_round_end = to_round_end
        self.root_mode = root
        self.projection_rounds = projection_rounds
        self.confidence = confidence
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
        fast = self._engines.get(id(engine.rules))
        if fast is None:
            fast = engine if not engine.logging else Engine(engine.rules, log=False)
            self._engines[id(engine.rules)] = fast
        return fast

    def _cheap_eval(self, engine: Engine, faction: int) -> Evaluator:
        key = (id(engine.rules), faction)
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
        faction = engine.faction_ids[me]
        scores = self.heuristic.scores(engine, view, legal)
        if self.root_mode == "halving":
            return self._choose_halving(engine, view, legal, scores, me)
        root = _Node()
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

    def _choose_halving(self, engine: Engine, view: GameState, legal: list[Action],
                        scores: list[float], me: int) -> Action:
        """Sequential halving over the heuristic's best candidates, on shared samples.

        Every sample deals the hidden information once and plays each surviving candidate
        in that same world with the same rollout dice (common random numbers), so the
        comparison between candidates is not drowned by the luck of the deal.
        """
        faction = engine.faction_ids[me]
        ranked = [a for _, a in sorted(zip(scores, legal, strict=True),
                                       key=lambda pair: -pair[0])]
        candidates = ranked[:max(1, self.root_width)]
        if len(candidates) == 1:
            return candidates[0]
        totals = dict.fromkeys(candidates, 0.0)
        counts = dict.fromkeys(candidates, 0)
        values: dict[Action, dict[int, float]] = {a: {} for a in candidates}
        prior = dict(zip(legal, scores, strict=True))
        phases = max(1, math.ceil(math.log2(len(candidates))))
        start = time.perf_counter()
        done = 0
        alive = list(candidates)
        rng = self.rng
        for phase in range(phases):
            share = (self.iterations - done) // (phases - phase)
            samples = max(1, share // len(alive))
            for _ in range(samples):
                sample = len(values[alive[0]])
                seed = rng.getrandbits(48)
                world = engine.determinize(view, faction, seed)
                for action in alive:
                    after = engine.apply_unchecked(world, action).state
                    value = self._rollout(engine, after, random.Random(seed))[me]
                    totals[action] += value
                    counts[action] += 1
                    values[action][sample] = value
                    done += 1
                if self.time_limit is not None and \
                        time.perf_counter() - start > self.time_limit:
                    break
            else:
                alive.sort(key=lambda a: (-totals[a] / counts[a], -prior[a]))
                alive = alive[:max(1, (len(alive) + 1) // 2)]
                if len(alive) == 1:
                    break
                continue
            break
        self.last_iterations = done
        best = max(alive, key=lambda a: (totals[a] / counts[a] if counts[a] else 0.0,
                                         prior[a]))
        return self._gate(best, candidates[0], values)

    def _gate(self, best: Action, favourite: Action,
              values: dict[Action, dict[int, float]]) -> Action:
        """Leave the heuristic's favourite only when the search is confident it is worse.

        Paired differences over the samples both were played on; the search's pick must beat
        the favourite by ``confidence`` standard errors, so noise alone does not overrule the
        heuristic (with few samples a noisy mean often would).
        """
        if best == favourite or self.confidence <= 0:
            return best
        shared = values[best].keys() & values[favourite].keys()
        if len(shared) < 2:
            return favourite
        diffs = [values[best][i] - values[favourite][i] for i in shared]
        mean = sum(diffs) / len(diffs)
        var = sum((d - mean) ** 2 for d in diffs) / (len(diffs) - 1)
        if mean > self.confidence * math.sqrt(var / len(diffs)):
            return best
        return favourite

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
            if node is root:
                limit = self.root_width
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

    def _rollout(self, engine: Engine, st: GameState,
                 rng: random.Random | None = None) -> list[float]:
        """Every seat plays the best of a few sampled legal actions by its heuristic score."""
        rng = rng or self.rng
        k = self.rollout_samples
        evaluators = self._rollout_evals
        start_round = st.round
        for _ in range(self.horizon):
            if st.over or (self.to_round_end and st.round != start_round):
                break
            legal = engine.legal_actions(st)
            if len(legal) == 1:
                action = legal[0]
            else:
                actor = engine.current(st)
                ev = evaluators.get((id(engine.rules), actor))
                if ev is None:
                    ev = evaluators[(id(engine.rules), actor)] = Evaluator(engine, actor)
                picks = rng.sample(legal, k) if 0 < k < len(legal) else legal
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
        out = [0.0] * len(engine.faction_ids)
        seats = [f for f in st.seats if f not in st.losers]
        if not seats:
            return out
        if st.over:
            estimate = {f: float(st.vp[f]) for f in seats}
        else:
            proj = engine.projected_vp(st)
            # Control changes hands often: trust the current scoring rate for a few rounds.
            scoring_left = min(st.rounds - st.round + 1, self.projection_rounds)
            ids = engine.faction_ids
            estimate = {f: st.vp[f] + proj[ids[f]] * scoring_left for f in seats}
        # Expected share of the other seats finished ahead of: each pairwise lead through a
        # logistic of temperature ``temperature`` VP.
        t = self.temperature
        n = len(estimate) - 1
        if n <= 0:
            for f in estimate:
                out[f] = 1.0
            return out
        for f, v in estimate.items():
            out[f] = sum(1.0 / (1.0 + math.exp(max(-50.0, min(50.0, (w - v) / t))))
                         for g, w in estimate.items() if g != f) / n
        return out

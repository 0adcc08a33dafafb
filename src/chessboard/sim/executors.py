"""Where simulated games run: worker processes on this machine, or a Dask cluster.

Games are independent tasks. Each executor yields the results in task order, whatever order
the games finish in, so the tables are the same for the same seeds whichever executor and
however many workers ran them.

Workers never receive rules objects: a :class:`RulesSpec` names the rules directory (None for
the rules installed with the game), the digest of its files, and a sweep variant's overrides
as JSON. Each worker process loads and compiles each spec once; a worker whose files differ
from the digest refuses to play rather than return games of other rules.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from chessboard.engine.game import Engine
from chessboard.rules.loader import Rules, load_rules
from chessboard.seats import Seat
from chessboard.sim.runner import GameRecord, play_and_record

EXECUTORS = ("local", "dask")


class ExecutorError(RuntimeError):
    """The executor cannot run (Dask missing, scheduler unreachable, a worker's rules differ)."""


@dataclass(frozen=True, slots=True)
class Task:
    index: int
    seed: int
    seats: tuple[Seat, ...]
    scenario: str | None
    hero: str = ""
    tag: str = ""  # "" for plain games, "challenger" or the baseline's label
    rules: int = 0  # which of the job's RulesSpec (a sweep's variant)


@dataclass(frozen=True, slots=True)
class RulesSpec:
    directory: str | None  # None: the rules installed with the game
    digest: str = ""  # of the directory's files; "" skips the check
    overrides: str = "[]"  # JSON list of [file, path, value]: set value at path in file's data
    mods: tuple[str, ...] = ()  # mod folders laid over the rules, in order (--mod)

    @classmethod
    def of(cls, rules: Rules, overrides: list[tuple[str, list[Any], Any]] | None = None,
           *, default_dir: bool = False) -> RulesSpec:
        return cls(None if default_dir else str(rules.directory), rules.digest,
                   json.dumps([list(o) for o in overrides or []]),
                   tuple(str(mod.directory) for mod in rules.mods))


def set_at(data: Any, path: list[Any], value: Any) -> None:
    """Set ``value`` at ``path`` (mapping keys and list positions) inside parsed YAML data."""
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def build_rules(spec: RulesSpec) -> Rules:
    """Load the rules a spec names, with its overrides applied to the parsed YAML."""
    overrides = json.loads(spec.overrides)

    def edit(name: str, data: Any) -> None:
        for file, path, value in overrides:
            if file == name:
                set_at(data, path, value)

    rules = load_rules(spec.directory, spec.mods, edit=edit if overrides else None)
    if spec.digest and rules.digest != spec.digest:
        raise ExecutorError(f"the rules in {rules.directory} on this worker differ from the "
                            "ones the simulation was started with")
    return rules


# in a worker process ----------------------------------------------------------------------

_ENGINES: dict[RulesSpec, Engine] = {}
_SPECS: tuple[RulesSpec, ...] = ()


def preload(spec: RulesSpec, rules: Rules) -> None:
    """Give this process the engine of already loaded rules (the one-process executor)."""
    _ENGINES[spec] = Engine(rules, log=False)


def run_task(task: Task, specs: tuple[RulesSpec, ...]) -> tuple[str, GameRecord]:
    """Play one task's game with the engine of its rules (loaded once per process)."""
    spec = specs[task.rules]
    engine = _ENGINES.get(spec)
    if engine is None:
        engine = _ENGINES[spec] = Engine(build_rules(spec), log=False)
        gc.freeze()  # loaded for good: out of the collector's passes (see games_gc)
    rec = play_and_record(engine, list(task.seats), index=task.index, seed=task.seed,
                          scenario=task.scenario, hero=task.hero)
    return task.tag, rec


# How often the garbage collector looks at the youngest objects while games are played (the
# interpreter's default is every 700 allocations): see games_gc.
YOUNG_THRESHOLD = 50_000


@contextmanager
def games_gc() -> Iterator[None]:
    """Garbage collection tuned for playing games, restored afterwards.

    A game allocates millions of short-lived lists and states (one per legal action a bot
    weighs), which reference counting frees; the cyclic collector's passes over them, and
    over the tens of thousands of objects of the loaded rules, cost about a tenth of a
    game's CPU and collect nothing. So what is loaded already (the rules, the compiled
    engine) is frozen out of the collector's passes, and the youngest objects are looked at
    every YOUNG_THRESHOLD allocations. Only the collector's timing changes: no game's
    result can depend on it.
    """
    thresholds = _tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _tune_gc() -> tuple[int, ...]:
    """Tune the collector as games_gc says; the thresholds it had before."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    return thresholds


def _init_pool(specs: tuple[RulesSpec, ...]) -> None:
    global _SPECS
    # Ctrl+C reaches the whole process group: the parent stops the pool, and a worker's own
    # KeyboardInterrupt would only print a "Process ForkPoolWorker-1:" traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _SPECS = specs
    # a worker only plays games, until the pool ends it: tuned for good (the rules and
    # engine it inherited are frozen; a spec it loads later is frozen as it is loaded)
    _tune_gc()


def _run_in_pool(task: Task) -> tuple[str, GameRecord]:
    return run_task(task, _SPECS)


# executors --------------------------------------------------------------------------------

Results = Iterator[tuple[str, GameRecord]]


def run_local(specs: tuple[RulesSpec, ...], tasks: list[Task], *, workers: int) -> Results:
    """Results in task order from ``workers`` processes of this machine (1: this process)."""
    if workers <= 1:
        with games_gc():
            for task in tasks:
                yield run_task(task, specs)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers, initializer=_init_pool, initargs=(specs,)) as pool:
        yield from pool.imap(_run_in_pool, tasks, chunksize=1)


def run_dask(specs: tuple[RulesSpec, ...], tasks: list[Task], *, workers: int | None,
             scheduler: str | None) -> Results:
    """Results in task order from a Dask cluster: the one at ``scheduler``, else a
    LocalCluster of ``workers`` processes (default: one per core of this machine)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ExecutorError("--executor dask needs Dask distributed: install the extra with "
                            "`.venv/bin/pip install -e '.[dask]'`") from None
    cluster: Any = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            # The worker processes start with Ctrl+C ignored (a disposition they inherit), so
            # that it reaches only this process, which then closes the cluster: as with the
            # local executor, no worker tracebacks.
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                       threads_per_worker=1, processes=True,
                                       dashboard_address=None,
                                       silence_logs=logging.ERROR)  # no chatter on Ctrl+C
            finally:
                signal.signal(signal.SIGINT, previous)
            client = Client(cluster)
    except OSError as err:  # unreachable scheduler, no free port
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ExecutorError(f"cannot start or reach {where}: {err}") from None
    futures: list[Any] = []
    try:
        # pure=False: two tasks are never the same computation, even with equal arguments
        futures = client.map(run_task, tasks, specs=specs, pure=False)
        position = {future.key: i for i, future in enumerate(futures)}
        done: dict[int, tuple[str, GameRecord]] = {}
        next_index = 0
        for future in as_completed(futures):
            done[position[future.key]] = future.result()
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
    finally:
        if futures:
            client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()


def executor(name: str, *, workers: int | None, scheduler: str | None
             ) -> Callable[[tuple[RulesSpec, ...], list[Task]], Results]:
    """The executor called ``name`` with its options bound."""
    if name == "dask":
        return lambda specs, tasks: run_dask(specs, tasks, workers=workers, scheduler=scheduler)
    if scheduler:
        raise ExecutorError("--scheduler needs --executor dask")
    return lambda specs, tasks: run_local(specs, tasks, workers=workers or 1)

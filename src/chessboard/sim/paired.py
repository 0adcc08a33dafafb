"""Paired tests for A/B comparisons on the same seeds, in the standard library alone.

Game ``i`` of rules A and game ``i`` of rules B share a seed, so each measure is compared pair
by pair: a yes/no outcome (a faction won, the game escalated) with McNemar's exact test and the
Bonett-Price interval of the difference of paired proportions; a number (rounds, VP) with the
paired t-test and the t interval of the mean difference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

Z95 = 1.959963984540054


@dataclass(slots=True)
class PairedResult:
    measure: str
    test: str  # "mcnemar" or "paired t"
    pairs: int  # games where both sides have a value
    mean_a: float
    mean_b: float
    diff: float  # B minus A
    low: float  # 95% confidence interval of the difference
    high: float
    p: float  # two-sided
    discordant: tuple[int, int] | None = None  # McNemar: (A only, B only)

    @property
    def significant(self) -> bool:
        return self.p < 0.05

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["significant"] = self.significant
        for key in ("low", "high", "p", "diff", "mean_a", "mean_b"):
            if isinstance(data[key], float) and not math.isfinite(data[key]):
                data[key] = None  # JSON has no infinity or NaN
        return data


def binomial_two_sided(k: int, n: int) -> float:
    """Exact two-sided p of ``k`` successes in ``n`` fair coin flips (McNemar's exact test)."""
    if n == 0:
        return 1.0
    k = min(k, n - k)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def mcnemar(measure: str, a: Sequence[bool], b: Sequence[bool]) -> PairedResult:
    """Paired yes/no outcomes: McNemar's exact test and the Bonett-Price 95% interval."""
    n = len(a)
    only_a = sum(1 for x, y in zip(a, b, strict=True) if x and not y)
    only_b = sum(1 for x, y in zip(a, b, strict=True) if y and not x)
    if n == 0:
        return PairedResult(measure, "mcnemar", 0, math.nan, math.nan, math.nan, -1.0, 1.0,
                            1.0, (0, 0))
    # Bonett & Price (2012): adding one to each discordant count keeps the interval honest
    # when they are small or zero (a Wald interval would collapse to a point).
    p12 = (only_b + 1) / (n + 2)
    p21 = (only_a + 1) / (n + 2)
    centre = p12 - p21
    half = Z95 * math.sqrt(max(0.0, (p12 + p21 - centre * centre) / (n + 2)))
    return PairedResult(
        measure, "mcnemar", n, sum(map(bool, a)) / n, sum(map(bool, b)) / n,
        (only_b - only_a) / n, max(-1.0, centre - half), min(1.0, centre + half),
        binomial_two_sided(only_a, only_a + only_b), (only_a, only_b),
    )


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for num in (m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
                    -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-14:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def t_two_sided(t: float, df: int) -> float:
    """Two-sided p of Student's t with ``df`` degrees of freedom."""
    return incomplete_beta(df / 2, 0.5, df / (df + t * t))


def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile (p > 0.5) of Student's t, by bisection on the distribution."""
    target = 2 * (1 - p)  # two-sided tail
    low, high = 0.0, 1.0
    while t_two_sided(high, df) > target:
        high *= 2
    for _ in range(100):
        mid = (low + high) / 2
        if t_two_sided(mid, df) > target:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def paired_t(measure: str, a: Sequence[float], b: Sequence[float]) -> PairedResult:
    """Paired numbers: the t-test and 95% t interval of the mean difference B - A."""
    n = len(a)
    diffs = [y - x for x, y in zip(a, b, strict=True)]
    if n == 0:
        return PairedResult(measure, "paired t", 0, math.nan, math.nan, math.nan, -math.inf,
                            math.inf, 1.0)
    mean_a, mean_b = sum(a) / n, sum(b) / n
    mean = sum(diffs) / n
    if n < 2:
        return PairedResult(measure, "paired t", n, mean_a, mean_b, mean, -math.inf,
                            math.inf, 1.0)
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1))
    if sd == 0.0:
        # every pair moved by exactly the same amount: certain, unless it is no move at all
        return PairedResult(measure, "paired t", n, mean_a, mean_b, mean, mean, mean,
                            1.0 if mean == 0 else 0.0)
    se = sd / math.sqrt(n)
    half = t_quantile(0.975, n - 1) * se
    return PairedResult(measure, "paired t", n, mean_a, mean_b, mean, mean - half,
                        mean + half, t_two_sided(mean / se, n - 1))


def compare_values(measure: str, a: Sequence[float | None],
                   b: Sequence[float | None]) -> PairedResult:
    """Pairs where both games have a value; yes/no values (bools) get McNemar, numbers the
    t-test (a count that happens to be 0 or 1 in every game is still a number)."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if all(isinstance(v, bool) for v in (*a, *b) if v is not None):
        return mcnemar(measure, [bool(x) for x, _ in pairs], [bool(y) for _, y in pairs])
    return paired_t(measure, [float(x) for x, _ in pairs], [float(y) for _, y in pairs])

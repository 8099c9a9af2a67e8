"""Advice from the session log and the nights after it (PRODUCT.md section 6).

Pure functions over records and nights: no Home Assistant objects, one pass over
the log, so they are cheap to recompute whenever a record or a night changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from functools import lru_cache
import math
from operator import attrgetter
from statistics import NormalDist, fmean, median
from typing import Final

from .const import MAX_MINUTES, MIN_MINUTES, OUTCOME_COMPLETED
from .history import evening_of
from .models import SessionRecord, SleepNight

BASIS_BEGINNER: Final = "beginner_progression"
BASIS_SCORE: Final = "best_sleep_score"
BASIS_LATENCY: Final = "shortest_latency"
BASIS_DURATION: Final = "longest_sleep"
BASES: Final = [BASIS_BEGINNER, BASIS_SCORE, BASIS_LATENCY, BASIS_DURATION]

# Mat nights with sleep data needed before the log, not the beginner plan, decides.
MIN_MAT_NIGHTS: Final = 6
# Nights a duration bucket needs before its mean is trusted.
MIN_BUCKET_NIGHTS: Final = 3
# Nights each side needs before the sleep effect is shown.
MIN_EFFECT_NIGHTS: Final = 3

# How the sleep effect's band is computed: a Welch 95 % interval.
METHOD_WELCH: Final = "welch_t_95"
VERDICT_NOT_ENOUGH: Final = "not_enough_nights"
VERDICT_HIGHER: Final = "higher_on_mat_nights"
VERDICT_LOWER: Final = "lower_on_mat_nights"
VERDICT_UNCLEAR: Final = "no_clear_difference"
VERDICTS: Final = [VERDICT_NOT_ENOUGH, VERDICT_HIGHER, VERDICT_LOWER, VERDICT_UNCLEAR]
_CONFIDENCE: Final = 0.95

BEGINNER_STEP: Final = 5
BEGINNER_STREAK: Final = 3
MIN_COMFORT_RATING: Final = 3
BUCKET_MINUTES: Final = 5

# The bucket of each whole session length; 40 minutes joins the 35-39 bucket.
_BUCKET_OF: Final = {
    minutes: min(
        (minutes - MIN_MINUTES) // BUCKET_MINUTES,
        (MAX_MINUTES - MIN_MINUTES) // BUCKET_MINUTES - 1,
    )
    for minutes in range(MIN_MINUTES, MAX_MINUTES + 1)
}

_MINUTES_PER_DAY: Final = 24 * 60
# Onsets are compared on a clock that starts at noon, so 23:50 and 00:10 are close.
_NOON: Final = 12 * 60


@dataclass(frozen=True, kw_only=True, slots=True)
class Recommendation:
    """A session length, the rule that chose it and the nights behind it."""

    minutes: int
    basis: str
    nights: int


@dataclass(frozen=True, kw_only=True, slots=True)
class SleepEffect:
    """Mean sleep score after mat evenings against other nights, with its band.

    The band is a Welch 95 % interval for the difference; the verdict says
    whether it lies clearly above or below zero, not why.
    """

    difference: float | None
    mat_mean: float | None
    baseline_mean: float | None
    mat_nights: int
    baseline_nights: int
    band_low: float | None = None
    band_high: float | None = None
    verdict: str = VERDICT_NOT_ENOUGH


@dataclass(frozen=True, kw_only=True, slots=True)
class _Rule:
    """One way to rank duration buckets: a night's figure and which way is better."""

    basis: str
    figure: Callable[[SleepNight], float | None]
    higher_is_better: bool


# Tried in order: a rule with no bucket of enough nights hands over to the next.
_RULES: Final = (
    _Rule(basis=BASIS_SCORE, figure=attrgetter("score"), higher_is_better=True),
    _Rule(
        basis=BASIS_LATENCY,
        figure=attrgetter("latency_minutes"),
        higher_is_better=False,
    ),
    _Rule(
        basis=BASIS_DURATION,
        figure=attrgetter("duration_minutes"),
        higher_is_better=True,
    ),
)


def recommend(
    records: Sequence[SessionRecord], nights: Mapping[date, SleepNight]
) -> Recommendation:
    """Recommend a session length from the log and the nights after it.

    Until MIN_MAT_NIGHTS mat nights carry sleep data, a beginner progression;
    then the median length of the duration bucket whose 95 % band reaches
    least far towards bad nights (its lower bound, for latency its upper), so
    a bucket of few or scattered nights does not win on a lucky mean.
    """
    ordered = sorted(records, key=attrgetter("started_at"))
    # The latest session of an evening is the one the night followed.
    latest = {evening_of(record.started_at): record for record in ordered}
    mat_nights = {
        evening: (record, night)
        for evening, record in latest.items()
        if (night := nights.get(evening)) is not None and _has_sleep_data(night)
    }
    if len(mat_nights) >= MIN_MAT_NIGHTS:
        for rule in _RULES:
            if advice := _best_bucket(rule, mat_nights.values()):
                return advice
    return Recommendation(
        minutes=_beginner_minutes(ordered),
        basis=BASIS_BEGINNER,
        nights=len(mat_nights),
    )


def sleep_effect(
    records: Sequence[SessionRecord], nights: Mapping[date, SleepNight]
) -> SleepEffect:
    """Mean sleep score on mat nights minus baseline nights, with the counts."""
    mat_evenings = {evening_of(record.started_at) for record in records}
    mat_scores: list[float] = []
    baseline_scores: list[float] = []
    for evening, night in nights.items():
        if night.score is None:
            continue
        (mat_scores if evening in mat_evenings else baseline_scores).append(night.score)
    effect = SleepEffect(
        difference=None,
        mat_mean=_mean(mat_scores),
        baseline_mean=_mean(baseline_scores),
        mat_nights=len(mat_scores),
        baseline_nights=len(baseline_scores),
    )
    if min(len(mat_scores), len(baseline_scores)) < MIN_EFFECT_NIGHTS:
        return effect
    difference, low, high = (
        round(figure, 2) for figure in welch_interval(mat_scores, baseline_scores)
    )
    # Judged on the figures shown, so a band shown from 0.0 never reads "higher".
    if low > 0:
        verdict = VERDICT_HIGHER
    elif high < 0:
        verdict = VERDICT_LOWER
    else:
        verdict = VERDICT_UNCLEAR
    return replace(
        effect, difference=difference, band_low=low, band_high=high, verdict=verdict
    )


def welch_interval(
    first: Sequence[float], second: Sequence[float]
) -> tuple[float, float, float]:
    """Mean of first minus mean of second, with its Welch 95 % interval.

    Each side needs two values or more. The degrees of freedom are
    Welch-Satterthwaite's; when neither side varies, the interval is the point.
    """
    difference = fmean(first) - fmean(second)
    share_first = _variance(first) / len(first)
    share_second = _variance(second) / len(second)
    error = math.sqrt(share_first + share_second)
    if error == 0:
        return difference, difference, difference
    freedom = (share_first + share_second) ** 2 / (
        share_first**2 / (len(first) - 1) + share_second**2 / (len(second) - 1)
    )
    half_width = t_quantile((1 + _CONFIDENCE) / 2, freedom) * error
    return difference, difference - half_width, difference + half_width


@lru_cache(maxsize=256)
def t_quantile(probability: float, freedom: float) -> float:
    """The Student t quantile: t_{0.975} with 10 degrees of freedom is 2.228.

    Newton's method on the distribution function, for 0.5 <= probability < 1,
    from the normal quantile: it lies below the t quantile and the function is
    concave there, so every step lands below the root and the steps only grow
    closer to it.
    """
    value = NormalDist().inv_cdf(probability)
    log_scale = (
        math.lgamma((freedom + 1) / 2)
        - math.lgamma(freedom / 2)
        - math.log(math.pi * freedom) / 2
    )
    for _ in range(100):
        density = math.exp(
            log_scale - (freedom + 1) / 2 * math.log1p(value * value / freedom)
        )
        step = (_t_cdf(value, freedom) - probability) / density
        value -= step
        if abs(step) < 1e-10:  # noqa: PLR2004
            break
    return value


def _t_cdf(value: float, freedom: float) -> float:
    """P(T <= value) for value >= 0, through the regularized incomplete beta."""
    tail = _incomplete_beta(freedom / 2, 0.5, freedom / (freedom + value * value))
    return 1 - tail / 2


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta I_x(a, b) by its continued fraction."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b)
        - math.lgamma(a)
        - math.lgamma(b)
        + a * math.log(x)
        + b * math.log1p(-x)
    )
    # The fraction converges fast only below (a + 1) / (a + b + 2): use symmetry.
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Lentz's evaluation of the incomplete beta's continued fraction."""
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1) < 1e-14:  # noqa: PLR2004
            break
    return result


def typical_onset(nights: Mapping[date, SleepNight], recent: int = 14) -> time | None:
    """The median sleep onset of the most recent nights that have one."""
    onsets: list[int] = []
    for evening in sorted(nights, reverse=True):
        if len(onsets) == recent:
            break
        if (minutes := _clock_minutes(nights[evening].onset)) is not None:
            onsets.append((minutes - _NOON) % _MINUTES_PER_DAY)
    if not onsets:
        return None
    minutes = (_round_half_up(median(onsets)) + _NOON) % _MINUTES_PER_DAY
    return time(minutes // 60, minutes % 60)


def _best_bucket(
    rule: _Rule, mat_nights: Iterable[tuple[SessionRecord, SleepNight]]
) -> Recommendation | None:
    """Rank the duration buckets by a rule; None when none has enough nights."""
    figures: dict[int, list[float]] = {}
    lengths: dict[int, list[int]] = {}
    figure_of = rule.figure
    for record, night in mat_nights:
        # Sessions stopped before the 15-minute window fit no bucket.
        if (figure := figure_of(night)) is None or (
            bucket := _BUCKET_OF.get(minutes := round(record.active_minutes))
        ) is None:
            continue
        if bucket in figures:
            figures[bucket].append(figure)
            lengths[bucket].append(minutes)
        else:
            figures[bucket], lengths[bucket] = [figure], [minutes]
    sign = 1 if rule.higher_is_better else -1
    ranked = [
        # Best cautious bound first; on a tie, more nights, then the shorter bucket.
        (-_cautious_bound([sign * value for value in values]), -len(values), bucket)
        for bucket, values in figures.items()
        if len(values) >= MIN_BUCKET_NIGHTS
    ]
    if not ranked:
        return None
    _, _, best = min(ranked)
    minutes = _round_half_up(median(lengths[best]))
    return Recommendation(
        minutes=max(MIN_MINUTES, min(MAX_MINUTES, minutes)),
        basis=rule.basis,
        nights=len(lengths[best]),
    )


def _cautious_bound(values: Sequence[float]) -> float:
    """The low end of the mean's 95 % band: few or scattered nights rank lower."""
    error = math.sqrt(_variance(values) / len(values))
    return fmean(values) - t_quantile((1 + _CONFIDENCE) / 2, len(values) - 1) * error


def _beginner_minutes(ordered: Sequence[SessionRecord]) -> int:
    """Start at 15 minutes; 5 more after each 3 comfortable completed sessions."""
    minutes = MIN_MINUTES
    streak = 0
    for record in ordered:
        comfortable = record.rating is None or record.rating >= MIN_COMFORT_RATING
        if record.outcome != OUTCOME_COMPLETED or not comfortable:
            streak = 0
            continue
        streak += 1
        if streak == BEGINNER_STREAK:
            minutes = min(MAX_MINUTES, minutes + BEGINNER_STEP)
            streak = 0
    return minutes


def _has_sleep_data(night: SleepNight) -> bool:
    """Whether a night has a figure the buckets can rank (an onset alone has not)."""
    return (
        night.score is not None
        or night.latency_minutes is not None
        or night.duration_minutes is not None
    )


def _clock_minutes(onset: str | None) -> int | None:
    """Minutes after midnight of an "HH:MM" onset; None when there is none."""
    if onset is None:
        return None
    try:
        parsed = time.fromisoformat(onset)
    except ValueError:
        return None
    return parsed.hour * 60 + parsed.minute


def _mean(values: Sequence[float]) -> float | None:
    return round(fmean(values), 2) if values else None


def _variance(values: Sequence[float]) -> float:
    """The sample variance in floats (statistics.variance is exact, and slow)."""
    mean = fmean(values)
    return sum((value - mean) ** 2 for value in values) / (len(values) - 1)


def _round_half_up(value: float) -> int:
    """Round x.5 up, not to the even neighbour: 22.5 minutes recommend 23."""
    return math.floor(value + 0.5)

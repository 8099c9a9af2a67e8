"""Advice from the session log and the nights after it (PRODUCT.md section 6).

Pure functions over records and nights: no Home Assistant objects, one pass over
the log, so they are cheap to recompute whenever a record or a night changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
import math
from operator import attrgetter
from statistics import fmean, median
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
    """Mean sleep score after mat evenings against other nights."""

    difference: float | None
    mat_mean: float | None
    baseline_mean: float | None
    mat_nights: int
    baseline_nights: int


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
    then the median length of the duration bucket with the best nights.
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
    mat_mean = _mean(mat_scores)
    baseline_mean = _mean(baseline_scores)
    difference = None
    if (
        mat_mean is not None
        and baseline_mean is not None
        and len(mat_scores) >= MIN_EFFECT_NIGHTS
        and len(baseline_scores) >= MIN_EFFECT_NIGHTS
    ):
        difference = round(mat_mean - baseline_mean, 2)
    return SleepEffect(
        difference=difference,
        mat_mean=mat_mean,
        baseline_mean=baseline_mean,
        mat_nights=len(mat_scores),
        baseline_nights=len(baseline_scores),
    )


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
        # Best mean first; on a tie, more nights, then the shorter bucket.
        (-sign * fmean(values), -len(values), bucket)
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


def _round_half_up(value: float) -> int:
    """Round x.5 up, not to the even neighbour: 22.5 minutes recommend 23."""
    return math.floor(value + 0.5)

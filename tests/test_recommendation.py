"""The advice rules: beginner progression, duration buckets, sleep effect, onset."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from custom_components.acupressure_mat.const import (
    OUTCOME_COMPLETED,
    OUTCOME_STOPPED_EARLY,
)
from custom_components.acupressure_mat.models import SessionRecord, SleepNight
from custom_components.acupressure_mat.recommendation import (
    BASES,
    BASIS_BEGINNER,
    BASIS_DURATION,
    BASIS_LATENCY,
    BASIS_SCORE,
    VERDICT_HIGHER,
    VERDICT_LOWER,
    VERDICT_NOT_ENOUGH,
    VERDICT_UNCLEAR,
    VERDICTS,
    Recommendation,
    SleepEffect,
    recommend,
    sleep_effect,
    t_quantile,
    typical_onset,
    welch_interval,
)
from homeassistant.util import dt as dt_util

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FIRST_EVENING = date(2026, 1, 5)


@pytest.fixture(autouse=True)
def local_time_zone() -> Generator[None]:
    """Evenings are local dates: pin the time zone these tests reason in."""
    previous = dt_util.get_default_time_zone()
    dt_util.set_default_time_zone(AMSTERDAM)
    yield
    dt_util.set_default_time_zone(previous)


def _record(
    day: int,
    minutes: float = 20,
    *,
    outcome: str = OUTCOME_COMPLETED,
    rating: int | None = None,
    at: time = time(21, 30),
) -> SessionRecord:
    """A session on the evening `day` evenings after FIRST_EVENING."""
    started = datetime.combine(
        FIRST_EVENING + timedelta(days=day), at, tzinfo=AMSTERDAM
    ).astimezone(dt_util.UTC)
    return SessionRecord(
        id=f"session-{day}-{at}",
        started_at=started,
        ended_at=started + timedelta(minutes=minutes),
        planned_minutes=round(minutes),
        active_minutes=minutes,
        body_area="back",
        outcome=outcome,
        rating=rating,
    )


def _evening(day: int) -> date:
    return FIRST_EVENING + timedelta(days=day)


def _mat_nights(
    sessions: list[tuple[float, SleepNight]],
) -> tuple[list[SessionRecord], dict[date, SleepNight]]:
    """One session per evening, each followed by its night."""
    records = [_record(day, minutes) for day, (minutes, _) in enumerate(sessions)]
    nights = {_evening(day): night for day, (_, night) in enumerate(sessions)}
    return records, nights


def test_bases_are_the_translated_enum() -> None:
    assert BASES == [
        "beginner_progression",
        "best_sleep_score",
        "shortest_latency",
        "longest_sleep",
    ]


def test_a_new_mat_starts_at_15_minutes() -> None:
    assert recommend([], {}) == Recommendation(
        minutes=15, basis=BASIS_BEGINNER, nights=0
    )


def test_beginner_progression_step_by_step() -> None:
    """+5 after 3 comfortable completed sessions in a row; a bad one resets."""
    steps: list[tuple[SessionRecord, int]] = [
        (_record(0), 15),
        (_record(1, rating=3), 15),
        (_record(2, rating=5), 20),  # three in a row
        (_record(3), 20),
        (_record(4, outcome=OUTCOME_STOPPED_EARLY), 20),  # streak reset
        (_record(5), 20),
        (_record(6), 20),
        (_record(7, rating=2), 20),  # uncomfortable: streak reset
        (_record(8), 20),
        (_record(9, rating=4), 20),
        (_record(10), 25),
    ]
    records: list[SessionRecord] = []
    for record, expected in steps:
        records.append(record)
        assert recommend(records, {}).minutes == expected, record.id


def test_beginner_progression_walks_the_records_in_time_order() -> None:
    records = [_record(1, rating=1), _record(0), _record(2), _record(3)]

    # Oldest first: 0 counts, 1 resets, 2 and 3 count: no step yet.
    # (In list order the reset would come first and three would follow.)
    assert recommend(records, {}).minutes == 15


def test_beginner_progression_never_passes_40_minutes() -> None:
    records = [_record(day) for day in range(30)]

    assert recommend(records, {}).minutes == 40


def test_beginner_progression_until_six_mat_nights_carry_data() -> None:
    records, nights = _mat_nights([(20, SleepNight(score=80))] * 5)
    # Onsets say nothing about quality, and baseline nights are no mat nights.
    records.append(_record(5))
    nights[_evening(5)] = SleepNight(onset="23:00")
    nights[_evening(20)] = SleepNight(score=60)

    advice = recommend(records, nights)

    # Six comfortable completed sessions: two steps up from 15.
    assert advice == Recommendation(minutes=25, basis=BASIS_BEGINNER, nights=5)


def test_best_mean_score_bucket_wins() -> None:
    records, nights = _mat_nights(
        [
            (20, SleepNight(score=70, duration_minutes=500)),
            (21, SleepNight(score=72, duration_minutes=500)),
            (24, SleepNight(score=74, duration_minutes=500)),
            (25, SleepNight(score=85, duration_minutes=400)),
            (26, SleepNight(score=80, duration_minutes=400)),
            (28.6, SleepNight(score=90, duration_minutes=400)),
            # Higher still, but two nights are too few to trust.
            (35, SleepNight(score=99)),
            (40, SleepNight(score=99)),
        ]
    )

    advice = recommend(records, nights)

    # The 25-29 bucket: 25, 26 and 29 minutes, median 26.
    assert advice == Recommendation(minutes=26, basis=BASIS_SCORE, nights=3)


def test_a_lucky_mean_of_scattered_nights_loses_to_a_steady_bucket() -> None:
    records, nights = _mat_nights(
        [
            # 30-34 minutes: mean 85, but scattered (sd 17.3): band down to 42.
            (30, SleepNight(score=95)),
            (31, SleepNight(score=95)),
            (32, SleepNight(score=65)),
            # 20-24 minutes: mean 80 and steady (sd 1): band down to 79.
            (20, SleepNight(score=79)),
            (21, SleepNight(score=80)),
            (22, SleepNight(score=81)),
            (20, SleepNight(score=80)),
        ]
    )

    advice = recommend(records, nights)

    # A bare mean would pick 31 minutes; the lower end of the band picks the
    # steady bucket: 20, 20, 21 and 22 minutes, median 20.5 rounds up.
    assert advice == Recommendation(minutes=21, basis=BASIS_SCORE, nights=4)


def test_the_shortest_latency_ranks_by_the_high_end_of_its_band() -> None:
    records, nights = _mat_nights(
        [
            (15, SleepNight(latency_minutes=5)),
            (16, SleepNight(latency_minutes=5)),
            (17, SleepNight(latency_minutes=35)),
            (30, SleepNight(latency_minutes=14)),
            (31, SleepNight(latency_minutes=15)),
            (32, SleepNight(latency_minutes=16)),
        ]
    )

    # 15-19 has the lower mean (15) but a band up to 58; 30-34's ends at 17.5.
    assert recommend(records, nights) == Recommendation(
        minutes=31, basis=BASIS_LATENCY, nights=3
    )


def test_without_scores_the_shortest_latency_wins() -> None:
    records, nights = _mat_nights(
        [
            (15, SleepNight(latency_minutes=30, duration_minutes=480)),
            (16, SleepNight(latency_minutes=25, duration_minutes=480)),
            (18, SleepNight(latency_minutes=35, duration_minutes=480)),
            (30, SleepNight(latency_minutes=10, duration_minutes=420)),
            (31, SleepNight(latency_minutes=12, duration_minutes=420)),
            (34, SleepNight(latency_minutes=8, duration_minutes=420)),
        ]
    )

    advice = recommend(records, nights)

    assert advice == Recommendation(minutes=31, basis=BASIS_LATENCY, nights=3)


def test_without_scores_or_latency_the_longest_sleep_wins() -> None:
    records, nights = _mat_nights(
        [
            (15, SleepNight(duration_minutes=420)),
            (16, SleepNight(duration_minutes=430)),
            (17, SleepNight(duration_minutes=440)),
            (35, SleepNight(duration_minutes=470)),
            (40, SleepNight(duration_minutes=480)),
            (38, SleepNight(duration_minutes=490)),
            (39, SleepNight(duration_minutes=475)),
        ]
    )

    advice = recommend(records, nights)

    # 35, 38, 39 and 40 minutes (40 belongs to 35-40): median 38.5 rounds up.
    assert advice == Recommendation(minutes=39, basis=BASIS_DURATION, nights=4)


def test_too_few_scored_nights_per_bucket_hands_over_to_the_next_figure() -> None:
    records, nights = _mat_nights(
        [
            (20, SleepNight(score=90, duration_minutes=400)),
            (20, SleepNight(score=90, duration_minutes=400)),
            (20, SleepNight(duration_minutes=400)),
            (30, SleepNight(score=50, duration_minutes=450)),
            (30, SleepNight(duration_minutes=450)),
            (30, SleepNight(duration_minutes=450)),
        ]
    )

    advice = recommend(records, nights)

    assert advice == Recommendation(minutes=30, basis=BASIS_DURATION, nights=3)


def test_no_bucket_with_three_nights_falls_back_to_the_beginner() -> None:
    records, nights = _mat_nights(
        [(minutes, SleepNight(score=80)) for minutes in (15, 16, 20, 21, 25, 26)]
    )

    advice = recommend(records, nights)

    assert advice == Recommendation(minutes=25, basis=BASIS_BEGINNER, nights=6)


def test_a_night_follows_the_evenings_latest_session() -> None:
    records, nights = _mat_nights([(20, SleepNight(score=80))] * 6)
    # A second, longer session later on evening 0, and one stopped after 8
    # minutes on evening 1: that night fits no bucket.
    records += [
        _record(0, 35, at=time(23, 0)),
        _record(1, 8, outcome=OUTCOME_STOPPED_EARLY, at=time(23, 30)),
    ]

    advice = recommend(records, nights)

    assert advice == Recommendation(minutes=20, basis=BASIS_SCORE, nights=4)


def test_sessions_after_midnight_belong_to_the_evening_before() -> None:
    records = [_record(day, 20, at=time(0, 30)) for day in range(1, 7)]
    nights = {_evening(day - 1): SleepNight(score=80) for day in range(1, 7)}

    assert recommend(records, nights).basis == BASIS_SCORE


def test_sleep_effect_waits_for_three_nights_on_each_side() -> None:
    records, nights = _mat_nights([(20, SleepNight(score=80))] * 3)
    nights[_evening(10)] = SleepNight(score=70)
    nights[_evening(11)] = SleepNight(score=72)
    nights[_evening(12)] = SleepNight(duration_minutes=420)

    assert sleep_effect(records, nights) == SleepEffect(
        difference=None,
        mat_mean=80.0,
        baseline_mean=71.0,
        mat_nights=3,
        baseline_nights=2,
    )


def test_sleep_effect_is_mat_minus_baseline() -> None:
    records, nights = _mat_nights(
        [(20, SleepNight(score=score)) for score in (80, 84, 85)]
    )
    # A session without a scored night does not count.
    records.append(_record(9))
    nights.update(
        {
            _evening(10): SleepNight(score=70),
            _evening(11): SleepNight(score=75),
            _evening(12): SleepNight(score=80),
            _evening(13): SleepNight(score=71),
        }
    )

    effect = sleep_effect(records, nights)

    # By hand: variances 7 and 20.67, standard error sqrt(7 / 3 + 20.67 / 4) =
    # 2.739, Welch-Satterthwaite 4.84 degrees of freedom, t = 2.596: 9 +- 7.11.
    assert effect == SleepEffect(
        difference=9.0,
        mat_mean=83.0,
        baseline_mean=74.0,
        mat_nights=3,
        baseline_nights=4,
        band_low=1.89,
        band_high=16.11,
        verdict=VERDICT_HIGHER,
    )


@pytest.mark.parametrize(
    ("freedom", "expected"),
    [(1, 12.706), (2, 4.303), (4.84, 2.596), (10, 2.228), (30, 2.042), (1e6, 1.960)],
)
def test_t_quantile_matches_the_tables(freedom: float, expected: float) -> None:
    assert t_quantile(0.975, freedom) == pytest.approx(expected, abs=5e-4)


def test_welch_interval_by_hand() -> None:
    # Means 5 and 2; variances 2.5 and 0.8, so the standard error is
    # sqrt(2.5 / 5 + 0.8 / 6) = 0.7958 and the degrees of freedom
    # 0.6333^2 / (0.5^2 / 4 + 0.1333^2 / 5) = 6.072: t = 2.4399, 3 +- 1.9417.
    difference, low, high = welch_interval([3, 4, 5, 6, 7], [1, 2, 2, 3, 1, 3])

    assert difference == pytest.approx(3.0)
    assert (low, high) == pytest.approx((1.0583, 4.9417), abs=1e-4)


def test_welch_interval_of_nights_that_never_vary_is_the_difference() -> None:
    assert welch_interval([80, 80, 80], [70, 70, 70]) == (10.0, 10.0, 10.0)


def _effect_of(mat: Sequence[float], other: Sequence[float]) -> SleepEffect:
    records, nights = _mat_nights([(20, SleepNight(score=score)) for score in mat])
    nights.update(
        {
            _evening(100 + day): SleepNight(score=score)
            for day, score in enumerate(other)
        }
    )
    return sleep_effect(records, nights)


def test_three_nights_each_are_not_enough_to_tell() -> None:
    effect = _effect_of([80, 90, 70], [60, 75, 70])

    # Three nights apiece show a difference, but its band runs through zero.
    assert effect.difference == pytest.approx(11.67)
    assert effect.band_low is not None
    assert effect.band_low < 0
    assert effect.band_high is not None
    assert effect.band_high > 0
    assert effect.verdict == VERDICT_UNCLEAR


def test_two_nights_on_a_side_give_no_band() -> None:
    effect = _effect_of([80, 90, 70], [60, 75])

    assert (effect.difference, effect.band_low, effect.band_high) == (None, None, None)
    assert effect.verdict == VERDICT_NOT_ENOUGH


def test_thirty_nights_each_of_clearly_different_scores() -> None:
    # Mat nights 83 +- 3, other nights 77 +- 3, alternating around their means.
    mat = [83 + (3 if day % 2 else -3) for day in range(30)]
    other = [77 + (3 if day % 2 else -3) for day in range(30)]

    effect = _effect_of(mat, other)

    # sd 3.05 each: standard error 0.787, 58 degrees of freedom, t = 2.0017.
    assert effect.difference == 6.0
    assert (effect.band_low, effect.band_high) == (4.42, 7.58)
    assert effect.verdict == VERDICT_HIGHER
    assert _effect_of(other, mat).verdict == VERDICT_LOWER


def test_thirty_noisy_nights_each_include_zero() -> None:
    mat = [60 + (day * 37) % 40 for day in range(30)]
    other = [58 + (day * 23) % 40 for day in range(30)]

    effect = _effect_of(mat, other)

    assert effect.mat_nights == effect.baseline_nights == 30
    assert effect.band_low is not None
    assert effect.band_low < 0
    assert effect.band_high is not None
    assert effect.band_high > 0
    assert effect.verdict == VERDICT_UNCLEAR


def test_verdicts_are_the_translated_enum() -> None:
    assert VERDICTS == [
        "not_enough_nights",
        "higher_on_mat_nights",
        "lower_on_mat_nights",
        "no_clear_difference",
    ]


def test_sleep_effect_without_nights() -> None:
    assert sleep_effect([], {}) == SleepEffect(
        difference=None,
        mat_mean=None,
        baseline_mean=None,
        mat_nights=0,
        baseline_nights=0,
    )


def test_typical_onset_is_a_median_around_midnight() -> None:
    onsets = ["23:40", "00:20", "23:50", "00:10", "00:05"]
    nights = {
        _evening(day): SleepNight(onset=onset) for day, onset in enumerate(onsets)
    }

    assert typical_onset(nights) == time(0, 5)


def test_typical_onset_of_an_even_count_averages_the_middle_two() -> None:
    nights = {
        _evening(0): SleepNight(onset="23:50"),
        _evening(1): SleepNight(onset="00:11"),
    }

    # 23:50 and 00:11 are 21 minutes apart: their midpoint is 00:00:30, rounded up.
    assert typical_onset(nights) == time(0, 1)


def test_typical_onset_uses_the_most_recent_nights() -> None:
    nights = {_evening(day): SleepNight(onset="21:00") for day in range(20)}
    nights.update({_evening(day): SleepNight(onset="23:30") for day in range(20, 34)})
    # Nights without an onset, or with a broken one, are skipped.
    nights[_evening(40)] = SleepNight(score=80)
    nights[_evening(41)] = SleepNight(onset="late")

    assert typical_onset(nights) == time(23, 30)
    assert typical_onset(nights, recent=27) == time(23, 30)
    assert typical_onset(nights, recent=28) == time(22, 15)
    assert typical_onset(nights, recent=34) == time(21, 0)


def test_typical_onset_without_onsets() -> None:
    assert typical_onset({_evening(0): SleepNight(score=80)}) is None

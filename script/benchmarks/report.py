"""The tables printed at the end."""

from __future__ import annotations

from collections.abc import Sequence
import os
import platform

from homeassistant.const import __version__ as ha_version

from .common import (
    LARGE_LOG,
    MONTH_GROWTH_LIMIT,
    SMALL_LOG,
    STALL_TARGET_MS,
    STATE_ROWS_RATIO_LIMIT,
    TIMER_ENTITY,
    Figures,
)


def machine() -> Figures:
    """What the figures were measured on."""
    return {
        "cpu_cores": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "home_assistant": ha_version,
        "system": f"{platform.system()} {platform.release()}",
    }


def met(ok: bool) -> str:
    """Whether a target was met, for the table."""
    return "yes" if ok else "**no**"


def summary_rows(figures: Figures) -> list[tuple[str, ...]]:
    """The figures table: what, the mat, the reference, ratio, target, met."""
    writes, setup = figures["state_writes"], figures["setup"]
    large, small = figures["log"]["large"], figures["log"]["small"]
    stall, late = figures["setup_stall"], figures["lateness"]
    busy, polling = figures["busy_stall"], figures["sleep_polling"]
    rec = writes["recorder_per_session"]
    most = max(e["writes_per_session"] for e in writes["mat_entities"].values())
    between = writes["mat_total_between"]
    n = f"{LARGE_LOG:,}"

    def month(key: str, target: str) -> tuple[str, ...]:
        growth = large[key] / small[key]
        return (
            f"{large[key]} ms",
            f"{small[key]} ms ({SMALL_LOG} sessions)",
            f"{growth:.1f}x",
            target,
            met(growth < MONTH_GROWTH_LIMIT) if target else "",
        )

    def rows(side: str) -> str:
        r = rec[side]
        return f"{r['states']:g} + {r['events']:g} + {r['state_attributes']:g}"

    state_rows_ratio = rec["state_rows_ratio_to_timer"]

    def written(side: str) -> str:
        value = rec[side].get("written_bytes")
        return "n/a" if value is None else f"{value / 1024:.0f} KB"

    return [
        (
            "State writes per 20-min session, total (most by one entity)",
            f"{writes['mat_total_per_session']} ({most})",
            f"timer: {writes['timer_per_session']}",
            "",
            "<= 2 per entity",
            met(most <= 2),  # noqa: PLR2004
        ),
        (
            "State writes between start and end (1-s steps)",
            str(between),
            f"timer: {writes['timer_between']}",
            "",
            "0",
            met(between == 0),
        ),
        (
            f"Config entry setup, median of {setup['runs']}",
            f"{setup['mat_ms']} ms",
            f"timer: {setup['timer_ms']} ms",
            f"{setup['ratio']}x",
            "",
            "",
        ),
        (
            f"Load {n} sessions",
            f"{large['load_ms']} ms",
            f"json.loads: {large['json_loads_ms']} ms",
            f"{large['load_ratio_to_json_loads']}x",
            "",
            "",
        ),
        (
            f"get_history, one month of {n}",
            *month("get_history_month_ms", "does not grow"),
        ),
        (
            f"Calendar events, one month of {n}",
            *month("calendar_month_ms", "does not grow"),
        ),
        (f"Recommendation over {n}", *month("recommendation_ms", "")),
        (
            "Storage per session",
            f"{large['bytes_per_session']} B",
            f"{large['file_bytes']:,} B / {n}",
            "",
            "",
            "",
        ),
        (
            "Recorder rows per session (states + events + attributes)",
            rows("mat"),
            f"timer: {rows('timer')}",
            f"{state_rows_ratio:g}x",
            f"states <= {STATE_ROWS_RATIO_LIMIT:g}x timer",
            met(state_rows_ratio <= STATE_ROWS_RATIO_LIMIT),
        ),
        (
            "Recorder bytes written per session (SQLite, WAL)",
            written("mat"),
            f"timer: {written('timer')}",
            "",
            "",
            "",
        ),
        *stall_rows(stall, ""),
        *stall_rows(busy, ", a core kept busy"),
        (
            f"Longest loop stall, saving {n}",
            f"{large['longest_stall_saving_ms']} ms",
            f"{small['longest_stall_saving_ms']} ms ({SMALL_LOG} sessions)",
            "",
            f"< {STALL_TARGET_MS:g} ms",
            met(large["longest_stall_saving_ms"] < STALL_TARGET_MS),
        ),
        (
            f"History writes, a sleep tracker polling every minute for "
            f"{polling['days']} days",
            f"{polling['history_writes']} ({polling['nights_filed']} nights filed)",
            f"{polling['polls']:,} polls, {polling['reports']:,} reports",
            "",
            f"1 per measured night ({polling['nights_measured']})",
            met(
                polling["history_writes"]
                == polling["nights_filed"]
                == polling["nights_measured"]
            ),
        ),
        (
            f"End lateness, median of {late['runs']}",
            f"{late['median_ms']} ms (worst {late['worst_ms']})",
            "",
            "",
            "",
            "",
        ),
        (
            "End lateness after a restart",
            f"{late['after_restart_median_ms']} ms "
            f"(worst {late['after_restart_worst_ms']})",
            "",
            "",
            "",
            "",
        ),
    ]


def stall_rows(stall: Figures, busy: str) -> list[tuple[str, ...]]:
    """The loop-stall rows of one stall measurement (median of the runs, worst)."""
    n = f"{LARGE_LOG:,}"
    runs = f"median of {stall['runs']}"
    return [
        (
            f"Longest loop stall, {what} {n}{busy} ({runs})",
            f"{stall[f'{key}median_ms']} ms (worst {stall[f'{key}worst_ms']})",
            "",
            "",
            f"< {stall['target_ms']:g} ms",
            met(stall[f"{key}worst_ms"] < stall["target_ms"]),
        )
        for what, key in (
            ("setup with", ""),
            ("a rating saved with", "rating_"),
            ("a night filed and written with", "night_"),
        )
    ]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, padded so it also reads as plain text."""
    widths = [
        max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))
    ]

    def line(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
            + " |"
        )

    return "\n".join(
        [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        + [line(row) for row in rows]
    )


def report(figures: Figures) -> str:
    """The figures as two tables: the summary and the writes of each entity."""
    writes = figures["state_writes"]
    summary = markdown_table(
        ("Figure", "Acupressure Mat", "Reference", "Ratio", "Target", "Met"),
        summary_rows(figures),
    )
    entities = markdown_table(
        ("Entity", "Writes per session", "Between start and end"),
        [
            (
                entity_id,
                str(e["writes_per_session"]),
                str(e["writes_between_start_and_end"]),
            )
            for entity_id, e in writes["mat_entities"].items()
        ]
        + [
            (
                "**mat total**",
                str(writes["mat_total_per_session"]),
                str(writes["mat_total_between"]),
            ),
            (
                f"{TIMER_ENTITY} (core timer, reference)",
                str(writes["timer_per_session"]),
                str(writes["timer_between"]),
            ),
        ],
    )
    m = figures["machine"]
    return (
        f"Measured by script/bench in {figures['seconds']:.0f} s on {m['cpu_cores']} "
        f"CPU cores ({m['cpu']}, {m['system']}), Python {m['python']}, "
        f"Home Assistant {m['home_assistant']}.\n\n{summary}\n\n{entities}\n"
    )

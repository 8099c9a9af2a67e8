"""Run every measurement, print the tables and write bench.json."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
import json
import logging
from pathlib import Path
import sys
import tempfile
import time as clock
from unittest.mock import patch

from . import REPO
from .common import LARGE_LOG, SMALL_LOG, Figures
from .lateness import measure_lateness
from .long_log import measure_log
from .report import machine, report
from .setup_time import measure_setup
from .sleep_polling import measure_sleep_polling
from .stalls import measure_stalls
from .writes import measure_writes_and_recorder


async def run(output: Path) -> Figures:
    """Every figure, in one run."""
    started = clock.perf_counter()
    figures: Figures = {"machine": machine()}
    with (
        tempfile.TemporaryDirectory(prefix="mat-bench-") as tmp,
        patch("homeassistant.components.http.start_http_server_and_save_config"),
    ):
        work = Path(tmp)
        steps: list[tuple[str, Callable[[], Awaitable[Figures]]]] = [
            ("state_writes", lambda: measure_writes_and_recorder(work)),
            ("setup", lambda: measure_setup(work)),
            ("log_large", lambda: measure_log(work, LARGE_LOG)),
            ("log_small", lambda: measure_log(work, SMALL_LOG)),
            ("setup_stall", lambda: measure_stalls(work, busy=False)),
            ("busy_stall", lambda: measure_stalls(work, busy=True)),
            ("sleep_polling", lambda: measure_sleep_polling(work)),
            ("lateness", lambda: measure_lateness(work)),
        ]
        for name, step in steps:
            print(f"==> {name}", file=sys.stderr, flush=True)
            figures[name] = await step()
    large, small = figures.pop("log_large"), figures.pop("log_small")
    figures["log"] = {
        "large": large,
        "small": small,
        f"ratio_{LARGE_LOG}_to_{SMALL_LOG}": {
            key: round(large[key] / small[key], 2)
            for key in (
                "load_ms",
                "get_history_month_ms",
                "calendar_month_ms",
                "recommendation_ms",
            )
        },
    }
    figures["seconds"] = round(clock.perf_counter() - started, 1)
    output.write_text(json.dumps(figures, indent=2) + "\n")
    return figures


def main() -> None:
    """Run the benchmarks, print the tables and write the JSON file."""
    parser = argparse.ArgumentParser(
        description="The Acupressure Mat measured beside Home Assistant's timer."
    )
    parser.add_argument("--output", type=Path, default=REPO / "bench.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    figures = asyncio.run(run(args.output))
    print(report(figures))
    print(f"Wrote {args.output}", file=sys.stderr)


main()

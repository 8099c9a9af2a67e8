"""Benchmarks of the Acupressure Mat integration beside Home Assistant's own timer.

Run through `script/bench`. Every figure is measured in this run, next to its
reference measured on the same machine in the same run: Home Assistant's core
`timer`, a bare `json.loads` of the same file, or the 100-session case.

Home Assistant runs in-process the way pytest-homeassistant-custom-component runs
it (`async_test_home_assistant`), with a temporary config folder, the real
storage (files on disk, no storage mock), the real recorder (SQLite) and the
loader pointed at this repository's custom_components. Figures that depend on a
20-minute session use a frozen clock moved in 1-second steps, as the tests do;
figures that are about time (setup, queries, stalls, the end's lateness) use the
real clock. Loop stalls are measured twice: on the machine as it is, and while
another process keeps a core busy (`python -c 'while True: pass'`).
"""

from __future__ import annotations

from pathlib import Path
import sys

# patch_time comes before any Home Assistant import: it lets freezegun move Home
# Assistant's clock, as in the tests. The package is imported first, so it is here.
from pytest_homeassistant_custom_component import patch_time  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
# The integration and the test doubles are imported from the repository.
sys.path.insert(0, str(REPO))

"""The bedtime relaxation blueprint, put where Home Assistant lists blueprints.

HACS installs only this folder, so the blueprint ships in it
(``blueprints/bedtime_relaxation.yaml``, the same file as the repository's
``blueprints/automation/acupressure_mat/``). Once Home Assistant has started it
is copied into the configuration's ``blueprints/automation/acupressure_mat/``, so
it appears under Settings > Automations & scenes > Blueprints without an import.
Only into a blueprint folder that exists: Home Assistant fills a missing one with
its own examples, which a folder made by the mat would prevent. The integration
remembers what it wrote: an update replaces its own untouched copy, but a copy
the user edited (or imported by hand) is never overwritten, and a copy the user
deleted is not brought back.
"""

from __future__ import annotations

from hashlib import sha256
import logging
from pathlib import Path
from typing import Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.start import async_at_started
from homeassistant.helpers.storage import Store
from homeassistant.util.file import write_utf8_file_atomic

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

BLUEPRINT_NAME: Final = "bedtime_relaxation.yaml"
SHIPPED_BLUEPRINT: Final = Path(__file__).parent / "blueprints" / BLUEPRINT_NAME
# Where an import by URL would put it too, under the automation blueprints.
BLUEPRINT_PATH: Final = f"{DOMAIN}/{BLUEPRINT_NAME}"
_STORE_KEY: Final = f"{DOMAIN}.blueprint"
_STORE_VERSION: Final = 1
_PLACED: Final = "sha256"


def _digest(data: bytes) -> str:
    return sha256(data).hexdigest()


def _place(target: Path, placed: str | None) -> str | None:
    """Put the shipped blueprint at target unless the file there is the user's.

    placed is the digest of the copy written before, if any. Returns the digest
    to remember when it changed, else None. Blocking: run it in the executor.
    """
    if not target.parent.parent.is_dir():
        _LOGGER.debug("No automation blueprint folder: not putting %s", target)
        return None
    shipped = SHIPPED_BLUEPRINT.read_text(encoding="utf-8")
    digest = _digest(shipped.encode())
    if target.exists():
        current = _digest(target.read_bytes())
        if current == digest:
            return None if placed == digest else digest
        if current != placed:
            _LOGGER.debug(
                "Leaving %s alone: it was changed or imported by hand", target
            )
            return None
    elif placed is not None:
        _LOGGER.debug("Not putting %s back: it was deleted", target)
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    write_utf8_file_atomic(str(target), shipped, private=False)
    _LOGGER.debug("Put the bedtime relaxation blueprint in %s", target)
    return digest


@callback
def async_setup_blueprint(hass: HomeAssistant) -> None:
    """Put the blueprint in place once Home Assistant has started."""
    async_at_started(hass, async_install_blueprint)


def _store(hass: HomeAssistant) -> Store[dict[str, str]]:
    return Store(hass, _STORE_VERSION, _STORE_KEY, atomic_writes=True)


async def async_forget_blueprint(hass: HomeAssistant, entry_id: str) -> None:
    """Delete what the integration remembers of the blueprint with the last mat.

    The blueprint file itself is the user's now: it stays.
    """
    if any(
        entry.entry_id != entry_id
        for entry in hass.config_entries.async_entries(DOMAIN)
    ):
        return
    await _store(hass).async_remove()


async def async_install_blueprint(hass: HomeAssistant) -> None:
    """Put the blueprint in place, or keep the user's; a failure is only logged."""
    store = _store(hass)
    remembered = await store.async_load() or {}
    target = Path(hass.config.path("blueprints", "automation", BLUEPRINT_PATH))
    try:
        digest = await hass.async_add_executor_job(
            _place, target, remembered.get(_PLACED)
        )
    except OSError as err:
        _LOGGER.warning(
            "Could not put the bedtime relaxation blueprint in %s (%s); import it "
            "from the README instead",
            target,
            err,
        )
        return
    if digest is not None:
        await store.async_save({_PLACED: digest})

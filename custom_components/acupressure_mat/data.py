"""Runtime data of a mat's config entry."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry

from .session import MatSessionEngine


@dataclass(slots=True)
class MatData:
    """What a loaded mat keeps while it runs."""

    engine: MatSessionEngine


type AcupressureMatConfigEntry = ConfigEntry[MatData]

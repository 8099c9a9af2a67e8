"""Temporary stub; helper-1 replaces this file."""
from homeassistant.config_entries import ConfigFlow
from .const import DOMAIN
class AcupressureMatConfigFlow(ConfigFlow, domain=DOMAIN):
    VERSION = 1

"""Tests for the Acupressure Mat integration."""

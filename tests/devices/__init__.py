"""Test doubles that behave like the real devices around a mat.

One file per device kind, each with the quirks of a real product: lamps that
report late and know only their own colour range, speakers that announce over
music without a word in their state or go to standby, a voice that fails, a
satellite, a sleep tracker that polls. `integration.py` sets the room's devices
up as a test integration's entities, so Home Assistant's own actions drive them.
"""

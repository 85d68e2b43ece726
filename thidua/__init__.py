"""Thi đua: emulation and commendation work for Vietnamese government units, with its public portal."""

__version__ = "0.1.0"

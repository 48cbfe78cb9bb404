"""Conflict Timeline: news articles about armed conflict -> events on a map and a timeline."""

__version__ = "0.1.0"

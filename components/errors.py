"""One exception hierarchy for the whole package (modelled on geopy's exc.py).

Pipeline modules raise these; only the CLI and the dashboard pages turn them into messages.
Each subclass also inherits the matching built-in so callers can catch either.
"""

from __future__ import annotations


class ConflictTimelineError(Exception):
    """Root of every error this package raises on purpose."""


class ArticleError(ConflictTimelineError, ValueError):
    """An input file or record could not be read as an article (the reason says why)."""


class UnsupportedFormatError(ArticleError):
    """The file's extension or content type is not one we read."""


class GazetteerError(ConflictTimelineError, RuntimeError):
    """The gazetteer file is missing, stale or unreadable."""


class GeocodingError(ConflictTimelineError, RuntimeError):
    """A geocoder failed (the offline gazetteer is used instead)."""


class StoreError(ConflictTimelineError, RuntimeError):
    """The database could not be opened, read or written."""


class FilterError(ConflictTimelineError, ValueError):
    """A filter value (from the URL, the sidebar or the CLI) is not valid."""


class CorrectionError(ConflictTimelineError, ValueError):
    """A place correction cannot be made or undone (unknown id, nothing to undo)."""

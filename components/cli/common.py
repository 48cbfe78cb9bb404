"""What the command modules share: argument types, the database option's help and default."""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from components import settings

logger = logging.getLogger("components")


def date_arg(value: str) -> dt.date:
    """An ISO date argument (argparse type); a bad value is a usage error."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"expected a date like 2022-10-15, got {value!r}") from err


def db_help() -> str:
    """The help of a --db option that names the default database."""
    return f"DuckDB file (default: {settings.get('db_path')})"


def db_path(args: argparse.Namespace) -> str:
    """The database of a command: its --db, else the configured one."""
    return args.db or settings.get("db_path")

"""Files, feeds and structured exports in: everything that turns outside input into records."""

"""Mentions -> Event records: triggers, the event's place, dedup of reports of one event."""

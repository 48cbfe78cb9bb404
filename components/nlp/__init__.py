"""Language: sentences, place/date/actor mentions, event vocabulary (spaCy and rules)."""

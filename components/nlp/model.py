"""The spaCy pipeline: the small English model's named-entity recogniser plus a rule-based sentencizer
that never lets a sentence cross a blank line. Loaded once per process (`load_nlp`)."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from components import settings

# Pipes the small model does not need for our mentions: the NER has its own tok2vec, so the shared one
# is excluded too (same entities on the sample data, 1.6x faster; see FIELD-NOTES).
EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never crosses a blank line (paragraphs and headlines are separate sentences)."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.is_space and "\n" in prev.text and not token.is_space:
            token.is_sent_start = True
    return doc


@functools.cache
def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline: NER plus a rule-based sentencizer that respects paragraph breaks."""
    name = model or settings.get("spacy_model")
    try:
        nlp = spacy.load(name, exclude=EXCLUDE)
    except OSError as err:
        from components.errors import ConflictTimelineError

        raise ConflictTimelineError(
            f"spaCy model {name!r} is not installed; run the set-up command from the README"
        ) from err
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("paragraph_breaks", after="sentencizer")
    return nlp

"""spaCy stage: sentences plus place, date and actor mentions with character offsets.

The model's entities are combined with the gazetteer-driven matcher (`components.nlp.toponyms`): an
entity of another label whose text is a significant gazetteer name becomes a place, capitalised names
the model missed are looked up, and a place is extended to a longer landmark name when one follows.
The pipeline itself is loaded by `components.nlp.model`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from components.nlp.cues import dateline_head, region_follows
from components.nlp.toponyms import (
    MIN_POP_PERSON,
    MIN_POP_RELABEL,
    STREET_WORDS,
    after_a_cue,
    cued_places,
    embedded_place,
    extend_landmark,
    front_line_place,
    is_common_word,
    is_country_or_region,
    is_significant,
    missed_places,
    named_as_place,
    never_a_place,
    words,
    worth_a_lookup,
)
from components.records import Article, Mention

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer

logger = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}


RELABEL_FROM = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}


ACTOR_LABELS = {"NORP", "ORG", "PERSON"}


# Labels the small model gives unknown (often transliterated) place names; after a place cue such an entity
# is a place at any population ("in Novoluhanske": PERSON, "in Svitlodarsk": PRODUCT).
CUE_RELABEL = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}  # NORP: "in Beryslav" (demonyms
# never get here: `_classify` makes them actors first)


EMBED_FROM = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"}  # names that may contain a place name


# Words written before a person's name.
TITLES = words(
    """
    mr mrs ms miss dr sen senator rep gov governor sheriff judge officer sgt sergeant lt capt captain
    chief coach mayor detective deputy trooper prof professor rev reverend pastor father sister brother
    president commissioner councilman councilwoman attorney lawyer spokesman spokeswoman
    gen col maj cpl pvt adm secretary minister king queen prince princess lord lady sir saint
    """
)


@dataclass(frozen=True)
class Analysis:
    """What the NLP stage found in one article."""

    sentences: tuple[tuple[int, int], ...]  # (start_char, end_char) of each sentence
    mentions: tuple[Mention, ...]


def analyse(
    nlp: Language, articles: Iterable[Article], gazetteer: Gazetteer, *, batch_size: int = 64
) -> Iterator[tuple[Article, Analysis]]:
    """Run the model over many articles (batched with nlp.pipe) and extract their mentions."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
        yield article, extract(doc, article.article_id, gazetteer)


def extract(doc: Doc, article_id: str, gazetteer: Gazetteer) -> Analysis:
    """Sentences and mentions of one processed document."""
    sents = join_datelines([s for s in doc.sents if s.text.strip()])
    sent_of = {}
    for i, sent in enumerate(sents):
        for tok in sent:
            sent_of[tok.i] = i
    mentions: list[Mention] = []
    covered: set[int] = set()
    surnames = _surnames(doc)
    cut = (
        part
        for e in doc.ents
        for part in split_joined(_before_qualifier(_before_dash(e), gazetteer), gazetteer)
    )
    for ent in cut:
        kind, span = _classify(ent, gazetteer)
        if kind is None:
            continue
        if kind == "place" and _is_surname(span, surnames, gazetteer):
            kind, span = "actor", ent  # "Obama" after "Barack Obama": a person, not Obama, Japan
        if kind == "place":
            span = _strip_article(span)
        covered.update(range(span.start, span.end))
        mentions.append(
            _mention(span, article_id, span.label_ if span is ent else "GAZ", kind, sent_of[span.start])
        )
    missed = [_strip_article(span) for span in missed_places(doc, covered, gazetteer)]
    covered.update(i for span in missed for i in range(span.start, span.end))
    for span in missed + list(cued_places(doc, covered, gazetteer)):
        if not _is_surname(span, surnames, gazetteer):  # "attacked Smith" after "John Smith"
            mentions.append(_mention(span, article_id, "GAZ", "place", sent_of[span.start]))
    # Names inside organisation names, unless the name is already a place mention (a road named after a
    # county that the matcher found: "Laurel County Road 12" must not give the county twice).
    place_chars = [(m.start_char, m.end_char) for m in mentions if m.kind == "place"]
    for ent in doc.ents:
        if ent.label_ in EMBED_FROM and not any(
            s < ent.end_char and ent.start_char < e for s, e in place_chars
        ):
            inner = embedded_place(ent, gazetteer)
            if inner is not None:
                mentions.append(_mention(inner, article_id, "GAZ", "embedded", sent_of[inner.start]))
    mentions.sort(key=lambda m: (m.start_char, m.end_char))
    sentences = tuple((s.start_char, s.end_char) for s in sents)
    return Analysis(sentences=sentences, mentions=tuple(mentions))


# A sentence that is only a dateline ("Sumy, 2 May 2024.", "KRAMATORSK, Ukraine (Reuters) -") or ends in an
# abbreviation ("..., 27 June 2023, approx.") goes on in the next sentence: the two are one report.
ABBREVIATION_END = re.compile(r"\b(?:approx|ca|c|est|appr|apx)\.$", re.I)
DATELINE_WORDS = frozenset(
    [
        "region",
        "oblast",
        "district",
        "raion",
        "province",
        "approx",
        "approx.",
        "about",
        "around",
        "at",
        "on",
        "local",
        "time",
    ]
)


def join_datelines(sents: list[Span]) -> list[Span]:
    """The sentences, with a dateline-only or abbreviation-cut sentence joined to the one after it."""
    out: list[Span] = []
    for sent in sents:
        if out and _goes_on(out[-1]):
            out[-1] = sent.doc[out[-1].start : sent.end]
        else:
            out.append(sent)
    return out


def _goes_on(sent: Span) -> bool:
    text = sent.text.strip()
    if ABBREVIATION_END.search(text):
        return True
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12 or (not words[0].is_title and not words[0].is_upper):
        return False
    if len(sent) < 2 or sent[1].text not in (",", "("):
        return False
    plain = all(
        t.is_title or t.is_upper or t.like_num or ":" in t.text or t.lower_ in DATELINE_WORDS for t in words
    )
    return plain and any(t.like_num or t.text == "(" for t in sent)


def _surnames(doc: Doc) -> frozenset[str]:
    """Last words of the document's multi-word PERSON names ("Barack Obama" -> "obama") and names written
    after a title ("Sheriff Ripley", "Gov. Strickland")."""
    out = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_title}
    for tok in doc[1:]:
        if tok.is_title and doc[tok.i - 1].lower_.rstrip(".") in TITLES:
            out.add(tok.lower_)
    return frozenset(out)


def _is_surname(span: Span, surnames: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A one-word name that is the surname of a person named in full elsewhere in the document (and not a
    country or region: "Georgia" stays a place)."""
    if len(span) != 1 or span[0].lower_ not in surnames:
        return False
    return not is_country_or_region(span.text, gazetteer)


def _strip_article(span: Span) -> Span:
    """ "the United States" -> "United States": the article is not part of the name (as gold corpora mark)."""
    if len(span) > 1 and span[0].lower_ == "the":
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


def _mention(span: Span, article_id: str, label: str, kind: str, sent_index: int) -> Mention:
    return Mention(
        article_id=article_id,
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        label=label,
        kind=kind,
        sent_index=sent_index,
    )


def _classify(ent: Span, gazetteer: Gazetteer) -> tuple[str | None, Span]:
    """Decide what an entity is: ("place", span), ("date", ent), ("actor", ent) or (None, ent)."""
    label = ent.label_
    if label == "DATE":
        return "date", ent
    text = ent.text
    if gazetteer.demonym_country(text):
        return "actor", ent  # "Ukrainian", "Kazakh": a country mention, not an event place
    if never_a_place(text):
        return ("actor" if label in ACTOR_LABELS else None), ent
    if label in PLACE_LABELS:
        if label != "GPE" and ent[-1].lower_ in STREET_WORDS and not gazetteer.hits(text):
            return None, ent  # "Shamrock Street", "County Road 12": an address the gazetteer cannot place
        return "place", extend_landmark(ent, gazetteer)
    if label in RELABEL_FROM and not is_common_word(ent) and _relabelled_place(ent, gazetteer):
        return "place", extend_landmark(Span(ent.doc, ent.start, ent.end, label="GAZ"), gazetteer)
    if label in ACTOR_LABELS:
        return "actor", ent
    return None, ent


def _relabelled_place(ent: Span, gazetteer: Gazetteer) -> bool:
    """Is an entity the model labelled otherwise a place: a significant gazetteer name, a name after a place
    cue ("in Novoluhanske"), or a name the words around it call a place ("the village of X")?"""
    label, text = ent.label_, ent.text
    min_pop = MIN_POP_PERSON if label == "PERSON" else MIN_POP_RELABEL
    if is_significant(text, gazetteer, min_pop):
        return True
    if dateline_head(ent) and worth_a_lookup(ent, gazetteer):
        return True  # "BOHODUKHIV, Ukraine, 19 Aug. -": a dateline's place, not an acronym
    if label in CUE_RELABEL and not _acronym(ent) and after_a_cue(ent) and worth_a_lookup(ent, gazetteer):
        return True
    if label in CUE_RELABEL | {"NORP"} and not _acronym(ent) and front_line_place(ent, gazetteer):
        return True  # "shelled Novohrodivka", "Kozacha Lopan in Kharkiv region", "flag over Robotyne"
    return label in CUE_RELABEL | {"NORP"} and named_as_place(ent) and not gazetteer.demonym_country(text)


def _acronym(span: Span) -> bool:
    """One all-capitals word ("SEC", "NATO"): the model's ORG label stands even after a place cue."""
    return len(span) == 1 and span[0].is_upper and len(span.text) > 1


def _before_qualifier(ent: Span, gazetteer: Gazetteer) -> Span:
    """ "Ochakiv, Mykolaiv region" -> "Ochakiv": the model runs a name into the region that qualifies it."""
    for tok in ent[1:-1]:
        if tok.text == "," and region_follows(ent.doc, tok.i, gazetteer):
            return Span(ent.doc, ent.start, tok.i, label=ent.label_)
    return ent


JOINERS = frozenset({"and", ",", "in", "&"})
DEMONYM_TAIL = frozenset({"russian", "ukrainian", "russians", "ukrainians"})


def split_joined(ent: Span, gazetteer: Gazetteer) -> list[Span]:
    """The places an entity runs together: "Robotyne and Verbove", "Hlyboke in Kharkiv" (two places), and
    "Melitopol Russian" (a place and the demonym after it). Split only where every part is a gazetteer
    name and the whole is not one ("Bosnia and Herzegovina" stays)."""
    if len(ent) < 2 or ent.label_ not in ("GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"):
        return [ent]
    if ent[-1].lower_ in DEMONYM_TAIL and len(ent) > 1:
        head = Span(ent.doc, ent.start, ent.end - 1, label="GPE")
        if not gazetteer.hits(ent.text) and _settlement(head.text, gazetteer):
            return [head, Span(ent.doc, ent.end - 1, ent.end, label="NORP")]
    cuts = [t.i for t in ent[1:-1] if t.lower_ in JOINERS]
    if not cuts or gazetteer.hits(ent.text):
        return [ent]
    parts, start = [], ent.start
    for i in cuts:
        parts.append(Span(ent.doc, start, i, label="GPE"))
        start = i + 1 + (ent.doc[i + 1].lower_ == "and" and i + 1 < ent.end - 1)
    parts.append(Span(ent.doc, start, ent.end, label="GPE"))
    if all(len(p) and _settlement(p.text, gazetteer) for p in parts):
        return parts
    return [ent]


def _settlement(name: str, gazetteer: Gazetteer) -> bool:
    return any(p.feature_class in ("P", "A") for p in gazetteer.lookup(name)[:5])


def _before_dash(ent: Span) -> Span:
    """ "Kreminna - Haidai" -> "Kreminna", "Tiahynka (Kherson" -> "Tiahynka": the model runs a name into the
    source credited after a spaced dash, or into the region written in brackets after it."""
    for tok in ent[1:-1]:
        if tok.text in {"-", "–", "—"} and tok.whitespace_ and ent.doc[tok.i - 1].whitespace_:
            return Span(ent.doc, ent.start, tok.i, label=ent.label_)
    for tok in ent[1:]:
        if tok.text in {"(", "["}:
            return Span(ent.doc, ent.start, tok.i, label=ent.label_)
    return ent

"""spaCy stage: sentences plus place, date and actor mentions with character offsets.

The small English model labels some places as ORG or PERSON (Crimea, Nikopol, Kyiv) and misses
landmarks written in lower case ("Zaporizhia nuclear power plant"). Its entities are therefore
combined with a gazetteer-driven matcher: an entity of another label whose text is a significant
gazetteer name becomes a place, capitalised names the model missed are looked up, and a place is
extended to a longer landmark name when one follows.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from components import settings
from components.geo.gazetteer.names import FLAG_UPPER_ONLY
from components.records import Article, Mention

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer

logger = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
RELABEL_FROM = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
ACTOR_LABELS = {"NORP", "ORG", "PERSON"}
# Labels the small model gives unknown (often transliterated) place names; after a place cue such an entity
# is a place at any population ("in Novoluhanske": PERSON, "in Svitlodarsk": PRODUCT).
CUE_RELABEL = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"}
EMBED_FROM = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"}  # names that may contain a place name
# Pipes the small model does not need for our mentions: the NER has its own tok2vec, so the shared one
# is excluded too (same entities on the sample data, 1.6x faster; see FIELD-NOTES).
EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
MIN_POP_RELABEL = 20_000  # an ORG/PERSON entity becomes a place if a town this big bears its name
MIN_POP_PERSON = 100_000  # a PERSON entity needs a bigger town ("Kyiv" yes; "Williams", "Harrison" no)
MIN_POP_MISSED = 100_000  # a capitalised name the model missed entirely must be at least this big
LANDMARK_CLASSES = {"S", "T", "H", "L", "V"}
# Capitalised words that are also names of big places but are rarely meant as such in news text.
STOPWORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "president", "minister", "general", "mobile", "reading", "police",
    "university", "army", "state", "city", "republic", "union", "victoria", "independence",
    "liberty", "justice",
}  # fmt: skip


STREET_WORDS = {"street", "st.", "road", "rd.", "avenue", "ave.", "highway", "boulevard", "blvd.", "drive",
                "lane", "way", "interstate", "route", "parkway", "pike", "court", "place", "square"}  # fmt: skip

# Words written before a person's name.
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "sheriff", "judge",
          "officer", "sgt", "sergeant", "lt", "capt", "captain", "chief", "coach", "mayor", "detective",
          "deputy", "trooper", "prof", "professor", "rev", "reverend", "pastor", "father", "sister", "brother",
          "president", "commissioner", "councilman", "councilwoman", "attorney", "lawyer", "spokesman",
          "spokeswoman", "gen", "col", "maj", "cpl", "pvt", "adm", "secretary", "minister", "king", "queen",
          "prince", "princess", "lord", "lady", "sir", "saint"}  # fmt: skip

# Words that start organisation names without naming a place ("Centre for ...", "Metro Council").
GENERIC = {"university", "centre", "center", "bank", "metro", "national", "royal", "federal", "college", "county",
           "city", "state", "new", "saint", "st", "grand", "great", "mount", "fort", "lake", "port", "union"}  # fmt: skip

# Names that the model tags as places but that the gazetteer cannot place: macro-regions without a
# GeoNames point (continents are in the gazetteer), and organisations written like places. Lower-case
# words are never places either.
NOT_PLACES = {
    "americas", "arctic", "eurasia", "middle east", "the middle east", "central asia", "east asia",
    "eastern europe", "western europe", "central europe", "the west", "west", "east", "western",
    "eastern", "northern", "southern", "central", "north", "south", "un", "u.n.", "eu", "nato", "g7", "g20", "osce", "iaea",
    "region", "province", "district", "oblast", "raion",
}  # fmt: skip


@dataclass(frozen=True)
class Analysis:
    """What the NLP stage found in one article."""

    sentences: tuple[tuple[int, int], ...]  # (start_char, end_char) of each sentence
    mentions: tuple[Mention, ...]


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


def analyse(
    nlp: Language, articles: Iterable[Article], gazetteer: Gazetteer, *, batch_size: int = 64
) -> Iterator[tuple[Article, Analysis]]:
    """Run the model over many articles (batched with nlp.pipe) and extract their mentions."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
        yield article, extract(doc, article.article_id, gazetteer)


def extract(doc: Doc, article_id: str, gazetteer: Gazetteer) -> Analysis:
    """Sentences and mentions of one processed document."""
    sents = [s for s in doc.sents if s.text.strip()]
    sent_of = {}
    for i, sent in enumerate(sents):
        for tok in sent:
            sent_of[tok.i] = i
    mentions: list[Mention] = []
    covered: set[int] = set()
    surnames = _surnames(doc)
    for ent in map(_before_dash, doc.ents):
        kind, span = _classify(ent, gazetteer)
        if kind is None:
            continue
        if kind == "place" and _is_surname(span, surnames, gazetteer):
            kind, span = "actor", ent  # "Obama" after "Barack Obama": a person, not Obama, Japan
        if kind == "place":
            span = _strip_article(span)
        covered.update(range(span.start, span.end))
        mentions.append(_mention(span, article_id, span.label_ if span is ent else "GAZ", kind,
                                 sent_of[span.start]))  # fmt: skip
    missed = [_strip_article(span) for span in _missed_places(doc, covered, gazetteer)]
    covered.update(i for span in missed for i in range(span.start, span.end))
    for span in missed + list(_cued_places(doc, covered, gazetteer)):
        mentions.append(_mention(span, article_id, "GAZ", "place", sent_of[span.start]))
    # Names inside organisation names, unless the name is already a place mention (a road named after a
    # county that the matcher found: "Laurel County Road 12" must not give the county twice).
    place_chars = [(m.start_char, m.end_char) for m in mentions if m.kind == "place"]
    for ent in doc.ents:
        if ent.label_ in EMBED_FROM and not any(
            s < ent.end_char and ent.start_char < e for s, e in place_chars
        ):
            inner = _embedded_place(ent, gazetteer)
            if inner is not None:
                mentions.append(_mention(inner, article_id, "GAZ", "embedded", sent_of[inner.start]))
    mentions.sort(key=lambda m: (m.start_char, m.end_char))
    sentences = tuple((s.start_char, s.end_char) for s in sents)
    return Analysis(sentences=sentences, mentions=tuple(mentions))


def _embedded_place(ent: Span, gazetteer: Gazetteer) -> Span | None:
    """A place named inside an organisation's or building's name: "Texas" in "Texas Fire Service", "Ohio" in
    "the University of Ohio". Such a name is a toponym (its country or region is in the text) but not the
    place of an event: the mention kind is "embedded"."""
    toks = ent[1:] if ent[0].lower_ == "the" else ent
    if len(toks) < 2 or _address(toks):
        return None
    for n in (3, 2, 1):  # leading words: "Texas Southern University", "New York Police Department"
        head = toks[:n]
        if n >= len(toks) or not all(t.is_title or t.is_upper for t in head):
            continue
        if n <= 2 and gazetteer.demonym_country(head.text):  # "American Red Cross": a country mention
            return Span(ent.doc, head.start, head.end, label="GAZ")
        if _abbreviation(head, gazetteer):  # "US State Department"
            return Span(ent.doc, head.start, head.end, label="GAZ")
        plausible = _plausible(head) or (n > 1 and _plausible(head[1:]))  # "New York Times", not "New Labour"
        if plausible and not _common_word(head) and _significant(head.text, gazetteer, MIN_POP_RELABEL):
            return Span(ent.doc, head.start, head.end, label="GAZ")
    for i in range(1, len(toks)):  # a country after the first word: "Air Zimbabwe", "HSBC Malta"
        for n in (3, 2, 1):
            inner = toks[i : i + n]
            if (
                len(inner) == n
                and all(t.is_title for t in inner)
                and _plausible(inner)
                and (_country_or_region(inner.text, gazetteer, ("PCLI",)))
            ):
                return Span(ent.doc, inner.start, inner.end, label="GAZ")
    for i, t in enumerate(toks[:-1]):  # after "of": "University of Texas", "Bank of England"
        if t.lower_ == "of":
            tail = toks[i + 1 :]
            if 0 < len(tail) <= 3 and all(x.is_title for x in tail) and _plausible(tail) and _significant(tail.text, gazetteer,
                                                                                        MIN_POP_RELABEL):  # fmt: skip
                return Span(ent.doc, tail.start, tail.end, label="GAZ")
    return None


def _address(span: Span) -> bool:
    """A road's name: a capitalised street word at the end or before a number ("Washington Drive", "Laurel
    County Road 3"). The place it is named after is not a toponym of the text."""
    words = [t for t in span if not t.like_num]
    return len(words) > 1 and all(t.is_title for t in words) and words[-1].lower_ in ADDRESS_WORDS


def _abbreviation(span: Span, gazetteer: Gazetteer) -> bool:
    """A one-token capitals-only abbreviation the gazetteer knows as such ("US", "UK", "UAE"): never a
    common word, although "us" is one."""
    return (
        len(span) == 1 and span[0].is_upper and any(h[1] & FLAG_UPPER_ONLY for h in gazetteer.hits(span.text))
    )


def _country_or_region(name: str, gazetteer: Gazetteer, codes: tuple[str, ...] = ("PCLI", "ADM1")) -> bool:
    """A country or first-level region (feature ``codes``) by its primary name ("Zimbabwe", "Ohio")."""
    return any(h.primary and gazetteer.code("feature_code", h.row) in codes for h in gazetteer.hits(name))


def _common_word(span: Span) -> bool:
    """A one-word name that is an English stop word ("Most", "Can", "As") or that the same document also
    uses in lower case ("Man" ... "a man"): a word, not a place."""
    if len(span) != 1:
        return False
    tok = span[0]
    return tok.is_stop or tok.lower_ in _lower_words(span.doc)


def _lower_words(doc: Doc) -> frozenset[str]:
    cached = doc.user_data.get("lower_words")
    if cached is None:
        cached = doc.user_data["lower_words"] = frozenset(t.text for t in doc if t.is_lower)
    return cached


def _plausible(span: Span) -> bool:
    """Not a generic word that happens to name some place ("University", "Centre", "North")."""
    return not (_not_a_place(span.text) or span.text.lower() in STOPWORDS or span[0].lower_ in GENERIC)


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
    return not _country_or_region(span.text, gazetteer)


def _strip_article(span: Span) -> Span:
    """ "the United States" -> "United States": the article is not part of the name (as gold corpora mark)."""
    if len(span) > 1 and span[0].lower_ == "the":
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


def _mention(span: Span, article_id: str, label: str, kind: str, sent_index: int) -> Mention:
    return Mention(
        article_id=article_id, start_char=span.start_char, end_char=span.end_char, text=span.text,
        label=label, kind=kind, sent_index=sent_index,
    )  # fmt: skip


def _classify(ent: Span, gazetteer: Gazetteer) -> tuple[str | None, Span]:
    """Decide what an entity is: ("place", span), ("date", ent), ("actor", ent) or (None, ent)."""
    label = ent.label_
    if label == "DATE":
        return "date", ent
    text = ent.text
    if gazetteer.demonym_country(text):
        return "actor", ent  # "Ukrainian", "Kazakh": a country mention, not an event place
    if _not_a_place(text):
        return ("actor" if label in ACTOR_LABELS else None), ent
    if label in PLACE_LABELS:
        if label != "GPE" and ent[-1].lower_ in STREET_WORDS and not gazetteer.hits(text):
            return None, ent  # "Shamrock Street", "County Road 12": an address the gazetteer cannot place
        return "place", _extend_landmark(ent, gazetteer)
    min_pop = MIN_POP_PERSON if label == "PERSON" else MIN_POP_RELABEL
    if label in RELABEL_FROM and not _common_word(ent) and (_significant(text, gazetteer, min_pop) or (
            label in CUE_RELABEL and _cued(ent) and not _acronym(ent) and _cue_ok(ent, gazetteer)) or (
            label in ("ORG", "PERSON", "NORP") and _named_place(ent) and not gazetteer.demonym_country(text))):  # fmt: skip
        return "place", _extend_landmark(Span(ent.doc, ent.start, ent.end, label="GAZ"), gazetteer)
    if label in ACTOR_LABELS:
        return "actor", ent
    return None, ent


def _acronym(span: Span) -> bool:
    """One all-capitals word ("SEC", "NATO"): the model's ORG label stands even after a place cue."""
    return len(span) == 1 and span[0].is_upper and len(span.text) > 1


def _not_a_place(text: str) -> bool:
    core = text.strip(" -–—'’")
    core = core[4:] if core.lower().startswith("the ") else core
    return core.lower() in NOT_PLACES or not core[:1].isupper()


def _significant(name: str, gazetteer: Gazetteer, min_population: int) -> bool:
    """Is `name` a country, region, landmark or a town of at least `min_population`? Second-level regions
    count only by their full primary name."""
    for hit in gazetteer.hits(name):
        r = hit.row
        fcode = gazetteer.code("feature_code", r)
        if int(gazetteer.population[r]) >= min_population and fcode != "ADM2":
            return True
        # a region counts by its own name ("Laurel County"), not by a bare alias ("Brown" of Brown County)
        if gazetteer.code("feature_class", r) != "P" and (hit.primary or fcode in ("PCLI", "ADM1")):
            return True
    return False


def _extend_landmark(span: Span, gazetteer: Gazetteer) -> Span:
    """`Zaporizhia` followed by `nuclear power plant` -> the landmark span, when the gazetteer has it."""
    doc = span.doc
    for end in range(min(len(doc), span.end + 4), span.end, -1):
        longer = doc[span.start : end]
        if "\n" in longer.text or longer[-1].is_punct or longer[-1].is_space:
            continue
        places = gazetteer.lookup(longer.text)
        if any(p.feature_class in LANDMARK_CLASSES for p in places):
            return Span(doc, span.start, end, label=span.label_)
    return span


def _missed_places(doc: Doc, covered: set[int], gazetteer: Gazetteer) -> Iterator[Span]:
    """Capitalised names the model did not label at all but the gazetteer knows as significant."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not tok.is_title or tok.is_sent_start or tok.lower_ in STOPWORDS:
            i += 1
            continue
        road = _road_end(doc, i)
        if road:  # "Kent County Road 4", "Oak Street": a road named after a place
            i = road
            continue
        for n in (3, 2, 1):
            end = i + n
            if end > len(doc) or any(j in covered for j in range(i, end)):
                continue
            span = doc[i:end]
            if not all(t.is_title or t.text in {"-", "of"} for t in span) or "\n" in span.text:
                continue
            if span[-1].text in {"-", "of"} or _not_a_place(span.text) or (
                    doc[end - 1].whitespace_ == "" and end < len(doc) and doc[end].text == "-"):  # fmt: skip
                continue
            if not _common_word(span) and _significant(span.text, gazetteer, MIN_POP_MISSED):
                yield Span(doc, i, end, label="GAZ")
                i = end - 1
                break
        i += 1


# Cues in the text itself that the capitalised name after them is a place, however small ("killed in
# Novoluhanske", "near the village of Pisky", "shelling of Olenivka").
CUE_WORDS = {"in", "near", "outside", "around"}
OF_HEADS = {"village", "town", "city", "settlement", "outskirts", "suburbs", "shelling", "bombardment", "bombing",
            "capture", "liberation", "siege", "direction", "vicinity", "area"}  # fmt: skip
# Words after a name in a bare-name text that name a part of the place ("Donetsk airport").
FACILITY = {"airport", "station", "railway", "bridge", "plant", "mine", "checkpoint", "township", "village", "town",
            "city", "district", "area", "outskirts", "region", "oblast", "province", "raion"}  # fmt: skip
MAX_BARE = 4  # a text of at most this many words, all of them a name, is a bare place name
# Street words that end a road's name ("Oak Street", "Laurel County Road 12"); "Court", "Place" and
# "Square" name courts and squares as often as streets, so they do not make an address here.
ADDRESS_WORDS = STREET_WORDS - {"court", "place", "square", "way", "interstate", "route"}


def _before_dash(ent: Span) -> Span:
    """ "Kreminna - Haidai" -> "Kreminna": the model runs a name into the source credited after a spaced dash."""
    for tok in ent[1:-1]:
        if tok.text in {"-", "–", "—"} and tok.whitespace_ and ent.doc[tok.i - 1].whitespace_:
            return Span(ent.doc, ent.start, tok.i, label=ent.label_)
    return ent


def _road_end(doc: Doc, start: int) -> int:
    """When the capitalised words from `start` end in a street word ("Oak Street", "Kent County Road 4"),
    the index after that word, else 0: those words name a road, not a place."""
    for i in range(start + 1, min(start + 5, len(doc))):
        tok = doc[i]
        if tok.is_title and tok.lower_ in ADDRESS_WORDS:
            return i + 1
        if not tok.is_title or "\n" in doc[i - 1].whitespace_:
            return 0
    return 0


def _bare_line(sent: Span) -> bool:
    """A sentence that is a line of its own (a headline, a dateline), not an abbreviation the sentencizer cut
    off inside a line ("Lt. Col. Anna Smith", "Sens. Tom Hart")."""
    text, body = sent.doc.text, sent.text
    start, end = sent.start_char + len(body) - len(body.lstrip()), sent.start_char + len(body.rstrip())
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _cued_places(doc: Doc, covered: set[int], gazetteer: Gazetteer) -> Iterator[Span]:
    """Names the model missed that the text marks as places, found in the gazetteer at any population: a
    sentence that is nothing but a name ("Krasnohorivka", "Luhansk airport": a bare headline or a dateline),
    and a capitalised name right after a locative ("in", "near", "the village of", "shelling of"). A word the
    model labelled otherwise after a cue ("in English": a language; "near Highland Avenue": a road) is left to
    `_classify`; on a bare line the model has no context and its label does not count."""
    judged = covered | {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not 0 < len(words) <= MAX_BARE or any(t.i in covered for t in words) or not _bare_line(sent):
            continue
        names = words[:-1] if len(words) > 1 and words[-1].lower_ in FACILITY else words
        span = doc[names[0].i : names[-1].i + 1]
        if all(t.is_title or t.is_upper for t in names) and _cue_ok(span, gazetteer):
            covered.update(range(span.start, span.end))
            yield span
    for tok in doc[:-1]:
        if not (
            tok.lower_ in CUE_WORDS
            or (tok.lower_ == "of" and tok.i > 0 and doc[tok.i - 1].lower_ in OF_HEADS)
        ):
            continue
        start = tok.i + 1
        for n in (3, 2, 1):
            end = start + n
            if end > len(doc) or any(j in judged for j in range(start, end)) or _name_goes_on(doc, end):
                continue
            span = doc[start:end]
            if all(t.is_title for t in span) and "\n" not in span.text and _cue_ok(span, gazetteer):
                covered.update(range(start, end))
                yield span
                break


def _name_goes_on(doc: Doc, end: int) -> bool:
    """Does a longer name go on after token `end - 1` ("near Pine Ridge High School", "in Kovel Arena")? Then
    the words before it are only part of a name. A month or weekday ("in Pisky Monday") and a new line end
    the name."""
    if end >= len(doc) or not doc[end - 1].whitespace_ or "\n" in doc[end - 1].whitespace_:
        return False
    nxt = doc[end]
    return (nxt.is_title or nxt.is_upper) and nxt.lower_ not in STOPWORDS


def _cued(span: Span) -> bool:
    """Is the span a whole bare-name line, or right after a place cue ("in", "near", "village of")?"""
    doc, sent = span.doc, span.sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) <= MAX_BARE and words and words[0].i >= span.start - 1 and words[-1].i <= span.end:
        return _bare_line(sent)
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.lower_ in CUE_WORDS or (
        prev.lower_ == "of" and span.start > 1 and doc[span.start - 2].lower_ in OF_HEADS
    )


# Nouns that make the name right after "<noun> of" or right before the noun a place name, known or not
# ("the village of Tal Salmo", "the town of Kfar Nabl", "Hasbaya village").
SETTLEMENT_NOUNS = {"village", "villages", "town", "city", "settlement", "hamlet", "neighborhood", "neighbourhood",
                    "suburb", "district", "camp", "township", "commune"}  # fmt: skip


def _named_place(span: Span) -> bool:
    """Is the span named as a place by the words around it ("the village of X", "X village")?"""
    doc = span.doc
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    if before is not None and before[1].lower_ == "of" and before[0].lower_ in SETTLEMENT_NOUNS:
        return True
    return span.end < len(doc) and doc[span.end].lower_ in SETTLEMENT_NOUNS and doc[span.end].is_lower


def _cue_ok(span: Span, gazetteer: Gazetteer) -> bool:
    """A name worth a gazetteer look-up at any population: not a month, a demonym or a common word."""
    if span.text.lower() in STOPWORDS or not _plausible(span) or _common_word(span):
        return False
    return not gazetteer.demonym_country(span.text) and gazetteer.is_place_name(span.text)

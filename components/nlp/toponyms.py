"""The gazetteer-driven name matcher: whether a span of a document names a place, and the place names the
model missed.

The small English model labels some places as ORG or PERSON (Crimea, Nikopol, Kyiv) and misses
landmarks written in lower case ("Zaporizhia nuclear power plant"). These tests check a span against the
gazetteer and the words around it: a significant gazetteer name, a name right after a place cue ("in",
"near", "the village of"), a bare headline, a landmark name that goes on after a town's name; and they
find capitalised names the model did not label, and place names inside organisations' names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from components.geo.gazetteer.names import FLAG_UPPER_ONLY
from components.nlp.cues import capital_datelines, front_line_cue, own_name

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer

MIN_POP_RELABEL = 20_000  # an ORG/PERSON entity becomes a place if a town this big bears its name
MIN_POP_PERSON = 100_000  # a PERSON entity needs a bigger town ("Kyiv" yes; "Williams", "Harrison" no)
MIN_POP_MISSED = 100_000  # a capitalised name the model missed entirely must be at least this big
LANDMARK_CLASSES = {"S", "T", "H", "L", "V"}
MAX_BARE = 4  # a text of at most this many words, all of them a name, is a bare place name
DOC_TEXT_KEY = "conflict_timeline.text"  # Doc.user_data key of the cached document text


def words(text: str) -> set[str]:
    """The words of a word list written as text, separated by white space."""
    return set(text.split())


def phrases(text: str) -> set[str]:
    """The entries of a list written as text, separated by commas (an entry may hold spaces)."""
    return {entry.strip() for entry in text.split(",")}


# Capitalised words that are also names of big places but are rarely meant as such in news text.
STOPWORDS = words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    president minister general mobile reading police university army state city republic union
    victoria independence liberty justice
    """
)
STREET_WORDS = words(
    """
    street st. road rd. avenue ave. highway boulevard blvd. drive lane way interstate route parkway pike
    court place square
    """
)
# Street words that end a road's name ("Oak Street", "Laurel County Road 12"); "Court", "Place" and
# "Square" name courts and squares as often as streets, so they do not make an address here.
ADDRESS_WORDS = STREET_WORDS - {"court", "place", "square", "way", "interstate", "route"}
# Words that start organisation names without naming a place ("Centre for ...", "Metro Council").
GENERIC = words(
    """
    university centre center bank metro national royal federal college county city state new saint st
    grand great mount fort lake port union
    """
)
# Names that the model tags as places but that the gazetteer cannot place: macro-regions without a
# GeoNames point (continents are in the gazetteer), and organisations written like places. Lower-case
# words are never places either.
NOT_PLACES = phrases(
    """
    americas, arctic, eurasia, middle east, the middle east, central asia, east asia,
    eastern europe, western europe, central europe, the west, west, east, western,
    eastern, northern, southern, central, north, south,
    un, u.n., eu, nato, g7, g20, osce, iaea,
    region, province, district, oblast, raion
    """
)

# Cues in the text itself that the capitalised name after them is a place, however small ("killed in
# Novoluhanske", "near the village of Pisky", "shelling of Olenivka").
CUE_WORDS = {"in", "near", "outside", "around"}
OF_HEADS = words(
    """
    village town city settlement outskirts suburbs shelling bombardment bombing capture liberation siege
    direction vicinity area
    """
)
# Words after a name in a bare-name text that name a part of the place ("Donetsk airport").
FACILITY = words(
    """
    airport station railway bridge plant mine checkpoint township village town city district area
    outskirts region oblast province raion
    """
)
# Nouns that make the name right after "<noun> of" or right before the noun a place name, known or not
# ("the village of Tal Salmo", "the town of Kfar Nabl", "Hasbaya village").
SETTLEMENT_NOUNS = words(
    """
    village villages town city settlement hamlet neighborhood neighbourhood suburb district camp township
    commune
    """
)


def never_a_place(text: str) -> bool:
    """A name that is never a place: a macro-region or an organisation written like a place (`NOT_PLACES`,
    with or without "the"), or a word that does not start with a capital."""
    core = text.strip(" -–—'’")
    core = core[4:] if core.lower().startswith("the ") else core
    return core.lower() in NOT_PLACES or not core[:1].isupper()


def is_common_word(span: Span) -> bool:
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
    return not (never_a_place(span.text) or span.text.lower() in STOPWORDS or span[0].lower_ in GENERIC)


def is_significant(name: str, gazetteer: Gazetteer, min_population: int) -> bool:
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


def is_country_or_region(name: str, gazetteer: Gazetteer, codes: tuple[str, ...] = ("PCLI", "ADM1")) -> bool:
    """A country or first-level region (feature ``codes``) by its primary name ("Zimbabwe", "Ohio")."""
    return any(h.primary and gazetteer.code("feature_code", h.row) in codes for h in gazetteer.hits(name))


def _abbreviation(span: Span, gazetteer: Gazetteer) -> bool:
    """A one-token capitals-only abbreviation the gazetteer knows as such ("US", "UK", "UAE"): never a
    common word, although "us" is one."""
    return (
        len(span) == 1 and span[0].is_upper and any(h[1] & FLAG_UPPER_ONLY for h in gazetteer.hits(span.text))
    )


def _address(span: Span) -> bool:
    """A road's name: a capitalised street word at the end or before a number ("Washington Drive", "Laurel
    County Road 3"). The place it is named after is not a toponym of the text."""
    words = [t for t in span if not t.like_num]
    return len(words) > 1 and all(t.is_title for t in words) and words[-1].lower_ in ADDRESS_WORDS


def extend_landmark(span: Span, gazetteer: Gazetteer) -> Span:
    """`Zaporizhia` followed by `nuclear power plant` -> the landmark span, when the gazetteer has it; `Bila`
    followed by `Tserkva` -> the town whose own name the capitalised words go on to (not "Kyiv Oblast": a
    region word stays out of the name)."""
    doc = span.doc
    for end in range(min(len(doc), span.end + 4), span.end, -1):
        longer = doc[span.start : end]
        if "\n" in longer.text or longer[-1].is_punct or longer[-1].is_space:
            continue
        places = gazetteer.lookup(longer.text)
        if any(p.feature_class in LANDMARK_CLASSES for p in places):
            return Span(doc, span.start, end, label=span.label_)
        extra = doc[span.end : end]
        if (
            all(t.is_title and t.lower_ not in FACILITY for t in extra)
            and all(t.whitespace_ == " " for t in doc[span.start : end - 1])
            and any(
                h.primary and gazetteer.code("feature_class", h.row) == "P"
                for h in gazetteer.hits(longer.text)
            )
        ):
            return Span(doc, span.start, end, label=span.label_)
    return span


def worth_a_lookup(span: Span, gazetteer: Gazetteer) -> bool:
    """A name worth a gazetteer look-up at any population: not a month, a demonym or a common word."""
    if span.text.lower() in STOPWORDS or not _plausible(span) or is_common_word(span):
        return False
    return not gazetteer.demonym_country(span.text) and gazetteer.is_place_name(span.text)


def after_a_cue(span: Span) -> bool:
    """Is the span a whole bare-name line, or right after a place cue ("in", "near", "village of")?"""
    doc, sent = span.doc, span.sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) <= MAX_BARE and words and words[0].i >= span.start - 1 and words[-1].i <= span.end:
        return _bare_line(sent)
    return base_cue(doc, span.start)


def base_cue(doc: Doc, start: int) -> bool:
    """Is token ``start`` right after a place cue ("in", "near", "village of", "shelling of")?"""
    if start == 0:
        return False
    prev = doc[start - 1]
    return prev.lower_ in CUE_WORDS or (
        prev.lower_ == "of" and start > 1 and doc[start - 2].lower_ in OF_HEADS
    )


def front_line_place(span: Span, gazetteer: Gazetteer) -> bool:
    """Is the span a place by front-line language around it (`components.nlp.cues`: "shelled X", "X, Donetsk
    region", "near X, Y and Z", "X, 25 May: ...") and a place's own name, or a spelling variant of it?"""
    return (
        front_line_cue(span, gazetteer, base_cue)
        and worth_a_lookup(span, gazetteer)
        and own_name(span.text, gazetteer)
    )


def named_as_place(span: Span) -> bool:
    """Is the span named as a place by the words around it ("the village of X", "X village")?"""
    doc = span.doc
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    if before is not None and before[1].lower_ == "of" and before[0].lower_ in SETTLEMENT_NOUNS:
        return True
    return span.end < len(doc) and doc[span.end].lower_ in SETTLEMENT_NOUNS and doc[span.end].is_lower


def missed_places(doc: Doc, covered: set[int], gazetteer: Gazetteer) -> Iterator[Span]:
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
            if (
                span[-1].text in {"-", "of"}
                or never_a_place(span.text)
                or (doc[end - 1].whitespace_ == "" and end < len(doc) and doc[end].text == "-")
            ):
                continue
            if not is_common_word(span) and is_significant(span.text, gazetteer, MIN_POP_MISSED):
                yield Span(doc, i, end, label="GAZ")
                i = end - 1
                break
        i += 1


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


def cued_places(doc: Doc, covered: set[int], gazetteer: Gazetteer) -> Iterator[Span]:
    """Names the model missed that the text marks as places, found in the gazetteer at any population: a
    sentence that is nothing but a name ("Krasnohorivka", "Luhansk airport": a bare headline or a dateline),
    and a capitalised name right after a locative ("in", "near", "the village of", "shelling of"). A word the
    model labelled otherwise after a cue ("in English": a language; "near Highland Avenue": a road) is left to
    the entity's classification (`components.nlp.mentions`); on a bare line the model has no context and its
    label does not count."""
    judged = covered | {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not 0 < len(words) <= MAX_BARE or any(t.i in covered for t in words) or not _bare_line(sent):
            continue
        names = words[:-1] if len(words) > 1 and words[-1].lower_ in FACILITY else words
        span = doc[names[0].i : names[-1].i + 1]
        if all(t.is_title or t.is_upper for t in names) and worth_a_lookup(span, gazetteer):
            covered.update(range(span.start, span.end))
            yield span
    yield from capital_datelines(doc, covered, judged, gazetteer)
    start = 0
    while start < len(doc):
        if start in judged or not doc[start].is_title:
            start += 1
            continue
        cued = base_cue(doc, start)
        for n in (3, 2, 1):
            end = start + n
            if end > len(doc) or any(j in judged for j in range(start, end)) or _name_goes_on(doc, end):
                continue
            span = doc[start:end]
            if not all(t.is_title for t in span) or "\n" in span.text:
                continue
            if (cued and worth_a_lookup(span, gazetteer)) or front_line_place(span, gazetteer):
                covered.update(range(start, end))
                judged.update(range(start, end))
                yield span
                start = end - 1
                break
        start += 1


def doc_text(doc: Doc) -> str:
    """The document's text, built once per Doc (spaCy joins every token each time `Doc.text` is read)."""
    text = doc.user_data.get(DOC_TEXT_KEY)
    if text is None:
        text = doc.user_data[DOC_TEXT_KEY] = doc.text
    return text


def _bare_line(sent: Span) -> bool:
    """A sentence that is a line of its own (a headline, a dateline), not an abbreviation the sentencizer cut
    off inside a line ("Lt. Col. Anna Smith", "Sens. Tom Hart")."""
    text, body = doc_text(sent.doc), sent.text
    start, end = sent.start_char + len(body) - len(body.lstrip()), sent.start_char + len(body.rstrip())
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _name_goes_on(doc: Doc, end: int) -> bool:
    """Does a longer name go on after token `end - 1` ("near Pine Ridge High School", "in Kovel Arena")? Then
    the words before it are only part of a name. A month or weekday ("in Pisky Monday") and a new line end
    the name."""
    if end >= len(doc) or not doc[end - 1].whitespace_ or "\n" in doc[end - 1].whitespace_:
        return False
    nxt = doc[end]
    return (nxt.is_title or nxt.is_upper) and nxt.lower_ not in STOPWORDS


def embedded_place(ent: Span, gazetteer: Gazetteer) -> Span | None:
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
        if plausible and not is_common_word(head) and is_significant(head.text, gazetteer, MIN_POP_RELABEL):
            return Span(ent.doc, head.start, head.end, label="GAZ")
    for i in range(1, len(toks)):  # a country after the first word: "Air Zimbabwe", "HSBC Malta"
        for n in (3, 2, 1):
            inner = toks[i : i + n]
            if (
                len(inner) == n
                and all(t.is_title for t in inner)
                and _plausible(inner)
                and (is_country_or_region(inner.text, gazetteer, ("PCLI",)))
            ):
                return Span(ent.doc, inner.start, inner.end, label="GAZ")
    for i, t in enumerate(toks[:-1]):  # after "of": "University of Texas", "Bank of England"
        if t.lower_ == "of":
            tail = toks[i + 1 :]
            if (
                0 < len(tail) <= 3
                and all(x.is_title for x in tail)
                and _plausible(tail)
                and is_significant(tail.text, gazetteer, MIN_POP_RELABEL)
            ):
                return Span(ent.doc, tail.start, tail.end, label="GAZ")
    return None

"""The NLP stage for Ukrainian and Russian: sentences plus place, date and actor mentions, without spaCy.

Sentences come from `razdel` (each line on its own: captions and lists are one report per line); place
names from the gazetteer matcher for inflected names (`slavic_places`), oblasts and districts from
`slavic_regions`, day expressions from `slavic_dates`, armed actors from `slavic_actors`. The result is the
same `Analysis` the English stage gives, plus each name in the forms the gazetteer holds (`named`), which
`components.geo.named_places` resolves.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import razdel

from components.geo.named_places import KIND_PLACE, Named
from components.nlp import slavic_actors, slavic_dates
from components.nlp.mentions import Analysis
from components.nlp.slavic_places import find_places
from components.nlp.slavic_regions import find_regions
from components.records import Article, Mention

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer

LANGUAGES = ("uk", "ru")
LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class SlavicAnalysis(Analysis):
    """What the Ukrainian/Russian stage found: the `Analysis` plus the names to resolve and the language."""

    named: tuple[Named, ...] = ()
    lang: str = "uk"
    demonyms: tuple[tuple[str, str], ...] = ()  # (actor mention text, ISO2) for state forces


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, each line split on its own."""
    out = []
    for line in LINE.finditer(text):
        for s in razdel.sentenize(line.group(0)):
            if s.text.strip():
                out.append((line.start() + s.start, line.start() + s.stop))
    return out


def analyse_text(article: Article, gazetteer: Gazetteer, lang: str) -> SlavicAnalysis:
    """Sentences and mentions of one Ukrainian or Russian article."""
    text, aid = article.text, article.article_id
    sents = sentences(text)
    starts = [s for s, _ in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    mentions: list[Mention] = []
    named: list[Named] = []
    regions = find_regions(text)
    for r in regions:
        m = Mention(aid, r.start_char, r.end_char, r.text, "REGION", "place", sent_of(r.start_char))
        mentions.append(m)
        named.append(Named(m, r.names, r.kind))
    taken = [(r.start_char, r.end_char) for r in regions]
    for p in find_places(text, gazetteer, lang):
        if any(s < p.end_char and p.start_char < e for s, e in taken):
            continue  # "Харківської" of "Харківської області": the oblast, read above
        m = Mention(aid, p.start_char, p.end_char, p.text, "GAZ", "place", sent_of(p.start_char))
        mentions.append(m)
        named.append(Named(m, p.keys, KIND_PLACE))
    for index, (s_start, s_end) in enumerate(sents):
        for found in slavic_dates.find(text[s_start:s_end], lang):
            start = s_start + found.start
            mentions.append(Mention(aid, start, start + len(found.text), found.text, "DATE", "date", index))
    demonyms = []
    for actor in slavic_actors.find(text, lang):
        mentions.append(
            Mention(aid, actor.start, actor.end, actor.text, "NORP", "actor", sent_of(actor.start))
        )
        if actor.code:
            demonyms.append((actor.text, actor.code))
    mentions.sort(key=lambda m: (m.start_char, m.end_char))
    return SlavicAnalysis(
        sentences=tuple(sents),
        mentions=tuple(mentions),
        named=tuple(named),
        lang=lang,
        demonyms=tuple(demonyms),
    )

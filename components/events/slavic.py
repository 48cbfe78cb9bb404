"""The Ukrainian and Russian kits of the event extractor (see `components.events.kit`).

Triggers, non-event rules and actors come from `components.events.slavic_triggers` and
`components.nlp.slavic_actors`, day expressions from `components.nlp.slavic_dates`, casualty counts from
`components.nlp.slavic_counts`. The place of an event is chosen here among the sentence's resolved names:
a settlement beats a region; a name after an origin cue ("з боку Бєлгорода", "со стороны Курска": where the
fire came from) loses; a name after a proximity cue ("біля", "під", "в районі", "около", "под") is "near";
a name that only locates the one before it ("у Галициновому під Миколаєвом") loses to it; a name in another
clause (across a ";") loses to one in the trigger's; among equals the name nearest the trigger wins. A
district or oblast (even one the gazetteer knows only by its centre town) loses to a settlement. A region
alone is the place at region precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache, partial

from components.events import history, slavic_triggers
from components.events.kit import Kit, PlaceChoice
from components.events.place import geo_precision
from components.events.triggers import Trigger
from components.nlp import slavic_counts, slavic_dates, taxonomy
from components.nlp.slavic_actors import roles as slavic_roles
from components.records import GEO_NEAR, GEO_NONE, Mention, ResolvedMention

# Where the fire came from, not where it landed.
ORIGIN = re.compile(
    r"(?:з|зі|із|с|со)\s+(?:боку|сторони|території|напрямку|акваторії|стороны|территории|направления|"
    r"акватории)\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
NEAR = re.compile(
    r"(?:^|\s)(?:біля|поблизу|неподалік(?:\s+від)?|поруч\s+з|під|в\s+районі|у\s+районі|на\s+околиц\w+|"
    r"околиц\w+|около|возле|вблизи|неподалеку\s+от|под|в\s+районе|на\s+окраин\w+|окрестност\w+)\s+"
    r"(?:[\w'’-]+\s+){0,1}$",
    re.I,
)
SETTLEMENT_WORD = re.compile(
    r"(?:^|\s)(?:село|селі|селище|селищі|місто|місті|селе|посёлке|поселке|городе)\s+$"
)


def choose_place(
    sentence: str,
    s_start: int,
    mentions: Sequence[Mention],
    places: Sequence[ResolvedMention],
    trig: Trigger,
) -> PlaceChoice:
    """The event's place among the sentence's resolved names, and its geo precision."""
    best = None
    ends = {rm.mention.end_char - s_start for rm in places if rm.place is not None}
    for rm in places:
        if rm.place is None:
            continue
        rel = rm.mention.start_char - s_start
        before = sentence[max(0, rel - 40) : rel]
        precision = geo_precision(rm.place)
        origin = bool(ORIGIN.search(before))
        cue = NEAR.search(before)
        near = bool(cue) and not SETTLEMENT_WORD.search(before)
        # "у Галициновому під Миколаєвом": the town after the cue only locates the village before it
        landmark = near and any(rel - len(before) + cue.start() - end in (0, 1) for end in ends)
        region = rm.mention.label == "REGION"  # a district resolved to its centre is still a region
        between = sentence[min(rel, trig.start) : max(rel, trig.start)]
        other_clause = ";" in between  # "у селі X ... обстрілу ...; у Y дрон скинув": X is the strike's
        rank = (origin, region, landmark, other_clause, precision, abs(rel - trig.start))
        if best is None or rank < best[0]:
            best = (rank, rm, max(precision, GEO_NEAR) if near else precision)
    if best is None:
        return None, GEO_NONE
    return best[1], best[2]


def _roles(lang, sentence, s_start, mentions, index, sent_places, where, names, demonyms):
    """(actor1, actor2, "", ""): the sides `slavic_actors.roles` reads, by country name or group name."""
    first, second = slavic_roles(sentence, lang)
    return names.get(first, first), names.get(second, second), "", ""


def _words(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[\s(«\"„]))(?:{text})(?=$|[\s,.;:!?)»\"“])", re.I)


REFERENCE = re.compile(
    r"(?:^|\s)(?:у відповідь на|в відповідь на|після|на згадку про|в пам'ять про|з нагоди|"
    r"в ответ на|после|в память о|по случаю|как и)\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
SAID = re.compile(
    r"(?:повідомив|повідомила|повідомили|заявив|заявила|заявили|сказав|розповів|написав|"
    r"сообщил|сообщила|сообщили|заявил|заявила|заявили|рассказал|написал)\s+(?:у|в|во)?\s*$",
    re.I,
)
SINCE = re.compile(r"(?:^|\s)(?:з|із|зі|починаючи з|від|с|начиная с|со)\s+$", re.I)
ANAPHORIC = re.compile(
    r"(?:^|\s)(?:цей|ця|це|ці|цього|цієї|цим|этот|эта|это|эти|этого|этой|этим)\s+(?:\S+\s+)?$", re.I
)
FOLLOW_UP = re.compile(
    r"^\W*(?:ще|також|крім того|кількість|число|загалом|внаслідок цього|еще|ещё|также|кроме того|"
    r"количество|всего|в результате)\b",
    re.I,
)
AGAIN = _words(
    r"знову|повторно|вдруге|ще один|ще одна|новий|нова|нову|пізніше|снова|вновь|ещё один|еще один|"
    r"новый|новая|новую|позже"
)
MORE = _words(r"ще|також|еще|ещё|также")


@lru_cache(maxsize=2)
def kit(lang: str) -> Kit:
    """The kit that reads Ukrainian ("uk") or Russian ("ru") text."""
    return Kit(
        lang=lang,
        scan=partial(slavic_triggers.scan, lang=lang),
        find_dates=partial(slavic_dates.find, lang=lang),
        resolve_date=lambda text, published, before: slavic_dates.resolve(
            text, lang, published, before=before
        ),
        approximate=lambda sentence, start, end: slavic_dates.approximate(sentence, start, end, lang),
        deaths=partial(slavic_counts.count, lang=lang),
        injured=partial(slavic_counts.injured, lang=lang),
        none_hurt=partial(slavic_counts.none_hurt, lang=lang),
        place=choose_place,
        roles=partial(_roles, lang),
        sub_event_type=taxonomy.sub_event_type,
        reference=REFERENCE,
        said=SAID,
        since=SINCE,
        anaphoric=ANAPHORIC,
        follow_up=FOLLOW_UP,
        again=AGAIN,
        more=MORE,
        long_ago=lambda sentence, published: history.long_ago(sentence, lang, published),
        period=lambda sentence: history.over_a_period(sentence, lang) or history.rebuilding(sentence, lang),
        month_tally=partial(history.month_tally, lang=lang),
        later_death=partial(history.later_death, lang=lang),
        one_died=partial(history.one_died, lang=lang),
        happened=history.HAPPENED[lang],
    )

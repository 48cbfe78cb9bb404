"""Which words make a Ukrainian or Russian sentence report an event: triggers by lemma and the filters.

The Ukrainian and Russian counterpart of `components.events.triggers.scan`, with the same `Trigger`, event
types and kinds. Words are matched by their pymorphy3 lemmas (`slavic_actors.lemmatise`, cached per word),
so "обстріляли", "обстрілів" and "обстрілювали" all match. A weapon noun (ракета, дрон, шахед, КАБ,
артилерія) is a trigger only next to an action ("запустили шахеди", "ракета влучила"). A trigger does not
count when it is quoted speech, future ("обстрілюватимуть", "буде штурмувати"), hypothetical or forecast
("можуть атакувати", "якщо ... наступ", "в случае наступления", "готуются к наступлению"), negated
("вибухів не чути", "обстрілів не зафіксовано", "без обстрілів", "наступальних дій не вів"), denied
("спростували інформацію, що ...", "сообщения о захвате ... не соответствуют действительности"), a
back-reference ("у
відповідь на", "після", "річниця", "в ответ на") or the threat of an air-raid alert. Casualty words
(загинули, поранено, погибли, пострадавшие) make an event of kind "casualty" only when no other trigger
does; aftermath words (пошкоджено, руйнування, пожежа, уламки, воронка) make one of kind "aftermath", and
the cause they name after "після"/"после" is then the reported event, as it is in a verbless caption
("Золочів після удару КАБом"). Armed forces leaving or entering a named settlement ("Сили оборони вийшли з
...", "подразделения вошли в ...", "вихід з ...", "перегруппировка войск из района ...") is a battle
there, and so is a claim of control ("установление полного контроля над ...", "взяли під контроль ...").
Bodies handed over ("повернули тіла загиблих") are deaths of before. The word lists are in
`components.nlp.slavic_lexicon`.
"""

from __future__ import annotations

from components.events.triggers import Trigger
from components.nlp.slavic_actors import Word, lemmatise
from components.nlp.slavic_lexicon import (
    ABSENT,
    ACTIONS,
    AFTER,
    AFTERMATH,
    AIR,
    ALERTS,
    AREAS,
    ARMED,
    ATTEMPTS,
    BLAME,
    BODIES,
    CASUALTY,
    CIVILIANS,
    CLAIMS,
    CLAUSE_END,
    COMMEMORATE,
    CONDITION_PREPS,
    CONDITIONS,
    COUNTING,
    DENIALS,
    DIED,
    FORECASTS,
    FUTURE_AUX,
    GROUND,
    GROWS,
    HANDED_OVER,
    HEDGES,
    MODALS,
    MOVE,
    MOVERS,
    NEGATIONS,
    NOT_HEARD,
    ONSET,
    PASSIVE,
    PASSIVE_AFTERMATH,
    PAST_TIMES,
    PEOPLE,
    QUOTES,
    REFERENCES,
    REPAIR,
    SPANS,
    SUFFER,
    THINGS,
    TOLL,
    TRIGGERS,
    UNITS,
    UNTRUE,
    WEAPON,
    WEAPON_REACH,
    WOUNDED,
    YEAR_TALLY,
)
from components.records import BATTLES, EXPLOSIONS, STRATEGIC, VIOLENCE_CIVILIANS

__all__ = ["Trigger", "scan"]


def scan(sentence: str, lang: str) -> tuple[Trigger | None, str]:
    """(the trigger, "") or (None, why the sentence is not an event: the reason for the first trigger word
    that was set aside, or "no trigger word")."""
    visible = QUOTES.sub(lambda m: m.group(0) if scare_quote(m.group(0)) else " " * len(m.group(0)), sentence)
    ws = lemmatise(visible, lang)
    table = TRIGGERS.get(lang, TRIGGERS["uk"])
    hits = [h for i in range(len(ws)) if (h := match(ws, i, table))]
    lemmas = frozenset().union(*(w.lemmas for w in ws)) if ws else frozenset()
    alert = bool(lemmas & ALERTS)
    reasons: list[str] = []
    if hits and lemmas & TOLL and lemmas & GROWS and any(h[2] == CASUALTY for h in hits):
        return None, "back-reference: casualty count update"
    if hits and lemmas & COMMEMORATE:
        return None, "back-reference: commemoration"
    if hits and YEAR_TALLY.search(visible):
        return None, "tally over a year"
    aftermath: list[tuple[int, str]] = []
    for i, _, etype, lemma in hits:
        if etype == AFTERMATH or (etype == PASSIVE and passive(ws[i], lemma)):
            if not modal(ws, i, lemma) and not lemmas & REPAIR:
                aftermath.append((i, etype))
            elif lemmas & REPAIR:
                reasons.append(f"back-reference: repair of {ws[i].text}")
    fallback: Trigger | None = None
    for i, size, etype, lemma in hits:
        if etype in (CASUALTY, AFTERMATH) or (etype == PASSIVE and passive(ws[i], lemma)):
            continue
        word = visible[ws[i].start : ws[i + size - 1].end]
        kind = "event"
        ref = reference(ws, i)
        if ref:
            if not any(j < i for j, _ in aftermath) and not caption(visible, ws, i, lemmas):
                reasons.append(f"back-reference: {ref} {word}")
                continue
            kind = "aftermath"  # "Зруйновані будинки після ракетного удару": the cause of what is shown
        why = modal(ws, i, lemma)
        if why:
            reasons.append(f"{why}: {word}")
            continue
        if alert and not ws[i].has(lemma, "past") and lemma not in ("вибух", "взрыв"):
            reasons.append(f"air-raid alert: {word}")
            continue
        if etype == MOVE:
            why = moved(visible, ws, i + size, lemmas)
            if why:
                reasons.append(f"{why}: {word}")
                continue
            etype = BATTLES
        if etype == WEAPON:
            near = ws[max(0, i - WEAPON_REACH) : i] + ws[i + size : i + size + 4]
            if not any(w.lemmas & ACTIONS for w in near):
                reasons.append(f"weapon without an action: {word}")
                continue
            etype = EXPLOSIONS
        etype = refine(etype, lemma, ws[i], lemmas)
        return Trigger(etype, word, ws[i].start, ws[i + size - 1].end, kind), ""
    for i, _ in aftermath:
        w = ws[i]
        fallback = fallback or Trigger(EXPLOSIONS, visible[w.start : w.end], w.start, w.end, "aftermath")
    if fallback is not None:
        return fallback, ""
    for i, size, etype, lemma in hits:
        if etype != CASUALTY:
            continue
        word = visible[ws[i].start : ws[i + size - 1].end]
        ref = reference(ws, i) or earlier_casualty(ws, i, lemma, lemmas)
        if ref:
            reasons.append(f"back-reference: {ref} {word}")
            continue
        why = modal(ws, i, lemma) or ("casualties being counted" if lemmas & COUNTING else "")
        if lemma in SUFFER and lemmas & THINGS and not lemmas & PEOPLE:
            why = "damage, not casualties"  # "найбільше постраждали прибережні села"
        if why:
            reasons.append(f"{why}: {word}")
            continue
        civilian = lemmas & CIVILIANS and not lemmas & ARMED
        etype = VIOLENCE_CIVILIANS if civilian else BATTLES
        return Trigger(etype, word, ws[i].start, ws[i + size - 1].end, "casualty"), ""
    if reasons:
        return None, reasons[0]
    if alert:
        return None, "air-raid alert"
    if visible != sentence and any(
        match(ws, i, table) for ws in [lemmatise(sentence, lang)] for i in range(len(ws))
    ):
        return None, "only quoted trigger words"
    return None, "no trigger word"


def scare_quote(quoted: str) -> bool:
    """ "«освободили»": one word in quotes is the writer's distance from a claim, not quoted speech."""
    return len(quoted[1:-1].split()) == 1 and quoted[1:-1].strip().isalpha()


def match(ws: list[Word], i: int, table) -> tuple[int, int, str, str] | None:
    """(word index, number of words, type, first lemma) of the longest trigger phrase starting at word i."""
    for lemma in sorted(ws[i].lemmas):
        for phrase, etype in table.get(lemma, ()):
            end = i + len(phrase)
            if end <= len(ws) and all(p in ws[i + k].lemmas for k, p in enumerate(phrase)):
                if lemma in ("наступление", "наступ") and end < len(ws) and onset(ws[end]):
                    continue  # "до наступления холодов"
                if unit_kind(ws, i, end, lemma):
                    continue  # "нагородив бійців штурмових бригад": a kind of unit, not units at work
                if lemma in PASSIVE_AFTERMATH and passive(ws[i], lemma):
                    etype = PASSIVE
                return i, len(phrase), etype, lemma
    return None


def unit_kind(ws: list[Word], i: int, end: int, lemma: str) -> bool:
    """ "штурмових бригад", "штурмовых отрядов": an assault adjective, not in the nominative, before a unit
    noun names a kind of unit ("Штурмовые отряды продвинулись" stays: the units at work)."""
    if lemma not in ("штурмовий", "штурмовой") or end >= len(ws) or not ws[end].lemmas & UNITS:
        return False
    return not ws[i].has(lemma, "nomn")


def caption(visible: str, ws: list[Word], i: int, lemmas: frozenset[str]) -> bool:
    """ "Золочів після удару КАБом", "Дим над містом после обстрела": a verbless line that names what is
    shown and, after "після"/"после", what caused it. With no finite verb in its clause (up to a ";" or ":"
    after the trigger: "Дым над ... после обстрела; данные уточняются"), the cause is the reported event at
    the named place, not a back-reference (the English extractor's aftermath rule). Not when the line shows
    repairs or a time long after ("через рік після ...")."""
    at = next((j for j in range(i - 1, max(-1, i - 5), -1) if ws[j].text in AFTER), None)
    if at is None or at == 0 or lemmas & REPAIR or ws[at - 1].lemmas & SPANS:
        return False
    stop = CLAUSE_END.search(visible, ws[i].end)
    end = stop.start() if stop else len(visible)
    return not any(finite(w) for w in ws if w.start < end)


def finite(word: Word) -> bool:
    """The likeliest parse of the word is a finite verb ("вдарили", "стоит"), not an infinitive or a
    participle."""
    return bool(word.parses) and "VERB" in word.parses[0][1]


def moved(visible: str, ws: list[Word], after: int, lemmas: frozenset[str]) -> str:
    """Why a verb of leaving or entering ("вийшли з", "увійшли в", "залишили", "оставили") is no battle
    event, or "": armed forces must move (not residents) and a name must follow (a settlement, not
    "позиції")."""
    if not lemmas & MOVERS:
        return "movement of no armed force"
    if after + 1 < len(ws) and ws[after].lemmas & AREAS:
        after += 1  # "из района Изюма", "з міста Вовчанськ"
    if after >= len(ws) or not visible[ws[after].start].isupper():
        return "movement to or from no named place"
    return ""


def earlier_casualty(ws: list[Word], i: int, lemma: str, lemmas: frozenset[str]) -> str:
    """ "одна з поранених", "раненый скончался", "пострадавшей ... восстановление": casualties of before."""
    if i and ws[i - 1].text in ("з", "із", "зі", "из"):
        return ws[i - 1].text
    if lemma in WOUNDED and lemmas & DIED:
        return "died of wounds:"
    if lemmas & REPAIR:
        return "repair:"
    if lemmas & BODIES and lemmas & HANDED_OVER:
        return "bodies handed over:"
    return ""


def onset(word: Word) -> bool:
    """A season or time of day in the genitive ("наступления холодов")."""
    return any(word.has(lemma, "gent") for lemma in word.lemmas & ONSET)


def future(word: Word) -> bool:
    """A finite verb in the future ("спробують", "станет", "відбудують")."""
    if not word.parses or "VERB" not in word.parses[0][1]:
        return False
    return word.only(word.parses[0][0], "futr")


def passive(word: Word, lemma: str) -> bool:
    """ "знищено", "уничтожены", "зруйновані": a passive form of the lemma."""
    return lemma in PASSIVE_AFTERMATH and (word.has(lemma, "pssv") or word.has(lemma, "Impe"))


def refine(etype: str, lemma: str, word: Word, lemmas: frozenset[str]) -> str:
    """Ground words make an attack a battle; a repelled air attack stays remote violence."""
    if etype == EXPLOSIONS and lemma in ("атака", "атакувати", "атаковать") and lemmas & GROUND:
        return BATTLES
    if lemma in ("відбити", "відбивати", "отразить", "отражать") and lemmas & AIR and not lemmas & GROUND:
        return EXPLOSIONS
    if lemma in ("прилетіти", "прилететь") and not (word.has(lemma, "neut") or lemmas & AIR):
        return STRATEGIC  # "делегація прилетіла": an arrival
    return etype


def reference(ws: list[Word], i: int) -> str:
    """The back-reference words ending up to four words before word i ("у відповідь на"), or ""."""
    if any(w.text == "за" for w in ws[max(0, i - 2) : i]) and any(w.lemmas & BLAME for w in ws[:i]):
        return " ".join(w.text for w in ws[max(0, i - 2) : i])
    for j in range(max(0, i - 4), i):
        for phrase in REFERENCES + PAST_TIMES:
            end = j + len(phrase)
            if end <= i and all(p in ws[j + k].lemmas for k, p in enumerate(phrase)):
                return " ".join(w.text for w in ws[j:i])
    return ""


def untrue(ws: list[Word], start: int) -> bool:
    """Does "не соответствует действительности" / "не відповідає дійсності" follow word `start`?"""
    for j in range(start, len(ws)):
        for phrase in UNTRUE:
            if j + len(phrase) <= len(ws) and all(p in ws[j + k].lemmas for k, p in enumerate(phrase)):
                return True
    return False


def modal(ws: list[Word], i: int, lemma: str) -> str:
    """Why the trigger at word i is not a report ("hypothetical or forecast (може)", "future or negated",
    "denied"), or ""."""
    word = ws[i]
    for j in range(max(0, i - 20), i):
        if ws[j].lemmas & DENIALS and any(w.lemmas & CLAIMS for w in ws[j + 1 : i]):
            return "denied"
    if any(ws[j].lemmas & CLAIMS and untrue(ws, i + 1) for j in range(max(0, i - 4), i)):
        return "denied"  # "Сообщения о захвате X не соответствуют действительности"
    for j in range(i - 1):
        if ws[j].text in CONDITION_PREPS and ws[j + 1].text in CONDITIONS:
            return f"hypothetical or forecast ({ws[j].text} {ws[j + 1].text})"
    before = ws[max(0, i - 4) : i]
    for w in reversed(before):
        if w.lemmas & MODALS:
            return f"hypothetical or forecast ({w.text})"
    for j, w in enumerate(ws[:i]):
        if w.lemmas & HEDGES or (
            w.lemmas & FORECASTS and any(x.text in ("що", "что") for x in ws[j + 1 : i])
        ):
            return f"hypothetical or forecast ({w.text})"
    if any(future(w) for w in before[-2:] + ws[i + 1 : i + 2]):
        return "future or negated"
    if word.only(lemma, "futr"):
        return "future or negated"
    infinitive = word.has(lemma, "infn") or word.has(lemma, "INFN")
    if any(
        w.lemmas & FUTURE_AUX and any("futr" in t for _, t in w.parses)
        for w in before[-2:] + ws[i + 1 : i + 2]
    ):
        return "future or negated"  # "буде штурмувати", "наступление будет"
    if infinitive and not any(w.lemmas & ATTEMPTS for w in ws[max(0, i - 3) : i]):
        return "hypothetical or forecast (infinitive)"
    if (before and before[-1].text in NEGATIONS) or any(w.lemmas & NEGATIONS - {"не"} for w in before[-2:]):
        return "future or negated"
    around = ws[max(0, i - 3) : i + 7]
    for k, w in enumerate(around[:-1]):
        if w.text in ("не", "ни") and around[k + 1].lemmas & NOT_HEARD:
            return "future or negated"
    if any(w.lemmas & ABSENT for w in around):
        return "future or negated"
    return ""

"""Which words make a Ukrainian or Russian sentence report an event: triggers by lemma and the filters.

The Ukrainian and Russian counterpart of `components.events.triggers.scan`, with the same `Trigger`, event
types and kinds. Words are matched by their pymorphy3 lemmas (`slavic_actors.lemmatise`, cached per word),
so "обстріляли", "обстрілів" and "обстрілювали" all match. A weapon noun (ракета, дрон, шахед, КАБ,
артилерія) is a trigger only next to an action ("запустили шахеди", "ракета влучила"). A trigger does not
count when it is quoted speech, future ("обстрілюватимуть", "буде штурмувати"), hypothetical or forecast
("можуть атакувати", "якщо ... наступ", "готуются к наступлению"), negated ("вибухів не чути", "обстрілів
не зафіксовано", "без обстрілів"), denied ("спростували інформацію, що ..."), a back-reference ("у
відповідь на", "після", "річниця", "в ответ на") or the threat of an air-raid alert. Casualty words
(загинули, поранено, погибли, пострадавшие) make an event of kind "casualty" only when no other trigger
does; aftermath words (пошкоджено, руйнування, пожежа, уламки, воронка) make one of kind "aftermath", and
the cause they name after "після"/"после" is then the reported event, as it is in a verbless caption
("Золочів після удару КАБом"). Armed forces leaving or entering a named settlement ("Сили оборони вийшли з
...", "подразделения вошли в ...") is a battle there.
"""

from __future__ import annotations

import re

from components.events.triggers import Trigger
from components.nlp.language import wordset
from components.nlp.slavic_actors import Word, lemmatise
from components.records import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VIOLENCE_CIVILIANS

__all__ = ["Trigger", "scan"]

WEAPON = "weapon"
CASUALTY = "casualty"
AFTERMATH = "aftermath"
MOVE = "move"  # forces leaving or entering a named settlement ("вийшли з Авдіївки", "вошли в Херсон")
PASSIVE = "passive"  # an event verb that is aftermath in the passive ("знищено", "зруйновані", "уничтожены")


def lexicon(rows: dict[str, str]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """{type: "лема лема+лема ..."} -> {first lemma: [(phrase lemmas, type), ...]}, longest first."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for etype, words in rows.items():
        for entry in words.split():
            phrase = tuple(entry.split("+"))
            out.setdefault(phrase[0], []).append((phrase, etype))
    for entries in out.values():
        entries.sort(key=lambda e: -len(e[0]))
    return out


TRIGGERS = {
    "uk": lexicon(
        {
            VIOLENCE_CIVILIANS: "розстріляти розстріл катувати катування тортури викрасти затримати страта "
            "стратити масовий+поховання",
            RIOTS: "заворушення бунт погром мародерство",
            PROTESTS: "протест протестувати мітинг демонстрація пікет пікетувати розігнати",
            EXPLOSIONS: "обстріл обстріляти обстрілювати удар авіаудар контрудар вдарити ударити вибух "
            "вибухнути підірвати атакувати атака збити збивати знищити знищення знищувати зруйнувати "
            "розбомбити скинути скидати бомбардування бомбардувати приліт прилетіти уразити вразити ураження "
            "поцілити влучити влучання теракт перехопити під+вогонь робота+ппо",
            BATTLES: "штурм штурмувати штурмовий бій боєзіткнення зіткнення наступ наступати наступальний "
            "контрнаступ відбити відбивати звільнити звільняти захопити захоплювати окупувати звільнення "
            "захоплення просунутися просуватися прорвати прорватися прорив прориватися оточити оточення "
            "відступити відкинути контратака контратакувати покращити+позиція покращити+положення",
            STRATEGIC: "евакуація евакуювати обмін+полонений мобілізація санкція саміт переговори угода "
            "підписати анексія анексувати референдум військовий+допомога пакет+допомога візит відвідати",
            WEAPON: "дрон безпілотник бпла шахед ракета каб артилерія міна бомба снаряд",
            CASUALTY: "загинути загиблий вбити убити поранити поранений постраждати постраждалий ліквідувати "
            "жертва смерть зазнати+втрата",
            MOVE: "вийти+з вийти+із вийти+зі відійти+з відійти+із відійти+зі відійти+від увійти+в увійти+у "
            "увійти+до ввійти+в ввійти+у ввійти+до зайти+в зайти+у зайти+до заходити+в заходити+у "
            "заходити+до залишити покинути",
            AFTERMATH: "пошкодити пошкоджений пошкодження руйнування зруйнований знищений пожежа загорітися "
            "уламок вирва руїна завал згоріти вигоріти згорілий обгорілий вибитий розбитий наслідок",
        }
    ),
    "ru": lexicon(
        {
            VIOLENCE_CIVILIANS: "расстрелять расстрел пытать пытка похитить задержать казнь казнить "
            "массовый+захоронение",
            RIOTS: "беспорядок бунт погром мародерство",
            PROTESTS: "протест протестовать митинг демонстрация пикет шествие разогнать",
            EXPLOSIONS: "обстрел обстрелять обстреливать удар авиаудар контрудар ударить взрыв взорваться "
            "подорвать атаковать атака сбить сбивать уничтожить уничтожение уничтожать разрушить разбомбить "
            "сбросить сбрасывать бомбардировка бомбить прилет прилететь поразить поражение попасть попадание "
            "теракт перехватить под+огонь работа+пво",
            BATTLES: "штурм штурмовать штурмовой бой боестолкновение столкновение наступление наступать "
            "наступательный контрнаступление отразить отражать освободить освобождать захватить захватывать "
            "освобождение захват взятие оккупировать продвинуться продвигаться прорвать прорваться прорыв "
            "окружить окружение отступить отбросить контратака контратаковать улучшить+положение "
            "улучшить+позиция",
            STRATEGIC: "эвакуация эвакуировать обмен+пленный мобилизация санкция саммит переговоры "
            "соглашение подписать аннексия референдум военный+помощь пакет+помощь визит посетить",
            WEAPON: "дрон беспилотник бпла шахед герань ракета каб артиллерия мина бомба снаряд",
            CASUALTY: "погибнуть погибший убить убитый ранить раненый пострадать пострадавший ликвидировать "
            "жертва гибель понести+потеря",
            MOVE: "выйти+из выйти+со отойти+из отойти+от отойти+со войти+в войти+во зайти+в зайти+во "
            "заходить+в заходить+во оставить покинуть",
            AFTERMATH: "повредить поврежденный повреждение разрушение разрушенный уничтоженный пожар "
            "загореться обломок воронка руина завал сгореть выгореть сгоревший обгоревший выбитый разбитый "
            "последствие",
        }
    ),
}
# Event verbs that show only what a strike left when passive ("знищено", "зруйновані", "уничтожены").
PASSIVE_AFTERMATH = frozenset({"знищити", "зруйнувати", "уничтожить", "разрушить"})
ACTIONS = wordset(
    "влучити вдарити ударити поцілити атакувати випустити запустити скинути скидати впасти падіння вибухнути "
    "прилетіти обстріляти уразити вразити атака удар збити знищити скидання "
    "попасть ударить атаковать выпустить запустить сбросить упасть падение взорваться прилететь поразить "
    "обстрелять сбить уничтожить сброс"
)
GROUND = wordset(
    "піхота штурмовик штурм танк бронетехніка дрг десант піхотинець "
    "пехота штурмовик танк бронетехника дрг десант пехотинец"
)
AIR = wordset("ракета дрон шахед безпілотник бпла ппо ракетний повітряний беспилотник пво ракетный")
CIVILIANS = wordset(
    "цивільний мирний житель жителька мешканець мешканка дитина жінка чоловік пенсіонер пенсіонерка підліток "
    "хлопчик дівчинка журналіст волонтер ребенок женщина мужчина пенсионер пенсионерка подросток мальчик "
    "девочка журналист жительница волонтер"
)
ARMED = wordset(
    "військовий військовослужбовець солдат боєць бойовик окупант захисник воїн "
    "военный военнослужащий солдат боец боевик оккупант"
)
# Words before a weapon where its action may stand ("выпустили по Николаеву не менее 12 ракет").
WEAPON_REACH = 6
# "Постраждали села", "пострадали дома": places and buildings suffer damage, not casualties.
SUFFER = frozenset({"постраждати", "пострадать"})
THINGS = wordset(
    "село селище місто громада будинок будівля інфраструктура об'єкт район квартал підприємство "
    "село поселок посёлок город громада дом здание инфраструктура объект район квартал предприятие"
)
PEOPLE = CIVILIANS | wordset("людина люди особа человек люди житель мешканець військовий военный")
# Who must move for a withdrawal or an entry to be a battle event (ACLED: a change of territorial control).
MOVERS = wordset(
    "сила підрозділ військо війська зсу військовий армія бригада окупант ворог противник росіянин захисник "
    "воїн штурмовик десантник полк батальйон угруповання "
    "подразделение войско войска всу военный армия бригада оккупант враг противник россиянин защитник боец "
    "штурмовик десантник полк батальон группировка"
)
# Words up to four words before a trigger that make it hypothetical or a forecast.
MODALS = wordset(
    "могти можливо ймовірно імовірно якщо якби б би щоб планувати погрожувати загрожувати готуватися "
    "намір очікувати прогнозувати обіцяти попереджати попередити хотіти збиратися загроза ризик "
    "погрозити пригрозити готувати підготовка для наступний майбутній можливість розглядати обговорювати "
    "мочь может возможно вероятно если бы чтобы планировать угрожать грозить готовиться намерен "
    "намереваться намерение ожидать прогнозировать обещать предупреждать предупредить хотеть собираться "
    "угроза риск пригрозить готовить подготовка следующий будущий грядущий возможность рассматривать "
    "обсуждать"
)
# Verbs before an infinitive trigger that make the attempt happen ("намагалися прорватися").
ATTEMPTS = wordset(
    "намагатися спробувати пробувати продовжувати продовжити почати розпочати вдатися змогти припиняти "
    "пытаться попытаться продолжать продолжить начать удаться смочь прекращать"
)
NEGATIONS = frozenset({"не", "ні", "ни", "без", "жодний", "ніякий", "никакой"})
# Verbs that deny with "не" near a trigger ("вибухів не чути", "обстрелов не было").
NOT_HEARD = wordset(
    "бути зафіксувати фіксувати чути чутно зареєструвати відбутися статися лунати пролунати "
    "быть зафиксировать фиксировать слышно слышный слышать произойти отмечать отметить раздаваться "
    "прозвучать"
)
ABSENT = frozenset({"немає", "нема", "нет", "відсутній", "отсутствовать"})
DENIALS = wordset(
    "заперечувати заперечити спростувати спростовувати відкидати відкинути "
    "опровергнуть опровергать отрицать отвергать отвергнуть"
)
CLAIMS = wordset(
    "що что інформація информация повідомлення сообщение заява заявление твердження утверждение "
    "чутка слух дані данные"
)
REFERENCES = (
    ("у", "відповідь", "на"),
    ("в", "відповідь", "на"),
    ("після",),
    ("на", "згадка", "про"),
    ("річниця",),
    ("роковини",),
    ("помста", "за"),
    ("в", "ответ", "на"),
    ("после",),
    ("годовщина",),
    ("в", "память", "о"),
    ("месть", "за"),
)
AFTER = frozenset({"після", "после"})
CLAUSE_END = re.compile(r"[;:]|\s[—–]\s")
# Spans of time before "після": "через рік після удару" is a look back, not a caption of the strike.
SPANS = wordset("рік місяць тиждень день година год месяц неделя час через")
# Sentence adverbs and conditions that hedge everything after them ("Можливо, ворог готує ...").
HEDGES = wordset("можливо ймовірно імовірно якщо якби возможно вероятно если")
# Verbs of forecasting that put the clause after "що"/"что" in the future ("Аналітики очікують, що ...").
FORECASTS = wordset(
    "очікувати прогнозувати припускати побоюватися ожидать прогнозировать предполагать опасаться"
)
# Times before a trigger that make it a memory ("Рік тому ...", "Год назад ...", "торік").
PAST_TIMES = (("рік", "тому"), ("торік",), ("минулий", "рік"), ("год", "назад"), ("прошлый", "год"))
# Blame before "за" + trigger: a trial or accusation about an earlier event ("засудив ... за обстріли").
BLAME = wordset(
    "засудити звинуватити звинувачувати обвинувачення вирок відповідальність "
    "осудить обвинить обвинять обвинение приговор ответственность"
)
# A casualty count that grows, casualties still being counted, a wounded person who died later, or
# damage being repaired: more news of an event reported before.
TOLL = wordset("кількість число")
GROWS = wordset("зрости збільшитися возрасти увеличиться вырасти")
COUNTING = wordset("уточнювати уточнюватися уточнять уточняться встановлювати устанавливать")
DIED = wordset("померти скончаться умереть")
WOUNDED = wordset("поранений раненый")
REPAIR = wordset(
    "відновлення відновити відбудувати відбудова відремонтувати ремонт "
    "восстановление восстановить отстроить отремонтировать"
)
# "до наступления холодов": the onset of a season, not an offensive.
ONSET = wordset("холод зима осень весна лето ночь темнота мороз вечер утро")
COMMEMORATE = wordset("вшанувати вшановувати меморіал панахида почтить помянуть мемориал панихида")
ALERTS = frozenset({"тривога", "тревога", "сирена"})
FUTURE_AUX = frozenset({"бути", "быть"})
# A count over a whole calendar year ("За 2023 рік ... загинули", "за 2023 год", "протягом 2022 року"): a
# tally of many events, not one (history.py reads "за останні N місяців" the same way).
YEAR_TALLY = re.compile(
    r"(?:^|\s)(?:за|протягом|впродовж|в\s+течение|на\s+протяжении)\s+(?:весь\s+|увесь\s+|весь\s+)?"
    r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*(?:р\.|г\.|рік|року|роки|год|года|годы)(?=\W|$)",
    re.I,
)
QUOTES = re.compile(r"«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|\"[^\"]*\"")


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
                if lemma in PASSIVE_AFTERMATH and passive(ws[i], lemma):
                    etype = PASSIVE
                return i, len(phrase), etype, lemma
    return None


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


def modal(ws: list[Word], i: int, lemma: str) -> str:
    """Why the trigger at word i is not a report ("hypothetical or forecast (може)", "future or negated",
    "denied"), or ""."""
    word = ws[i]
    for j in range(max(0, i - 20), i):
        if ws[j].lemmas & DENIALS and any(w.lemmas & CLAIMS for w in ws[j + 1 : i]):
            return "denied"
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

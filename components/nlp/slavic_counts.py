"""Casualty counts in Ukrainian and Russian sentences: the dead, the injured, a stated zero, "being
established".

The Slavic counterpart of `components.nlp.fatalities` (same conventions: a count is taken as written, the
largest stated count of a sentence wins, None means "no number stated", not zero):

- `count(sentence, lang)`: deaths. A number next to a death word, either order, up to three words apart
  ("двоє людей загинули", "загинули троє військових", "загиблих — 5", "погибли три человека", "число
  погибших возросло до 7"), or one person named after a singular death word ("загинула жінка", "погиб
  мужчина", "убит водитель") -> 1. "є загиблі", "десятки загиблих" -> None (no number).
- `injured(sentence, lang)`: the same for wounded, injured and hurt people ("поранено п'ятьох", "ранены
  четверо", "постраждала жінка"). A number of things ("постраждали 5 будинків") is not a count of people.
- `none_hurt(sentence, lang)`: "обійшлося без жертв", "ніхто не постраждав", "жертв нет" (but "не обошлось
  без жертв" is the opposite).
- `pending(sentence, lang)`: the sentence only says the toll is being established ("дані про постраждалих
  уточнюються", "информация о погибших уточняется") and gives no number.

Number words are a table of every gender, case and collective form of 1-20 in both languages; pymorphy3
(`slavic_places.analyzer`) tells people from things and singular from plural on the words around them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from components.nlp.slavic_places import analyzer

APOSTROPHES = "'’ʼ`"
ONE = ["один", "одна", "одне", "одно", "одного", "одну"]
IRREGULAR = {  # 2-4 and the forms the regular table below does not make
    2: "два дві две двоє двое двох двух двом двум двома двумя двоїх двоих",
    3: "три троє трое трьох трех трёх трьом трем трём трьома тремя троих",
    4: "чотири четверо четыре чотирьох четырех четырёх чотирьом четырем чотирма четырьмя четверых",
    7: "сьома сімома семеро семерых",
    8: "вісьмох вісьмома восьмеро восьмерых восьми",
}
REGULAR = {  # 5-20: nominative; the other forms are made by `_forms`
    5: "п'ять пять",
    6: "шість шесть",
    7: "сім семь",
    8: "вісім восемь",
    9: "дев'ять девять",
    10: "десять",
    11: "одинадцять одиннадцать",
    12: "дванадцять двенадцать",
    13: "тринадцять тринадцать",
    14: "чотирнадцять четырнадцать",
    15: "п'ятнадцять пятнадцать",
    16: "шістнадцять шестнадцать",
    17: "сімнадцять семнадцать",
    18: "вісімнадцять восемнадцать",
    19: "дев'ятнадцять девятнадцать",
    20: "двадцять двадцать",
}
STEMS_UK = {"шість": "шест", "сім": "сем", "вісім": "восьм"}  # collective stems that change the vowel
VAGUE = re.compile(
    r"^(?:десятк\w*|десятки|сотн\w*|кілька|кількох|декілька|декількох|багато|чимало|несколько|нескольких|"
    r"много|многих|ряд|десятков|сотен)$"
)


def _forms(word: str) -> set[str]:
    """The case and collective forms of a numeral 5-20 ending in -ь: п'ять -> п'ятьох, п'яти, п'ятеро ..."""
    stem = word[:-1]  # "п'ят", "пят", "двадцят"
    forms = {
        word,
        stem + "и",
        word + "ох",
        word + "ом",
        word + "ма",
        stem + "ью",
        stem + "еро",
        stem + "ерых",
    }
    forms |= {stem + "ьох", stem + "ьма", stem + "ерьох", stem + "ерих"}
    if word in STEMS_UK:  # шість -> шістьох, шести, шестеро; сім -> сімох, семи, семеро
        base = STEMS_UK[word]
        forms |= {word + "ох", word + "ма", base + "и", base + "еро", base + "ьох"}
    return forms


NUMBER_WORDS: dict[str, int] = dict.fromkeys(ONE, 1)
for _n, _words in REGULAR.items():
    for _w in _words.split():
        NUMBER_WORDS.update(dict.fromkeys(_forms(_w), _n))
for _n, _words in IRREGULAR.items():
    NUMBER_WORDS.update(dict.fromkeys(_words.split(), _n))
del NUMBER_WORDS["семью"]  # "a family", not "seven"

DEATH = re.compile(
    r"^(?:загин\w*|загибл\w*|загибел\w*|вбит\w*|вбил\w*|вбиває|убит\w*|убил\w*|убиты|помер\w*|"
    r"погиб\w*|гибел\w*|скончал\w*|умер\w*|жертв\w*|тіла|тіло|тела|тело|трупи|трупы|труп)$"
)
HURT = re.compile(
    r"^(?:поранен\w*|поранил\w*|травмован\w*|травмувал\w*|травм\w*|постражда\w*|ранен\w*|ранил\w*|"
    r"ранения|пострада\w*|госпіталізован\w*|госпитализирован\w*|контужен\w*|поранень|поранення)$"
)
# Words that may stand between a number and its verb ("троє цивільних людей загинули", "до 7").
QUALIFIER = re.compile(
    r"^(?:щонайменше|щонайменш|принаймні|не|менше|менш|ніж|понад|близько|майже|ще|також|вже|уже|как|"
    r"минимум|мінімум|по|крайней|мере|меньше|более|около|почти|еще|ещё|также|до|зросла|зросло|зріс|"
    r"возросло|возросла|выросло|выросла|достигло|сягнула|сягнуло|становить|составляет|склала|составило|"
    r"кількість|число|людей|людини|осіб|особи|человек|человека|людина|жертвами|стали|стало|стал|стала|"
    r"були|було|был|были|было|є|внаслідок|результате|в|у|на|із|з|них|их|числі|том|серед|среди|"
    r"отримали|отримав|отримала|получили|получил|получила|зазнали|зазнав|зазнала|мирних|мирные|мирных|"
    r"цивільних|цивільні|військових|військові|жителів|жителей|жителі|жители|дітей|детей|людей)$"
)
# Singular death/hurt verbs after which a person noun means one person ("загинула жінка").
SINGULAR = re.compile(
    r"^(?:загинув|загинула|загинуло|вбито|вбитий|вбита|убит|убита|убито|убитий|помер|померла|погиб|"
    r"погибла|скончался|скончалась|умер|умерла|поранено|поранений|поранена|травмовано|травмований|"
    r"травмована|постраждав|постраждала|постраждалий|ранен|ранена|ранено|пострадал|пострадала|"
    r"госпіталізовано|госпитализирован|госпитализирована)$"
)
SINGULAR_LIGHT = re.compile(
    r"^(?:дістав|дістала|отримав|отримала|зазнав|зазнала|получил|получила|получив|отримавши)$"
)
PERSON_ADJ = re.compile(r"^(?:цивільн|військов|поліцейськ|мирн|поліцейск|военн|гражданск|мирн)\w*$")
WORD = re.compile(r"\d+(?:[.,:]\d+)?(?:-\w+)?|[^\W\d_]+(?:[" + APOSTROPHES + r"-][^\W\d_]+)*|[—–:-]")
WINDOW = 3
PARTITIVE = re.compile(r"^(?:з|із|зі|из|с|со)$")
CONJUNCTION = re.compile(r"^(?:і|й|та|и|а|також)$")


def _words(sentence: str) -> list[tuple[str, int, int]]:
    text = sentence.lower().replace("ё", "е")
    for a in APOSTROPHES[1:]:
        text = text.replace(a, "'")
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


def _number(word: str) -> int | None:
    if word.isdigit():
        value = int(word)
        return None if value >= 100_000 or 1900 <= value <= 2100 else value
    return NUMBER_WORDS.get(word)


@lru_cache(maxsize=65536)
def _parse(word: str, lang: str):
    return analyzer(lang).parse(word)[0]


def _thing(words, i: int, lang: str) -> bool:
    """Is the number at i counting things ("5 будинків", "14 березня", "3 години")? Looks at the next word."""
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1][0]
    if not nxt.isalpha() or QUALIFIER.match(nxt) or DEATH.match(nxt) or HURT.match(nxt):
        return False
    tag = _parse(nxt, lang).tag
    return "NOUN" in tag and "inan" in tag


def _find(sentence: str, lang: str, verb: re.Pattern) -> tuple[int, str] | None:
    words = _words(sentence)
    found: list[tuple[int, int, str]] = []  # (value, -position, text)
    for i, (word, start, _) in enumerate(words):
        value = _number(word)
        if value is None or _thing(words, i, lang):
            continue
        j = _verb_near(words, i, sentence, lang, verb)
        if j is not None:
            k, more = _coordinated(words, i, sentence, lang, verb)
            # "поранено водія і чотирьох пасажирів": one person joined to the number before it
            more += sum(
                1
                for m in range(j + 1, i - 1)
                if CONJUNCTION.match(words[m + 1][0]) and _person(words[m][0], lang)
            )
            a, b = words[min(i, j, k)][1], words[max(i, j, k)][2]
            found.append((value + more, -start, " ".join(sentence[a:b].split())))
    if found:
        value, _, text = max(found)
        return value, text
    span = _one_person(words, sentence, lang, verb)
    return (1, " ".join(sentence[span[0] : span[1]].split())) if span else None


def _coordinated(words, i: int, sentence: str, lang: str, verb: re.Pattern) -> tuple[int, int]:
    """ "загинули 2 військових та 3 цивільних", "троє військових і командир": the numbers (and single
    people) joined to the number at i by "і/та/и", summed. Returns (index of the last one joined, the sum)."""
    other = HURT if verb is DEATH else DEATH
    last, total, k = i, 0, i + 1
    while k < len(words) and k - last <= 4:
        if any(ch in ",;.()—–:" for ch in sentence[words[k - 1][2] : words[k][1]]):
            break
        w = words[k][0]
        if verb.match(w) or other.match(w):
            break
        value = _number(w)
        joined = any(CONJUNCTION.match(words[m][0]) for m in range(last + 1, k))
        if value is None and joined and _person(w, lang) and not _number(words[k - 1][0]):
            last, total = k, total + 1  # "двоє чоловіків і жінка загинули"
        elif value is not None:
            if (
                not joined
                or _thing(words, k, lang)
                or _verb_near(words, k, sentence, lang, other) is not None
            ):
                break
            last, total = k, total + value
        k += 1
    return last, total


def _person(word: str, lang: str) -> bool:
    """One person: an animate singular noun ("жінка", "водитель"), or "цивільний", "военный"."""
    tag = _parse(word, lang).tag
    if "NOUN" in tag and "anim" in tag and "plur" not in tag and not VAGUE.match(word):
        return True
    return bool(PERSON_ADJ.match(word)) and "plur" not in tag


def _verb_near(words, i: int, sentence: str, lang: str, verb: re.Pattern) -> int | None:
    """The verb of the number at i: within WINDOW words after it, else before it, with no comma, clause,
    other number or verb of the other kind between ("двоє людей загинули", "загинули троє", "загиблих: 5").
    The wounded who died are deaths, not injuries: "двоє поранених померли" (2 dead, none injured)."""
    nxt = words[i + 1] if i + 1 < len(words) else None
    if nxt and PARTITIVE.match(nxt[0]) and not sentence[words[i][2] : nxt[1]].strip():
        return None  # "одна з поранених", "один из погибших": one of a group counted elsewhere
    other = HURT if verb is DEATH else DEATH
    for direction in (1, -1):
        j = i + direction
        while 0 <= j < len(words) and abs(j - i) <= WINDOW + 1:
            w = words[j][0]
            lo, hi = min(i, j), max(i, j)
            if any(ch in ",;.()" for ch in sentence[words[lo][2] : words[hi][1]]):
                break
            if verb.match(w):
                if verb is HURT and _nominal(w, lang) and _died_after(words, j, sentence):
                    return None
                return j
            if (other.match(w) and not (verb is DEATH and _nominal(w, lang))) or _number(w) is not None:
                break
            j += direction
    return None


def _nominal(word: str, lang: str) -> bool:
    """A hurt word used as a noun ("поранених", "раненый"), not a verb ("поранено", "ранены")."""
    tag = _parse(word, lang).tag
    return not ({"VERB", "PRTS", "INFN"} & set(str(tag).replace(" ", ",").split(",")))


def _died_after(words, j: int, sentence: str) -> bool:
    """Is the wounded person at j the subject of a death ("поранений помер у лікарні")?"""
    for k in range(j + 1, min(len(words), j + 3)):
        if any(ch in ",;.()" for ch in sentence[words[k - 1][2] : words[k][1]]):
            return False
        if DEATH.match(words[k][0]):
            return True
    return False


def _one_person(words, sentence: str, lang: str, verb: re.Pattern) -> tuple[int, int] | None:
    """ "загинула жінка", "чоловіка поранено", "водій дістав поранення": a singular verb and one person."""
    for i, (word, start, end) in enumerate(words):
        light = i > 0 and bool(SINGULAR_LIGHT.match(words[i - 1][0]))  # "дістав поранення"
        if not (verb.match(word) and (SINGULAR.match(word) or light)):
            continue
        first = i - 1 if light else i
        start = words[first][1]
        for j in (*range(i + 1, min(len(words), i + 4)), *range(first - 1, max(-1, first - 3), -1)):
            w, a, b = words[j]
            if any(ch in ",;.()" for ch in sentence[min(end, b) : max(start, a)]):
                continue
            if _person(w, lang):
                return min(start, a), max(end, b)
            tag = _parse(w, lang).tag
            if "ADJF" not in tag and "PRTF" not in tag and j > i:
                break
    return None


def count(sentence: str, lang: str) -> tuple[int, str] | None:
    """(deaths, the words it came from) or None when the sentence states no number of deaths."""
    return _find(sentence, lang, DEATH)


def injured(sentence: str, lang: str) -> tuple[int, str] | None:
    """(people wounded, injured or hurt, the words it came from) or None when no number is stated."""
    return _find(sentence, lang, HURT)


NONE_HURT = re.compile(
    r"(?<!не )(?<!не\s)\b(?:обійшлося|обійшлось|обошлось|обошлось|обошлось|минулося|обходится|обходиться)\s+"
    r"без\s+(?:\w+\s+)?(?:жертв|постраждал\w*|загибл\w*|поранен\w*|пострадавш\w*|погибш\w*|раненых)|"
    r"\bбез\s+(?:жертв|постраждалих|пострадавших|загиблих|погибших)\b|"
    r"\b(?:ніхто|никто)\s+(?:із\s+\w+\s+|из\s+\w+\s+)?не\s+(?:постраждав|загинув|поранений|був\s+поранений|"
    r"пострадал|погиб|ранен|был\s+ранен|травмований|получил\s+ранени\w*|отримав\s+поранен\w*)|"
    r"\b(?:жертв|постраждалих|загиблих|поранених|пострадавших|погибших|раненых)\s+(?:немає|нема|нет)\b|"
    r"\b(?:люди|людей|мирні\s+жителі|мирные\s+жители)\s+не\s+(?:постраждали|пострадали)\b",
    re.IGNORECASE,
)
NOT_WITHOUT = re.compile(r"\bне\s+(?:обійшлося|обійшлось|обошлось|обошлось)\s+без\b", re.IGNORECASE)


def none_hurt(sentence: str, lang: str) -> bool:
    """Does the sentence state that no one was killed or hurt ("обійшлося без жертв", "никто не погиб")?"""
    del lang
    text = sentence.replace("ё", "е")
    return bool(NONE_HURT.search(text)) and not NOT_WITHOUT.search(text)


PENDING = re.compile(
    r"\b(?:уточнюют\w*|уточнюєт\w*|уточнюва\w*|з'ясову\w*|з’ясову\w*|встановлю\w*|уточняет\w*|уточняют\w*|"
    r"выясня\w*|устанавлива\w*)\b",
    re.IGNORECASE,
)
TOLL_WORDS = re.compile(
    r"\b(?:постраждал\w*|жертв\w*|загибл\w*|поранен\w*|пострадавш\w*|погибш\w*|ранен\w*|потерп\w*|"
    r"загиб\w*|гибел\w*)\b",
    re.IGNORECASE,
)


def pending(sentence: str, lang: str) -> bool:
    """Does the sentence only say that the casualties are being established (and state no number)?"""
    if not (PENDING.search(sentence) and TOLL_WORDS.search(sentence)):
        return False
    return count(sentence, lang) is None and injured(sentence, lang) is None and not none_hurt(sentence, lang)

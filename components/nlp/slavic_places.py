"""Place names in Ukrainian and Russian text, found in their inflected forms and looked up in the gazetteer.

Ukrainian and Russian decline place names: "у Мар'їнці", "під Бахмутом", "з Харкова", "в Авдеевке". The
gazetteer holds the nominative (the Cyrillic alternate names of every Ukrainian village), so each capitalised
word is turned back into the forms a name may have: the word as written, its lemmas (pymorphy3), and for an
adjective its neuter and feminine nominative ("Опитного" -> "Опитне") and the short possessive form
("Часовому" -> "Часів"). Spans of up to three capitalised words are tried longest first, every combination of
the words' forms ("Великій Новосілці" -> "Велика Новосілка"); the rows of every form that matches are the
candidates ("Лозовій" may be Lozova or Lozove: ranking in context decides later). Not wired into the
pipeline yet (issue 15).

Measured by `evaluate_sets()` on the gold mentions of `data/eval/frontline-uk.jsonl` and `frontline-ru.jsonl`
(found = a span overlaps the gold mention; gold in candidates = its geonameid is among the span's rows):
Ukrainian 97 gold mentions, found 0.948, gold in candidates 0.928 (41 other spans, not all wrong); Russian 96,
found 0.896, gold in candidates 0.823 (32 other spans). Missed: regions by their colloquial names
("Херсонщині"), Russian names the gazetteer lacks ("Работино", "Крынок"), "Кривому Розі" (no lemma "ріг").
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import razdel

from components.geo.gazetteer.romanise import romanise
from components.nlp.language import analyzer, detect, wordset
from components.settings import ROOT

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer

logger = logging.getLogger(__name__)

MAX_WORDS = 3  # the longest name tried ("Велика Олександрівка", "Нью-Йорк" is one token)
MAX_PARSES = 4  # parses of one word whose lemmas are tried
# A front axis: "на Лиманському напрямку", "на Купянском направлении" (the words of the town's adjective).
AXIS = re.compile(r"\s+(?:напрям\w*|направлени\w*)\b", re.I)
MAX_PART_FORMS = 4  # forms of each part of a hyphenated name that are combined
# Genitive endings of Ukrainian town names in -ськ/-цьк/-зьк ("з Покровська" -> "Покровськ"), which
# pymorphy3 reads only as feminine adjectives.
SK_GENITIVE = ("ська", "цька", "зька")
MIN_LETTERS = 3  # shorter capitalised words ("По", "Из") open sentences; no place name is that short
# Countries of this war, by lemma: in these reports they act ("Росія вдарила"), their places are named.
COUNTRIES = wordset("росія россия україна украина білорусь беларусь белоруссия рф сша")
MIN_POP_FIRST_WORD = 20_000  # a common word opening a sentence is a place only as a town this big
PREPOSITIONS = wordset(
    "у в з із зі від під біля поблизу до на по через над за між коло навколо поруч "
    "с со из от под около возле между вблизи"
)
# A word with inner apostrophes and hyphens: the tokens razdel gives on the Ukrainian and Russian evaluation
# sets (310 sentences), in a fifth of the time.
WORD = re.compile(r"\w+(?:[-'’ʼ]\w+)*")
# Lemmas of the capitalised first words of the names of forces and institutions ("Сили оборони", "Сил
# оборони", "Силы ПВО", "Генштаб"): never a place, though villages bear some of them (Syla).
ORGANISATION_LEMMAS = wordset(
    "сила збройний вооружённый вооруженный генштаб міноборони минобороны нацгвардія нацгвардия росгвардия "
    "держприкордонслужба госпогранслужба верховний верховный "
    # buildings named as institutions: "Будинок культури", "Дом офицеров", "Палац спорту"
    "будинок дом палац дворец"
)
# A neighbourhood's name ("у мікрорайоні Сонячний", "в микрорайоне Канал в ..."): part of the town named
# with it, not a settlement of its own (a village elsewhere may bear the name).
NEIGHBOURHOOD = re.compile(r"(?:мікрорайон|микрорайон|житломасив|жилмассив)\w*\s+$", re.I)
NOT_PLACES = COUNTRIES | ORGANISATION_LEMMAS
# A district or oblast right after a name: "<name> Покровського району", "<name> на Харківщині".
QUALIFIED = re.compile(
    r"\s*,?\s*(?:(?:[А-ЯІЇЄҐ][\w'’-]+)\s+(?:район\w*|р-н\w*|област\w*|обл\.)|(?:на|в|у)\s+[А-ЯІЇЄҐ]"
    r"[\w'’-]*(?:щин|ччин|чин)\w*|(?:на|в|у)\s+[А-ЯІЇЄҐ][\w'’-]+\s+(?:област\w*|обл\.)|"
    # located by a town: "Антонівка на околиці Херсона", "Тернова під Харковом"
    r"(?:на\s+околиц|на\s+окраин)\w*\s+[А-ЯІЇЄҐ]\w+|(?:під|біля|поблизу|под|возле|около)\s+[А-ЯІЇЄҐ]\w+)(?=\W|$)"
)
EVAL_SETS = ("frontline-uk.jsonl", "frontline-ru.jsonl")


@dataclass(frozen=True)
class SlavicPlace:
    """A place name found in the text: its span, the name key it matched and the gazetteer rows."""

    start_char: int
    end_char: int
    text: str
    keys: tuple[str, ...]  # every nominative form that matched, best first ("Вовчанське", "Вовчанськ")
    rows: tuple[int, ...]

    @property
    def key(self) -> str:
        """The first nominative form that matched ("Велика Новосілка")."""
        return self.keys[0]


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the text's words, with inner apostrophes and hyphens ("Мар'їнці")."""
    return [
        (m.start(), m.end(), m.group()) for m in WORD.finditer(text) if any(ch.isalpha() for ch in m.group())
    ]


def short_possessive(lemma: str, lang: str) -> str | None:
    """The short form of a possessive adjective: "часовий" -> "часів", "часовой" -> "часов"."""
    if lang == "uk" and lemma.endswith(("овий", "евий", "євий")):
        return lemma[:-4] + ("ів" if lemma[-4] == "о" else "їв")
    if lang == "ru" and lemma.endswith(("овой", "овый", "евый")):
        return lemma[:-4] + lemma[-4] + "в"
    return None


@lru_cache(maxsize=200_000)
def forms(word: str, lang: str, *, adjectives: bool = True) -> tuple[str, ...]:
    """The forms a name word may take in the gazetteer, best first (see the module docstring). A hyphenated
    word gives the forms of its parts joined ("Купянске-Узловом" -> "Купянск-Узловой")."""
    if "-" in word.strip("-"):
        parts = [_word_forms(part, lang, adjectives=True)[:MAX_PART_FORMS] for part in word.split("-")]
        out = [word] + ["-".join(combo) for combo in itertools.product(*parts)]
    else:
        out = _word_forms(word, lang, adjectives=adjectives)
    seen: dict[str, None] = {}
    for form in out:
        seen.setdefault(capitalise(form), None)
    return tuple(seen)


def _word_forms(word: str, lang: str, *, adjectives: bool) -> list[str]:
    out = [word]
    for parse in analyzer(lang).parse(word)[:MAX_PARSES]:
        adjective = "ADJF" in parse.tag
        if adjective and not adjectives:
            continue
        out.append(parse.normal_form)
        if not adjective:
            plural = parse.inflect({"plur", "nomn"}) if "plur" in parse.tag else None
            if plural:  # "у Крынок", "біля Бердичів": a plural name (Крынки, Бердичі)
                out.append(plural.word)
            continue
        for gender in ("neut", "femn"):
            agreeing = parse.inflect({gender, "nomn"})
            if agreeing:
                out.append(agreeing.word)
        short = short_possessive(parse.normal_form, lang)
        if short:
            out.append(short)
    if lang == "uk" and word.endswith(("зі", "ці", "сі")):
        out.append(_ukrainian_stem(word))
    if lang == "uk" and word.endswith(SK_GENITIVE):
        out.append(word[:-1])  # "з Покровська": the genitive of a town in -ськ, which pymorphy3 lacks
    if lang == "ru":
        out += [ukrainian_neuter(form) for form in out if form.endswith(("ое", "ее")) and len(form) > 4]
        out += [ukrainian_ivka(form) for form in out if form.endswith(("овка", "евка")) and len(form) > 6]
        out += [ukrainian_iv(form) for form in out if form.endswith(("ов", "ев")) and len(form) > 4]
    return [form.replace("ё", "е") if lang == "ru" else form for form in out]


def ukrainian_iv(form: str) -> str:
    """The Ukrainian spelling of a Russian town name in -ов/-ев, by its ending only: "Макаров" -> "Макарів"
    (Makariv near Kyiv, where GeoNames gives "Макаров" only to a town on Sakhalin)."""
    stem = form[:-2].replace("ы", "и")
    if stem.endswith("ь"):
        return stem[:-1] + "ів"
    return stem + ("їв" if stem[-1:] in "аеиоуяюі" else "ів")


def ukrainian_ivka(form: str) -> str:
    """The Ukrainian spelling of a Russian name in -овка/-евка, which GeoNames may hold alone or for another
    village: "Великомихайловка" -> "Великомихайлівка", "Васильевка" -> "Василівка"."""
    stem = form[:-4].replace("ы", "и")
    if stem.endswith("ь"):
        return stem[:-1] + "івка"
    return stem + ("ївка" if stem[-1:] in "аеиоуяюі" else "івка")


def ukrainian_neuter(form: str) -> str:
    """The Ukrainian spelling of a Russian neuter adjective name, which GeoNames may hold alone: "Урожайное"
    -> "Урожайне", "Нескучное" -> "Нескучне", "Зеленопольское" -> "Зеленопольське"."""
    stem = form[:-2].replace("ы", "и")
    if stem.endswith(("ск", "цк")):
        stem = stem[:-1] + "ьк"
    return stem + "е"


def _ukrainian_stem(word: str) -> str:
    """The nominative of a masculine name in the locative with its consonant and vowel changed back:
    "Розі" -> "Ріг" (г, к, х become з, ц, с before -і; о and е of the closed last syllable become і)."""
    stem = word[:-2] + {"з": "г", "ц": "к", "с": "х"}[word[-2]]
    for i in range(len(stem) - 2, -1, -1):
        if stem[i] in "оеОЕ":
            return stem[:i] + ("і" if stem[i].islower() else "І") + stem[i + 1 :]
        if stem[i].lower() in "аиіуяюєї":
            break
    return stem


def capitalise(form: str) -> str:
    """Each part of a name with a capital: "гуляй-поле" -> "Гуляй-Поле" (keeps all-capital aliases out)."""
    return "-".join(part[:1].upper() + part[1:] for part in form.split("-"))


def is_name_word(word: str) -> bool:
    """A capitalised word that is not an abbreviation (ЗСУ, ДСНС), declined or not ("КАБами", "ЗСУшники")."""
    return word[:1].isupper() and not (len(word) > 1 and word[1].isupper())


def find_places(text: str, gazetteer: Gazetteer, lang: str | None = None) -> list[SlavicPlace]:
    """Place names of a Ukrainian or Russian text (the language is detected when not given), in text order.
    A sentence's first word not after a preposition is taken only as written or as a noun's lemma, so that
    "Мирні жителі" does not become the village Мирне."""
    lang = lang or ("ru" if detect(text).code == "ru" else "uk")
    found: list[SlavicPlace] = []
    for sentence in razdel.sentenize(text):
        tokens = [(s + sentence.start, e + sentence.start, w) for s, e, w in words(sentence.text)]
        i = 0
        while i < len(tokens):
            match = match_at(tokens, i, text, gazetteer, lang)
            if match is None:
                i += 1
                continue
            found.append(match[0])
            i += match[1]
    return found


def match_at(tokens, i: int, text: str, gazetteer: Gazetteer, lang: str) -> tuple[SlavicPlace, int] | None:
    """The longest name starting at token i and the number of its words, or None. A sentence's first word
    that the dictionary knows as a common word ("Вирва від снаряда", "Сили оборони", "Уламки") is a
    place only when a town of at least `MIN_POP_FIRST_WORD` bears the name or a district or oblast follows
    it ("Семенівка Новгород-Сіверського району", "Кам'янка на Харківщині", "Антонівка на околиці Херсона")."""
    word = tokens[i][2]
    if not is_name_word(word) or len(word) < MIN_LETTERS or word.casefold() in PREPOSITIONS:
        return None
    if _quoted(text, tokens[i][0]) or has_lemma(word, lang, NOT_PLACES):
        return None  # the group «Юг», "Росія" (an actor, not a place), "Сили оборони"
    if NEIGHBOURHOOD.search(text, max(0, tokens[i][0] - 20), tokens[i][0]):
        return None  # "в микрорайоне Канал в Часовом Яре": the town is the place
    after_preposition = i > 0 and tokens[i - 1][2].casefold() in PREPOSITIONS
    if i == 0 and is_common_word(tokens[0][2], lang):
        found = _match(tokens, i, text, gazetteer, lang, after_preposition)
        if found is None or QUALIFIED.match(text, found[0].end_char):
            return found  # "Семенівка Новгород-Сіверського району ...": a name its region qualifies
        if not any(gazetteer.max_population(k) >= MIN_POP_FIRST_WORD for k in found[0].keys):
            return None
        return found
    return _match(tokens, i, text, gazetteer, lang, after_preposition)


@lru_cache(maxsize=100_000)
def has_lemma(word: str, lang: str, lemmas: frozenset[str]) -> bool:
    """Is the word a form of one of the lemmas ("Росії", "России": росія, россия; "Сил": сила)?"""
    return any(p.normal_form in lemmas for p in analyzer(lang).parse(word)[:MAX_PARSES])


def _quoted(text: str, start: int) -> bool:
    """Is the position inside «...» (the name of a unit, a group, an operation: «Юг», «Азов»)?"""
    return text.rfind("«", 0, start) > text.rfind("»", 0, start)


@lru_cache(maxsize=100_000)
def is_common_word(word: str, lang: str) -> bool:
    """Does the dictionary know the word, lower-cased, as a common word (no name or geography tag)?"""
    morph = analyzer(lang)
    low = word.casefold()
    if not morph.word_is_known(low):
        return False
    return not any(
        {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(str(p.tag).replace(" ", ",").split(","))
        for p in morph.parse(word)
    )


def _match(tokens, i, text, gazetteer, lang, after_preposition) -> tuple[SlavicPlace, int] | None:
    for size in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
        span = tokens[i : i + size]
        if not all(is_name_word(w) for _, _, w in span):
            continue
        if any(text[a[1] : b[0]].strip() for a, b in itertools.pairwise(span)):
            continue  # a comma or a dash between the words: two names, not one
        adjectives = after_preposition or i > 0
        options = [forms(w, lang, adjectives=adjectives) for _, _, w in span]
        names = [" ".join(combo) for combo in itertools.product(*options)]
        matched = [(name, hits) for name in names if (hits := gazetteer.hits(name))]
        if not matched and (i > 0 or after_preposition):  # GeoNames has "Великой Новосёлки" only as
            # "Velikaya Novoselka"; a sentence's first word is not romanised ("Украинские" is no Ukrainske)
            latin = dict.fromkeys(romanise(name, lang) for name in names)
            matched = [(name, hits) for name in latin if (hits := gazetteer.hits(name))]
        if matched and AXIS.match(text, span[-1][1]):
            return None  # "на Авдіївському напрямку": the axis named after a town, not a place
        if matched:  # every reading's rows: "Лозовій" is Lozova or Lozove, ranking decides later
            start, end = span[0][0], span[-1][1]
            rows = tuple(sorted({h.row for _, hits in matched for h in hits}))
            keys = tuple(name for name, _ in matched)
            return SlavicPlace(start, end, text[start:end], keys, rows), size
    return None


def evaluate(items: list[dict], gazetteer: Gazetteer, lang: str) -> dict[str, float]:
    """Share of gold mentions found (a span overlaps) and share whose gold geonameid is a candidate."""
    gold = found = right = extra = 0
    for item in items:
        places = find_places(item["text"], gazetteer, lang)
        spans = []
        for event in item["events"]:
            start = item["text"].find(event["mention"])
            end = start + len(event["mention"])
            spans.append((start, end))
            hits = [p for p in places if p.start_char < end and start < p.end_char]
            gold += 1
            found += bool(hits)
            ids = {int(gazetteer.geonameid[row]) for p in hits for row in p.rows}
            right += event["geonameid"] in ids
        extra += sum(not any(p.start_char < e and s < p.end_char for s, e in spans) for p in places)
    return {
        "gold": gold,
        "found": found / gold if gold else 0.0,
        "gold_in_candidates": right / gold if gold else 0.0,
        "other_spans": extra,
    }


def evaluate_sets(folder: Path | None = None, gazetteer: Gazetteer | None = None) -> dict[str, dict]:
    """`evaluate` on the Ukrainian and the Russian front-line sets; logs one line per set."""
    from components.geo.gazetteer.index import load_gazetteer

    folder = folder or ROOT / "data" / "eval"
    gazetteer = gazetteer or load_gazetteer()
    results = {}
    for name in EVAL_SETS:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
        lang = "uk" if "-uk" in name else "ru"
        results[name] = score = evaluate(items, gazetteer, lang)
        logger.info(
            "%s: %d gold mentions, found %.3f, gold geonameid among candidates %.3f, %d other spans",
            name,
            score["gold"],
            score["found"],
            score["gold_in_candidates"],
            score["other_spans"],
        )
    return results


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    evaluate_sets()

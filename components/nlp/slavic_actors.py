"""Who acts in a Ukrainian or Russian sentence: actor names found by their lemmas, and the two sides.

The words are lemmatised with pymorphy3 (`lemmatise`, cached per word; the event triggers share it), so
inflected forms match one entry: "росіянами", "окупантів", "российских военных". State forces are named by
ISO2 code (ЗСУ, Сили оборони, ВСУ, українські військові -> UA; РФ, росіяни, окупанти, рашисти, ВС РФ ->
RU), non-state and collective actors by the group names of `components.nlp.actors.GROUPS` (ДНР -> "DPR",
вагнерівці -> "Wagner Group", мирні жителі -> "Civilians"). "Росія"/"Україна" act only where they are not
a place ("у Росії", "по Україні"). "ворог"/"противник" is the other side of the reporter: Russia in a
Ukrainian text; in a Russian text the enemy of the Russian ministry, Ukraine, and only when the sentence
names the Ukrainian forces as well.

`roles` orders the actors: the agent of an "з боку"/"силами"/"со стороны" phrase or of a passive
("обстріляно росіянами") first, then a subject in the nominative, then the others in order; civilians,
the usual victims, last.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from components.nlp.slavic_places import WORD, analyzer

MAX_PARSES = 4
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "ё": "е"})


@dataclass(frozen=True)
class Word:
    """A word of the text with its offsets and the (lemma, grammemes) of its likeliest parses."""

    start: int
    end: int
    text: str  # lower case, one apostrophe, ё as е
    parses: tuple[tuple[str, frozenset[str]], ...]
    lemmas: frozenset[str]  # the lemmas of the parses and the word itself

    def has(self, lemma: str, grammeme: str) -> bool:
        """Some parse of the word with this lemma has the grammeme."""
        return any(lem == lemma and grammeme in tags for lem, tags in self.parses)

    def only(self, lemma: str, grammeme: str) -> bool:
        """Every parse of the word with this lemma has the grammeme."""
        tags = [t for lem, t in self.parses if lem == lemma]
        return bool(tags) and all(grammeme in t for t in tags)


@lru_cache(maxsize=300_000)
def parses(word: str, lang: str) -> tuple[tuple[tuple[str, frozenset[str]], ...], frozenset[str]]:
    """(lemma, grammemes) of the word's likeliest parses (lemmas lower case, ё as е), and the lemmas."""
    found = tuple(
        (p.normal_form.translate(APOSTROPHES), frozenset(p.tag.grammemes))
        for p in analyzer(lang).parse(word)[:MAX_PARSES]
    )
    return found, frozenset(lemma for lemma, _ in found) | {word}


def lemmatise(text: str, lang: str) -> list[Word]:
    """The words of the text with their parses."""
    out = []
    for m in WORD.finditer(text):
        token = m.group()
        if token.isdigit() or not any(ch.isalpha() for ch in token):
            continue
        low = token.lower().translate(APOSTROPHES)
        out.append(Word(m.start(), m.end(), low, *parses(low, lang)))
    return out


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text: a state's forces (`code`, ISO2) or a group (`group`), never both."""

    start: int
    end: int
    text: str
    code: str
    group: str

    @property
    def name(self) -> str:
        return self.code or self.group


def table(rows: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """ "лема+лема=NAME; ..." -> ((lemmas, name), ...), longest phrases first."""
    out = []
    for row in rows.split(";"):
        phrase, _, name = row.strip().rpartition("=")
        for variant in phrase.split("|"):
            out.append((tuple(variant.strip().split("+")), name.strip()))
    return tuple(sorted(out, key=lambda r: -len(r[0])))


UK_MILITARY = (
    "військовий|військо|захисник|боєць|сила|армія|військовослужбовець|підрозділ|воїн|бригада|оборонець"
)
RU_MILITARY = "военный|войско|сила|армия|военнослужащий|подразделение|формирование|солдат|боевик|боец"


def adjective_rows(adjectives: str, nouns: str, name: str) -> str:
    return "; ".join(f"{a}+{n}={name}" for a in adjectives.split("|") for n in nouns.split("|"))


ACTORS = {
    "uk": table(
        "зсу|всу|зс+україна|збройний+сила+україна|сила+оборона|захисник|сбу|гур|нацгвардія=UA; "
        + adjective_rows("український", UK_MILITARY, "UA")
        + "; рф|росіянин|окупант|рашист|загарбник|агресор|ворог|противник|окупаційний+військо|путін|"
        "російський+окупаційний+військо|російський+окупаційний+сила=RU; "
        + adjective_rows("російський", UK_MILITARY + "|окупант|окупаційний", "RU")
        + "; "
        + adjective_rows("білоруський", UK_MILITARY, "BY")
        + "; днр=DPR; лнр=LPR; вагнерівець|пвк+вагнер|вагнер=Wagner Group; "
        "сепаратист|бойовик|колаборант=Pro-Russian separatists; "
        "мирний+житель|мирний+населення|цивільний+населення|цивільний+особа|цивільний|житель|мешканець|жителька|мешканка=Civilians;"
        " протестувальник|демонстрант|мітингувальник=Protesters"
    ),
    "ru": table(
        "всу|зсу|вс+украина|вооруженный+сила+украина|зеленский|противник|враг=UA; "
        + adjective_rows("украинский", RU_MILITARY, "UA")
        + "; рф|вс+рф|россиянин|оккупант|рашист|армия+россия|путин=RU; "
        + adjective_rows("российский", RU_MILITARY, "RU")
        + "; "
        + adjective_rows("белорусский", RU_MILITARY, "BY")
        + "; днр=DPR; лнр=LPR; вагнеровец|чвк+вагнер|вагнер=Wagner Group; "
        "сепаратист|ополченец=Pro-Russian separatists; "
        "мирный+житель|мирный+население|гражданский+население|житель|жительница=Civilians; "
        "протестующий|демонстрант|митингующий=Protesters"
    ),
}
# The rows of each language by their first lemma, in table order (longest phrases first).
FIRST_LEMMA = {
    lang: {first: tuple(row for row in rows if row[0][0] == first) for first in {row[0][0] for row in rows}}
    for lang, rows in ACTORS.items()
}
# A country named as the actor itself ("Росія атакувала"), not after a preposition of place ("у Росії").
COUNTRIES = {
    "україна": "UA",
    "украина": "UA",
    "росія": "RU",
    "россия": "RU",
    "білорусь": "BY",
    "беларусь": "BY",
}
PLACE_PREPOSITIONS = frozenset(
    [
        "у",
        "в",
        "во",
        "на",
        "по",
        "до",
        "під",
        "над",
        "про",
        "о",
        "об",
        "біля",
        "около",
        "для",
        "за",
        "при",
        "через",
        "к",
    ]
)
ENEMY = frozenset({"ворог", "противник", "враг"})
UKRAINIAN = frozenset({"всу", "зсу", "украинский", "украина"})
# A generic group gives way to its named member ("бойовики ДНР": DPR).
MEMBERS = {"Pro-Russian separatists": frozenset({"DPR", "LPR"})}
STATE_CODES = frozenset({"UA", "RU", "BY"})
# Words before an actor that make it the agent ("з боку окупантів", "силами ЗСУ", "со стороны ВСУ").
AGENT = (("з", "боку"), ("зі", "сторони"), ("з", "сторони"), ("силами",), ("со", "стороны"), ("с", "стороны"))


def find(text: str, lang: str) -> list[ActorMention]:
    """The actors named in the text, in order, without overlaps (longest phrase first)."""
    found, _ = find_words(text, lang)
    return found


def find_words(text: str, lang: str) -> tuple[list[ActorMention], list[tuple[Word, int]]]:
    """The actor mentions and, for each, its head word and the index of its first word."""
    ws = lemmatise(text, lang)
    rows = FIRST_LEMMA.get(lang, FIRST_LEMMA["uk"])
    out: list[tuple[ActorMention, Word, int]] = []
    ukrainian = any(w.lemmas & UKRAINIAN for w in ws)
    i = 0
    while i < len(ws):
        hit = match(ws, i, rows)
        if hit is None and ws[i].lemmas & COUNTRIES.keys():
            before = ws[i - 1].text if i else ""
            if before not in PLACE_PREPOSITIONS:
                hit = (1, COUNTRIES[sorted(ws[i].lemmas & COUNTRIES.keys())[0]])
        if hit is None or (hit == (1, "Civilians") and "цивільний" in ws[i].lemmas and not bare(ws, i)):
            i += 1
            continue
        size, name = hit
        if ws[i].lemmas & ENEMY and lang == "ru":
            if not ukrainian:
                i += size
                continue
            name = "UA"
        first, last = ws[i], ws[i + size - 1]
        code, group = (name, "") if name in STATE_CODES else ("", name)
        end = last.end + (
            text[last.end : last.end + 1] in '»”"' and text[first.start : last.end].count("«") > 0
        )
        mention = ActorMention(first.start, end, text[first.start : end], code, group)
        out.append((mention, first if size == 1 or first.text in ("армия", "зс", "вс") else last, i))
        i += size
    named = {m.name for m, _, _ in out}
    kept = [(m, w, i) for m, w, i in out if not MEMBERS.get(m.name, frozenset()) & named]
    return [m for m, _, _ in kept], [(w, i) for _, w, i in kept]


def bare(ws: list[Word], i: int) -> bool:
    """ "цивільних" used as a noun (the civilians), not before its noun ("цивільна інфраструктура")."""
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    noun_next = nxt is not None and nxt.start - ws[i].end <= 1 and any("NOUN" in t for _, t in nxt.parses)
    return ws[i].has("цивільний", "plur") and not noun_next


def match(ws: list[Word], i: int, rows: dict) -> tuple[int, str] | None:
    """(number of words, name) of the longest actor phrase starting at word i (`rows`: `FIRST_LEMMA`'s)."""
    found = [row for lemma in ws[i].lemmas for row in rows.get(lemma, ())]
    for phrase, name in sorted(found, key=lambda row: -len(row[0])):
        if i + len(phrase) <= len(ws) and all(lem in ws[i + k].lemmas for k, lem in enumerate(phrase)):
            return len(phrase), name
    return None


def roles(sentence: str, lang: str) -> tuple[str, str]:
    """(actor1, actor2): ISO2 codes or group names, the attacker first and the victims (civilians) last."""
    mentions, heads = find_words(sentence, lang)
    ws = lemmatise(sentence, lang)
    verb = next((i for i, w in enumerate(ws) if finite(w)), len(ws))
    ranked: list[tuple[int, int, str]] = []
    for mention, (head, index) in zip(mentions, heads, strict=True):
        ranked.append((rank(mention, head, index, ws, verb), mention.start, mention.name))
    sides: list[str] = []
    for _, _, name in sorted(ranked):
        if name not in sides:
            sides.append(name)
    sides += ["", ""]
    return sides[0], sides[1]


def finite(word: Word) -> bool:
    """A finite verb or a passive predicate ("обстріляли", "обстріляно", "уничтожены")."""
    tags = word.parses[0][1] if word.parses else frozenset()
    return bool({"VERB", "PRTS", "Impe"} & tags) and not {"INFN", "infn"} & tags


def rank(mention: ActorMention, head: Word, index: int, ws: list[Word], verb: int) -> int:
    """0 the agent of a phrase or a passive, 1 a subject, 2 another actor, 3 civilians.

    A subject is an actor before the sentence's first verb that does not depend on a noun or a
    preposition ("Позиції ЗСУ ...", "по позиціях ЗСУ"), or one read first as a nominative after it
    ("... обстріляли росіяни"); actors of one rank keep their order.
    """
    if mention.group == "Civilians":
        return 3
    before = tuple(w.text for w in ws[max(0, index - 2) : index])
    if any(before[-len(a) :] == a for a in AGENT):
        return 0
    tags = [t for _, t in head.parses]
    prev = ws[index - 1].parses[0][1] if index and ws[index - 1].parses else frozenset()
    if tags and all("ablt" in t for t in tags) and "PREP" not in prev:
        return 0  # "обстріляно росіянами"
    possessor = "NOUN" in prev and any("gent" in t or "UNKN" in t for t in tags)  # "позиції ЗСУ"
    if (index < verb or "nomn" in tags[0]) and "PREP" not in prev and not possessor:
        return 1
    return 2

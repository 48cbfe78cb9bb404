"""The language of a text, by its script and its function words: no model, no extra package.

The main script decides the family: Cyrillic text is Ukrainian or Russian, Latin text is English or one of a
few other European languages. Inside a family, letters only one language uses (Ukrainian і ї є ґ, Russian
ы э ъ ё) and small, frequent words (Ukrainian "що", "та", "від"; Russian "что", "и", "от"; English "the",
"of", "was") are counted; the language with the most evidence wins. A text that mixes two languages goes by
the one it mostly is: a Ukrainian article that quotes a Russian sentence is Ukrainian. Short texts work
when their letters decide ("Вибухів не чути." has і); when nothing decides, the code is "und".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

UNDETERMINED = "und"
# A Latin-script text is another language than English only on more than one word or letter of evidence:
# English is what the pipeline reads, and a wrong skip loses a report ("... killed as ...": not Portuguese).
MIN_OTHER_LATIN = 1.5
MAX_CHARS = 20_000  # the start of a long article is enough to tell its language

# Letters that set a language apart within its family (Belarusian writes the Ukrainian і and the Russian ы
# and э: its own ў tips the balance).
LETTERS: dict[str, str] = {"uk": "іїєґ", "ru": "ыэъё", "be": "ўіыэ", "de": "ßäöü", "es": "ñ", "fr": "çœêëû"}
LETTERS |= {"pt": "ãõ", "it": "òì", "pl": "ąęłśźżćń"}


def wordset(text: str) -> frozenset[str]:
    """A word list written as text, separated by white space."""
    return frozenset(text.split())


# Small frequent words of each language. A word several languages share counts for each of them by an
# equal part, so only the distinctive ones tip the balance.
CYRILLIC_WORDS: dict[str, frozenset[str]] = {
    "uk": wordset(
        "що які який яка яке був була було були та у з із від після біля через під до це також його її "
        "вони ще вже коли де як щодо між навколо протягом внаслідок близько не на в за по"
    ),
    "ru": wordset(
        "что которые который которая которое был была было были и с из от после около через под до это "
        "также его её они ещё уже когда где как между вокруг течение результате не на в за по"
    ),
    "be": wordset(
        "што якія які якая было былі і з ад пасля каля праз пад да гэта таксама яго яе яны яшчэ ўжо калі "
        "дзе як паміж вакол не на ў за па"
    ),
}
# The Cyrillic languages the pipeline reads; `known_words` asks their dictionaries.
DICTIONARIES = ("uk", "ru")
LATIN_WORDS: dict[str, frozenset[str]] = {
    "en": wordset(
        "the and of to in on at was were is are that which with from by after near said has have it this "
        "for an been their they"
    ),
    "de": wordset(
        "der die das und ist nicht mit von den dem des ein eine auf wurde wurden sich nach bei zu im "
        "auch sind wird haben hat"
    ),
    "fr": wordset(
        "le la les de des et est une un dans du sur par pour qui que pas au aux été ont selon après"
    ),
    "es": wordset("el la los las de y del en una un por con que fue según para se al han tras"),
    "it": wordset("il lo la le gli della di che è per una nel sono stato con dopo alla delle dei hanno"),
    "pt": wordset("o os as de do da dos das em que não uma com foi para pela pelo após no na"),
    "nl": wordset("de het een en van is niet op met dat die werd zijn bij na voor hebben heeft door"),
    "pl": wordset("i w z na się nie że do jest został została zostały po od przez oraz we ze dla są"),
}
# Word endings that one of Ukrainian and Russian has and the other hardly ever ("последствия", "обстріляння").
ENDINGS: dict[str, tuple[str, ...]] = {"ru": ("ие", "ия", "ию", "иях", "ием"), "uk": ("ння", "ннях")}
# Scripts whose language is plain from the script alone.
SCRIPT_LANGUAGE = {"Greek": "el", "Georgian": "ka", "Armenian": "hy", "Hebrew": "he"}

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


@dataclass(frozen=True)
class Language:
    """What `detect` found: the ISO 639-1 code (or "und"), the main script and the evidence for it."""

    code: str
    script: str
    evidence: tuple[str, ...] = ()


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of one letter: "Latin", "Cyrillic", "Greek", ... (from its Unicode name)."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].title() if name else "Unknown"


def main_script(letters: str) -> tuple[str, float]:
    """The script most letters are written in, and its share of the letters."""
    counts = Counter(script_of(ch) for ch in letters)
    if not counts:
        return "None", 0.0
    script, n = max(sorted(counts.items()), key=lambda item: item[1])
    return script, n / len(letters)


def weigh(tokens: list[str], letters: str, profiles: dict[str, frozenset[str]]) -> dict[str, float]:
    """Evidence of each language of a family: its letters, its function words, its word endings."""
    scores = dict.fromkeys(profiles, 0.0)
    for word in tokens:
        owners = [code for code, words in profiles.items() if word in words]
        for code in owners:
            scores[code] += 1 / len(owners)
        for code, endings in ENDINGS.items():
            if code in scores and len(word) > 4 and word.endswith(endings):
                scores[code] += 1
    for code in scores:
        scores[code] += sum(letters.count(ch) for ch in LETTERS.get(code, ""))
    return scores


def evidence_of(code: str, tokens: list[str], letters: str, profiles: dict[str, frozenset[str]]) -> list[str]:
    """Readable evidence for one language: its own letters and the function words seen."""
    found = [ch for ch in LETTERS.get(code, "") if ch in letters]
    words = sorted({w for w in tokens if w in profiles[code]})
    out = [f"letters {''.join(found)}"] if found else []
    return out + ([f"words {', '.join(words[:8])}"] if words else [])


@lru_cache(maxsize=2)
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """The morphological analyser of "uk" or "ru" (loaded once: its dictionaries take a moment)."""
    return pymorphy3.MorphAnalyzer(lang="uk") if lang == "uk" else pymorphy3.MorphAnalyzer()


def known_words(tokens: list[str]) -> dict[str, float]:
    """Per language of `DICTIONARIES`: how many of the words (of three letters or more) its dictionary knows
    and the other's does not."""
    scores = dict.fromkeys(DICTIONARIES, 0.0)
    for word in {w for w in tokens if len(w) >= 3}:
        known = [code for code in scores if analyzer(code).word_is_known(word)]
        if len(known) == 1:
            scores[known[0]] += 1
    return scores


def detect(text: str) -> Language:
    """The main language of `text` (see the module docstring); "und" when neither script nor words decide."""
    sample = text[:MAX_CHARS].casefold()
    letters = "".join(ch for ch in sample if ch.isalpha())
    script, share = main_script(letters)
    shown = f"script {script} {share:.0%}"
    if script in SCRIPT_LANGUAGE:
        return Language(SCRIPT_LANGUAGE[script], script, (shown,))
    if script == "Cyrillic":
        profiles = CYRILLIC_WORDS
    elif script == "Latin":
        profiles = LATIN_WORDS
    else:
        return Language(UNDETERMINED, script, (shown,))
    own = "".join(ch for ch in letters if script_of(ch) == script)
    tokens = [w for w in WORD.findall(sample) if all(script_of(ch) == script for ch in w if ch.isalpha())]
    scores = weigh(tokens, own, profiles)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], list(profiles).index(item[0])))
    (best, top), (_, second) = ranked[0], ranked[1]
    if script == "Cyrillic" and (top <= second or top < 1):
        scores = known_words(tokens)  # a short report: which dictionary knows more of its words
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        if top > second:
            return Language(best, script, (shown, f"words only the {best} dictionary knows: {top:.0f}"))
    if top <= second or top < 1:
        return Language(UNDETERMINED, script, (shown, "no letter or word decides"))
    english = scores.get("en", 0.0)
    if script == "Latin" and best != "en" and top < MIN_OTHER_LATIN:
        # an English headline with one word another language also writes ("... killed as ...") is English
        why = (shown, f"too little evidence for {best} ({top:.1f})")
        return Language("en" if english > 0 else UNDETERMINED, script, why)
    return Language(best, script, (shown, *evidence_of(best, tokens, own, profiles)))

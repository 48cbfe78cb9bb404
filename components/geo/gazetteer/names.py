"""Name keys and name flags: what the gazetteer build and its lookups both need.

Every name is stored and looked up by its key (``normalize_name``): "Kyiv", "KYIV" and "the Kyiv" share
one key. Each (key, place) pair carries flags that say how the name may match:
``FLAG_PRIMARY`` (the place's own or a curated name), ``FLAG_UPPER_ONLY`` ("US" matches only when written
in capitals) and ``FLAG_DOTTED`` ("Tenn." matches only when written with its dot).
"""

from __future__ import annotations

import re
import unicodedata

FLAG_PRIMARY = 1  # the entry's own name, or a curated (project-written) alias
FLAG_UPPER_ONLY = 2  # abbreviation such as "US": only matches when the query has no lower-case letter
FLAG_DOTTED = 4  # abbreviation such as "Tenn.": only matches when the query is written with its dot
SKELETON_PREFIX = "~"  # names.arrow keys starting with this are spelling skeletons (gazetteer.variants)

# Letters that Unicode decomposition leaves alone, folded to their usual Latin spelling.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ŀ": "l",
        "ß": "ss",
    }
)
_DROP = re.compile(r"['’‘ʼʻ`´′ʹʺ\"“”.]")  # apostrophes, quotes and dots vanish: "U.S." -> "us"
_SPACE = re.compile(r"[\s\-‐‑‒–—―−_,;:/()\[\]]+")  # hyphens, dashes, punctuation -> one space
_LATIN = re.compile(r"^[\u0020-\u024F\u0250-\u02FF\u0300-\u036F\u1E00-\u1EFF\u2010-\u2019]+$")


def normalize_name(s: str) -> str:
    """The lookup key of a name: casefolded, no diacritics/apostrophes/dots, one space, no leading "the"."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_FOLD)
    s = _SPACE.sub(" ", _DROP.sub("", s)).strip()
    return s[4:] if s.startswith("the ") else s


def is_latin(s: str) -> bool:
    """True when every character is Latin script, punctuation or a combining mark (diacritics kept)."""
    return bool(_LATIN.match(s))


_CYRILLIC = re.compile(r"^[\u0400-\u04FF\u0300-\u036F'’ʼ\- .]+$")


def is_cyrillic(name: str) -> bool:
    """True when the name is written in Cyrillic (with apostrophes, hyphens, spaces and accents)."""
    return bool(_CYRILLIC.match(name)) and any("\u0400" <= ch <= "\u04ff" for ch in name)


def keep_alternate(alt: str) -> bool:
    """Whether a GeoNames alternate name is kept: Latin script, capitalised (lower-case ones are
    romanised non-Latin names such as "kiu"), no digits, and not an airport code ("IEV")."""
    if not alt or not is_latin(alt) or any(ch.isdigit() for ch in alt):
        return False
    if not any(ch.isupper() for ch in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return len(normalize_name(alt)) >= 3


def upper_only_flag(alias: str) -> int:
    """``FLAG_UPPER_ONLY`` for an abbreviation of at most five capitals ("USA", "U.K."), else 0."""
    letters = alias.replace(".", "").replace(" ", "")
    return FLAG_UPPER_ONLY if letters.isalpha() and letters.isupper() and len(letters) <= 5 else 0

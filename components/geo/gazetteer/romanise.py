"""Cyrillic place names written in Latin letters, the way GeoNames' alternate names write them.

GeoNames lacks many Russian Cyrillic forms of Ukrainian places ("Великая Новосёлка", "Работино") but holds
their Russian romanisations ("Velikaya Novoselka", "Rabotino") beside the Ukrainian ones. A name the
gazetteer does not know in Cyrillic is looked up once more in Latin: Russian text by the BGN/PCGN scheme,
Ukrainian text by the Ukrainian national scheme (both without diacritics, soft and hard signs dropped).
"""

from __future__ import annotations

COMMON = {
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "ж": "zh",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ъ": "",
    "ю": "yu",
    "я": "ya",
    "'": "",
    "’": "",
    "ʼ": "",
}
RUSSIAN = COMMON | {"г": "g", "е": "e", "ё": "e", "и": "i", "й": "y", "ы": "y", "э": "e"}
UKRAINIAN = COMMON | {"г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i"}
VOWELS = set("аеёиоуыэюяіїє")


def romanise(name: str, lang: str) -> str:
    """The name in Latin letters ("Великая Новосёлка" -> "Velikaya Novoselka"); other letters are kept."""
    table = RUSSIAN if lang == "ru" else UKRAINIAN
    out = []
    for i, ch in enumerate(name):
        low = ch.lower()
        latin = table.get(low)
        if (
            lang == "ru"
            and low in "её"
            and (i == 0 or not name[i - 1].isalpha() or name[i - 1].lower() in VOWELS)
        ):
            latin = "ye"  # BGN/PCGN: "Dachnoye", "Yenakiyevo"
        if latin is None:
            out.append(ch)
        elif ch != low and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)

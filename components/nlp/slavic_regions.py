"""Regions named in Ukrainian and Russian text: "Харківської області", "в Белгородской области",
"на Херсонщині", "у Криму", districts and hromadas: "Покровського району", "Волчанской громады", and the
front axes named after a town: "на Авдіївському напрямку" (the places of that sentence lie near the town).

An oblast is written as an adjective before the word for region ("Донецька область", "Донецкой области",
"обл.") or as its colloquial name ("Донеччина", "Херсонщина": any case). Both are read by the adjective's
stem, from a table the project wrote (the oblasts of Ukraine and the Russian regions on the border); the
region's English name is how the gazetteer knows it. A district ("району", "района") is named after its
centre: the adjective gives the centre's name ("Покровського" -> "Покровськ"), which the caller looks up to
find the raion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.nlp.slavic_places import words

# English admin1 name -> stems of its adjective (uk and ru) and of its colloquial name.
OBLASTS: dict[str, tuple[str, ...]] = {
    "Cherkasy Oblast": ("черкась", "черкасск", "черкащин"),
    "Chernihiv Oblast": ("чернігівськ", "черниговск", "чернігівщин", "черниговщин"),
    "Chernivtsi Oblast": ("чернівецьк", "черновицк", "буковин"),
    "Dnipropetrovsk Oblast": ("дніпропетровськ", "днепропетровск", "дніпропетровщин", "днепропетровщин"),
    "Donetsk Oblast": ("донецьк", "донецк", "донеччин", "донетчин"),
    "Ivano-Frankivsk Oblast": ("івано-франківськ", "ивано-франковск", "прикарпатт"),
    "Kharkiv Oblast": ("харківськ", "харьковск", "харківщин", "харьковщин", "слобожанщин"),
    "Kherson Oblast": ("херсонськ", "херсонск", "херсонщин"),
    "Khmelnytskyi Oblast": ("хмельницьк", "хмельницк", "хмельниччин"),
    "Kirovohrad Oblast": ("кіровоградськ", "кировоградск", "кіровоградщин", "кировоградщин"),
    "Kyiv Oblast": ("київськ", "киевск", "київщин", "киевщин"),
    "Luhansk Oblast": ("луганськ", "луганск", "луганщин", "луганщин"),
    "Lviv Oblast": ("львівськ", "львовск", "львівщин", "львовщин"),
    "Mykolaiv Oblast": ("миколаївськ", "николаевск", "миколаївщин", "николаевщин"),
    "Odesa Oblast": ("одеськ", "одесск", "одещин", "одесчин"),
    "Poltava Oblast": ("полтавськ", "полтавск", "полтавщин"),
    "Rivne Oblast": ("рівненськ", "ровенск", "рівненщин"),
    "Sumy Oblast": ("сумськ", "сумск", "сумщин"),
    "Ternopil Oblast": ("тернопільськ", "тернопольск", "тернопільщин"),
    "Vinnytsia Oblast": ("вінницьк", "винницк", "вінниччин"),
    "Volyn Oblast": ("волинськ", "волынск", "волин", "волын"),
    "Zakarpattia Oblast": ("закарпатськ", "закарпатск", "закарпатт", "закарпать"),
    "Zaporizhzhia Oblast": ("запорізьк", "запорожск", "запоріжчин", "запорожчин"),
    "Zhytomyr Oblast": ("житомирськ", "житомирск", "житомирщин"),
    "Belgorod Oblast": ("бєлгородськ", "белгородськ", "белгородск", "бєлгородщин", "белгородчин"),
    "Kursk Oblast": ("курськ", "курск", "курщин"),
    "Bryansk Oblast": ("брянськ", "брянск", "брянщин"),
    "Rostov Oblast": ("ростовськ", "ростовск", "ростовщин"),
    "Voronezh Oblast": ("воронезьк", "воронежск", "воронежчин"),
    "Krasnodar Krai": ("краснодарськ", "краснодарск", "кубан"),
}
CRIMEA = re.compile(r"^(?:крим|криму|кримом|крым|крыму|крымом|кримськ\w*|крымск\w*)$")
REGION_WORD = re.compile(r"^(?:област[іьи]|область|областю|областью|обл|краю|край|крае|краем|автономн\w*)$")
DISTRICT_WORD = re.compile(
    r"^(?:район|району|районі|района|районе|районом|р-н|р-ну|р-на|р-не|"
    r"громада|громади|громаді|громаду|громадою|громады|громаде|громадой|громад)$"
)
# A front axis named after a town: "на Покровському напрямку", "на Купянском направлении".
AXIS_WORD = re.compile(r"^(?:напрям\w*|направлени\w*)$")
ZAPORIZHZHIA = re.compile(r"^(?:запоріжж|запорожь)\w*$")
COLLOQUIAL = re.compile(r"(?:щин|ччин|чин|тт|ть|ин|ын)$")
ADJECTIVE_END = re.compile(r"(?:ий|ій|ого|ому|ім|ої|ій|у|а|ої|ою|е|ая|ой|ую|ое|ом|ом|их|ых|ими|ыми|і|ы)$")


@dataclass(frozen=True)
class RegionMention:
    """A region named in the text: its span, and the region's English name (oblast) or the centre's
    nominative name (district)."""

    start_char: int
    end_char: int
    text: str
    names: tuple[str, ...]  # the oblast's English name, or the district centre's possible nominatives
    kind: str  # "oblast", "district" or "axis"


def oblast_of(word: str) -> str | None:
    """The English name of the oblast whose adjective or colloquial name starts this word, or None."""
    low = word.casefold().replace("’", "'")
    if CRIMEA.match(low):
        return "Crimea"
    for region, stems in OBLASTS.items():
        if any(low.startswith(stem) for stem in stems):
            return region
    return None


def is_colloquial(word: str, region: str) -> bool:
    """Is the word the region's colloquial noun ("Херсонщині", "Буковині", "Криму"), not an adjective?"""
    low = word.casefold()
    if CRIMEA.match(low):
        return "ськ" not in low and "ск" not in low
    return any(low.startswith(stem) and COLLOQUIAL.search(stem) for stem in OBLASTS[region])


def district_centres(adjective: str) -> tuple[str, ...]:
    """The nominatives the district's centre may have, from its adjective: "Покровського" -> ("Покровськ",
    "Покров"), "Бахмутского" -> ("Бахмутск", "Бахмут"), "Василівського" also -> "Василівка" (tried last); a
    hyphenated centre may be an adjective itself ("Новгород-Сіверського" -> "Новгород-Сіверський")."""
    stem = ADJECTIVE_END.sub("", adjective)
    out = [stem]
    for suffix in ("ськ", "цьк", "ск", "цк"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
            out.append(stem[: -len(suffix)])
    for suffix in ("івськ", "ївськ", "овск", "евск"):
        if stem.endswith(suffix):
            out.append(stem[: -len(suffix) + 2] + "ка")  # "Василівського" -> "Василівка"
    if "-" in stem and stem.endswith(("ськ", "цьк", "ск", "цк")):
        out.append(stem + "ий")  # a centre whose own name is an adjective: "Новгород-Сіверський"
    return tuple(word[:1].upper() + word[1:] for word in out)


def axis_centres(adjective: str) -> tuple[str, ...]:
    """The nominatives the town an axis is named after may have: those of a district centre, and the
    neuter of a town in -ове/-ово ("Курахівського" -> "Курахове") and a town in -інка ("Мар'їнського" ->
    "Мар'їнка")."""
    out = list(district_centres(adjective))
    stem = out[0]
    for suffix, town in (
        ("івськ", "ове"),
        ("овск", "ово"),
        ("інськ", "інка"),
        ("їнськ", "їнка"),
        ("инск", "инка"),
    ):
        if stem.endswith(suffix):
            out.append(stem[: -len(suffix)] + town)
    return tuple(dict.fromkeys(out))


def find_regions(text: str) -> list[RegionMention]:
    """Every oblast and district named in a Ukrainian or Russian text, in text order."""
    tokens = words(text)
    out: list[RegionMention] = []
    for i, (start, end, word) in enumerate(tokens):
        if not word[:1].isupper():
            continue
        after = tokens[i + 1][2].casefold().rstrip(".") if i + 1 < len(tokens) else ""
        region = oblast_of(word)
        before = tokens[i - 1][2].casefold() if i else ""
        if region is None and before == "на" and ZAPORIZHZHIA.match(word.casefold()):
            region = "Zaporizhzhia Oblast"  # "на Запоріжжі": the region; "у Запоріжжі": the city
            out.append(RegionMention(start, end, word, (region,), "oblast"))
        elif region and (REGION_WORD.match(after) or is_colloquial(word, region)):
            stop = tokens[i + 1][1] if REGION_WORD.match(after) else end
            out.append(RegionMention(start, stop, text[start:stop], (region,), "oblast"))
        elif DISTRICT_WORD.match(after) and ADJECTIVE_END.search(word.casefold()):
            stop = tokens[i + 1][1]
            out.append(RegionMention(start, stop, text[start:stop], district_centres(word), "district"))
        elif AXIS_WORD.match(after) and ADJECTIVE_END.search(word.casefold()):
            stop = tokens[i + 1][1]
            out.append(RegionMention(start, stop, text[start:stop], axis_centres(word), "axis"))
    return out

"""Spelling skeletons: one key for the transliterations of one Ukrainian or Russian place name.

News, ACLED, GeoNames and official lists romanise the same name differently: Kurdiumivka / Kurdyumivka,
Huliaipole / Hulyaypole, Zelene / Zelenoye, Shchastia / Schastya, Kryvyi Rih / Kryvyy Rih, Kharkiv / Harkiv,
Zaporizhzhia / Zaporizhia, Marinka / Mar'inka / Mar'yinka. ``skeleton`` folds these differences away: the
vowel-softening y/i letters, kh/h, shch/sch, doubled letters and the Russian "-oye" ending of the Ukrainian
"-e". The gazetteer indexes the skeletons of the names of the villages it imports and looks a name up by its
skeleton only when its exact key finds nothing, so a variant never outranks a name spelled as written.
"""

from __future__ import annotations

import re

_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"shch", "sch"),
        (r"kh", "h"),
        (r"zh(?=zh)", ""),  # Zaporizhzhia -> Zaporizhia
        (r"oye\b", "e"),  # Zelenoye -> Zelene, Novoye -> Nove
        (r"(?<=[aeiou])ye\b", "e"),
        (r"[iy]+(?=[aeiou])", ""),  # ia/ya/iu/yu/ie/ye/io/yo: the softening letter goes
        (r"[iy]+", "i"),  # yi/iy/yy/ii/y -> i
        (r"([a-z])\1+", r"\1"),  # doubled letters
        (r"[^a-z ]", ""),
    )
)
MIN_LENGTH = 4  # skeletons shorter than this match too much


def skeleton(key: str) -> str:
    """The skeleton of a normalised name key (lower-case, ASCII-folded): "kurdiumivka" -> "kurdumivka"."""
    out = key
    for pattern, repl in _STEPS:
        out = pattern.sub(repl, out)
    out = " ".join(out.split())
    return out if len(out.replace(" ", "")) >= MIN_LENGTH else ""

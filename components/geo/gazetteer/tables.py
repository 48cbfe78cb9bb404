"""Project-written tables the gazetteer build adds to the package data (curated names count as primary)."""

from __future__ import annotations

# Country aliases: curated, so they count as primary names. All-capital ones are upper-case only.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "US", "U.S.", "U.S.A.", "America", "United States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RU": ("Russian Federation",),
    "UA": ("Ukraina",),
    "BY": ("Republic of Belarus", "Byelorussia"),
    "MD": ("Republic of Moldova",),
    "CZ": ("Czech Republic",),
    "KR": ("South Korea", "Republic of Korea", "ROK"),
    "KP": ("North Korea", "DPRK"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Côte d'Ivoire", "Ivory Coast"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories"),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",),
    "TR": ("Türkiye", "Turkiye"),
    "MK": ("North Macedonia", "Macedonia"),
    "MM": ("Burma",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CN": ("PRC", "People's Republic of China"),
    "TW": ("Taiwan",),
    "VA": ("Vatican", "Holy See"),
    "TL": ("East Timor",),
    "CV": ("Cabo Verde",),
    "SZ": ("Eswatini", "Swaziland"),
}
# Country points that differ from countryinfo's conventional one, as GeoNames places the country: the
# United States at the geographic centre of the contiguous states (near Lebanon, Kansas; US National
# Geodetic Survey), not the rounded 38 N 97 W of countryinfo (235 km away).
COUNTRY_POINTS: dict[str, tuple[float, float]] = {"US": (39.8333, -98.5833)}
# Region display names where the source's name is not the usual English one.
REGION_NAMES = {"UA.11": "Crimea", "UA.20": "Sevastopol", "UA.12": "Kyiv City", "RU.48": "Moscow"}
REGION_EXTRA_ALIASES = {"UA.11": ("Autonomous Republic of Crimea", "Crimean Peninsula", "Krym")}
# AP-style abbreviations of US states as news datelines write them ("Columbus, Ohio", "Paris, Tenn.");
# they match only when written with their dot (FLAG_DOTTED), so "Miss" or "Wash" alone never do.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",),
    "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",),
    "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",),
    "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",),
    "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."),
    "PA": ("Pa.", "Penn."), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",),
    "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}  # fmt: skip
# Transliteration gaps verified against cities500 (key: geonameid; names are curated aliases).
CITY_ALIASES: dict[int, tuple[str, ...]] = {
    687700: ("Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporozhe"),  # Zaporizhzhia city (~710k)
    700569: ("Nikolaev", "Nikolayev", "Mykolayiv"),  # Mykolaiv
    4140963: ("Washington, D.C.", "Washington DC", "District of Columbia"),  # Washington, D.C.
}
# Adjectives of GeoNames' continents (by GeoNames continent code): "European" names Europe as "Irish" names
# Ireland (both gold corpora annotate such adjectives as toponyms). Plurals are handled at lookup.
CONTINENT_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "AF": ("African",), "AS": ("Asian",), "EU": ("European",), "NA": ("North American",),
    "SA": ("South American",), "OC": ("Oceanian",), "AN": ("Antarctic",),
}  # fmt: skip

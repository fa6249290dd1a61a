"""Partner countries: rough relative sizes and commodity affinities.

These are round, hand-set magnitudes (percent of Japan's trade, roughly of the
mid-2020s) that only shape the synthetic detail. The published regional totals
(US, EU, Asia, China) are imposed afterwards by raking, and the country
weights are calibrated so the unraked years line up with them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# MOF country code -> rough share (percent) of Japan's exports / imports
MAJOR_PARTNERS = {
    "export": {
        "304": 19.5, "105": 17.5, "103": 6.6, "106": 7.0, "108": 4.8, "111": 4.0, "112": 3.2,
        "110": 2.9, "113": 2.0, "118": 1.4, "117": 1.5, "123": 1.8, "601": 2.0, "213": 2.5,
        "207": 1.5, "205": 1.3, "210": 0.7, "208": 0.8, "220": 0.5, "302": 1.3, "305": 1.3,
        "147": 1.3, "137": 0.6, "224": 0.2, "215": 0.5, "606": 0.3, "410": 0.4, "409": 0.2,
        "551": 0.2, "218": 0.3, "206": 0.2, "203": 0.2, "223": 0.3, "225": 0.1, "245": 0.2,
        "227": 0.2, "234": 0.4, "140": 0.1, "138": 0.1, "124": 0.1, "127": 0.2, "143": 0.2,
        "312": 0.5, "515": 0.4, "122": 0.05, "120": 0.05, "125": 0.05, "107": 0.05,
    },
    "import": {
        "105": 22.5, "304": 11.0, "601": 7.6, "147": 4.5, "106": 4.6, "103": 3.7, "137": 4.2,
        "110": 3.3, "111": 3.0, "113": 2.5, "118": 2.8, "213": 2.6, "140": 1.5, "117": 1.0,
        "123": 0.7, "138": 0.6, "224": 1.2, "302": 1.5, "410": 1.0, "409": 0.8, "215": 1.3,
        "210": 1.3, "220": 1.2, "205": 0.8, "206": 0.8, "207": 0.4, "208": 0.4, "112": 1.0,
        "108": 0.1, "305": 0.7, "407": 0.3, "606": 0.3, "551": 0.6, "141": 0.5, "127": 0.3,
        "120": 0.2, "122": 0.2, "218": 0.5, "222": 0.2, "203": 0.3, "204": 0.4, "225": 0.2,
        "234": 0.1, "202": 0.4, "134": 0.2, "153": 0.1, "602": 0.3, "116": 0.3, "125": 0.05,
    },
}

CONTINENT_BASELINE = {"1": 0.05, "2": 0.04, "3": 0.015, "4": 0.015, "5": 0.008, "6": 0.008, "7": 0.0}

# HS chapter (2 digits) -> {country: multiplier}
AFFINITY = {
    "import": {
        "27": {"147": 30, "137": 30, "140": 20, "138": 15, "141": 10, "601": 8, "118": 5, "113": 8,
               "224": 5, "116": 15, "602": 10, "304": 2},
        "26": {"601": 10, "410": 15, "409": 15, "407": 15, "551": 10, "302": 5},
        "02": {"304": 3, "601": 5, "302": 4, "410": 5, "111": 5, "305": 4},
        "16": {"111": 6, "105": 3, "410": 3},
        "03": {"409": 5, "202": 8, "224": 4, "110": 2, "111": 2, "304": 2},
        "10": {"304": 5, "302": 6, "601": 4, "410": 4},
        "12": {"304": 5, "302": 6, "410": 6},
        "61": {"105": 3, "110": 4, "127": 5, "120": 5, "122": 5, "118": 2},
        "62": {"105": 3, "110": 4, "127": 5, "120": 5, "122": 5, "118": 2},
        "64": {"105": 3, "110": 5, "118": 4, "120": 4},
        "30": {"213": 3, "304": 2, "215": 4, "206": 6, "208": 3, "220": 2, "210": 2, "203": 2, "204": 3},
        "85": {"105": 1.5, "106": 2, "103": 1.5, "110": 1.5, "111": 1.2, "113": 1.5, "117": 1.5},
        "84": {"105": 1.5, "106": 1.5, "304": 1.3, "111": 1.2, "113": 1.3},
        "88": {"304": 5, "210": 5, "213": 2},
        "87": {"213": 5, "111": 2, "305": 2, "304": 1.5, "205": 2},
        "44": {"302": 5, "202": 3, "222": 4, "203": 4, "224": 3},
    },
    "export": {
        "87": {"304": 2.5, "601": 3, "147": 3, "137": 3, "302": 3, "140": 2, "138": 2, "606": 3},
        "89": {"312": 30, "515": 30, "112": 5, "315": 10, "221": 5},
        "85": {"105": 1.5, "106": 2, "103": 1.5, "108": 1.5, "304": 1.2},
        "84": {"105": 1.5, "106": 1.5, "103": 1.3, "304": 1.3},
        "27": {"103": 4, "106": 3, "112": 4, "105": 2},
        "72": {"103": 2, "111": 2, "105": 1.5, "110": 1.5, "118": 1.5},
        "71": {"108": 3, "112": 2, "105": 1.5, "215": 5, "205": 3},
        "30": {"304": 3, "215": 3, "213": 2, "105": 1.5},
        "29": {"105": 2, "103": 2, "106": 2},
        "39": {"105": 2, "106": 1.5, "108": 1.5, "111": 1.5},
    },
}

# countries kept at the small scale besides every member of Asia, the EU (with the UK) and the US
SMALL_EXTRA = ("601", "606", "302", "305", "410", "409", "407", "147", "137", "138", "140", "141",
               "143", "215", "202", "224", "234", "551", "312", "515", "701", "702", "703")

SPECIAL_COUNTRIES = ("701", "702", "703")


def base_weights(countries: pd.DataFrame, flow: str, rng: np.random.Generator) -> np.ndarray:
    codes = countries["country_code"].tolist()
    continents = countries["continent_code"].astype(str).str.strip().tolist()
    noise = np.exp(rng.normal(0.0, 1.0, len(codes)))
    weights = np.array([CONTINENT_BASELINE.get(c, 0.01) for c in continents]) * noise
    majors = MAJOR_PARTNERS[flow]
    for i, code in enumerate(codes):
        if code in majors:
            weights[i] = majors[code]
        if code in SPECIAL_COUNTRIES:
            weights[i] = 0.0
    return weights


def affinity_matrix(codes: pd.Series, countries: pd.DataFrame, flow: str) -> np.ndarray:
    """Multiplier per (code, country) from the code's HS chapter."""
    index = {c: i for i, c in enumerate(countries["country_code"])}
    out = np.ones((len(codes), len(countries)))
    chapters = codes.str[:2].to_numpy()
    for chapter, boosts in AFFINITY[flow].items():
        rows = np.flatnonzero(chapters == chapter)
        if not len(rows):
            continue
        for country, factor in boosts.items():
            if country in index:
                out[rows, index[country]] = factor
    return out

"""The country, area-membership and release-name seeds, checked against outside evidence.

Expected values come from the MOF code list with e-Stat's names (data/country-codes, a copy of
shared/data/reference/mof-country-codes.csv), the release XML files themselves (their page 2, the
page titles, the index rows, the table of contents) and the layout their README documents — never
from the seeds under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("JAPAN_TRADE_SHARED", PROJECT.parent / "shared"))
SEEDS = PROJECT / "seeds" / "reference"
SHIPPED_LIST = PROJECT / "data" / "country-codes" / "mof-country-codes.csv"
SHARED_LIST = SHARED / "data" / "reference" / "mof-country-codes.csv"
XML_FILES = {"press_2026014en.xml": ("en", dt.date(2026, 1, 1)),
             "press_2026015en.xml": ("en", dt.date(2026, 1, 1)),
             "press_2026074ja.xml": ("ja", dt.date(2026, 7, 1))}
GEOGRAPHIC = {"asia", "oceania", "north_america", "latin_america", "western_europe",
              "central_eastern_europe_russia", "middle_east", "africa"}
#: the page-2 level-1 rows in print order (release-xml/README.md "Order: world; アジア/ASIA …")
PG2_AREAS = ["world", "asia", "asean", "oceania", "north_america", "latin_america", "western_europe",
             "central_eastern_europe_russia", "eu", "middle_east", "africa"]
#: areas of the commodity pages pg5–pg12 and pg13–pg20 (README: USA, EU, ASIA, CHINA, R KOREA, ASEAN,
#: MIDDLE EAST, RUSSIA) and of the index pages pg21–pg26 (WORLD, USA, EU, ASIA, CHINA)
COMMODITY_PAGE_AREAS = ["304", "eu", "asia", "105", "103", "asean", "middle_east", "224"]
INDEX_AREAS = ["world", "304", "eu", "asia", "105"]
#: abbreviations the Japan Tariff Association quotes (shared/data/reference/README.md, domain-notes §2)
KANZEI = {"103": "R KOREA", "104": "N KOREA", "105": "CHINA", "106": "TAIWAN", "107": "MONGOL",
          "108": "HG KONG", "110": "VIETNAM", "111": "THAILND", "112": "SNGAPOR", "113": "MALYSIA",
          "116": "BRUNEI", "117": "PHILPIN", "118": "INDNSIA", "120": "CAMBOD", "121": "LAOS",
          "122": "MYANMAR", "123": "INDIA"}
LAST_BRACKETS = re.compile(r"[(（]([^()（）]*)[)）]\s*$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def xml_path(name: str) -> Path:
    """The release XML: shipped in the project if another change ships it, else the shared copy."""
    for folder in (PROJECT / "data" / "official" / "release-xml", SHARED / "data" / "official" / "release-xml"):
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"{name} is not available (no ../shared here)")


def page(name: str, number: int) -> ET.Element:
    root = ET.parse(xml_path(name)).getroot()
    return next(child for child in root if child.get("name") == f"pg{number}")


def pg2_rows(name: str) -> list[tuple[int, str]]:
    """(chiikikunikbn, trimmed chiikikuni) of the 47 rows of page 2."""
    return [(int(row.findtext("chiikikunikbn")), row.findtext("chiikikuni").strip())
            for row in page(name, 2).iter("chiikikunisogakuinfo")]


def printed_names(name: str) -> dict[str, list[str]]:
    """Every area name of a file by context, in page order (the contexts of the seed's printed_on)."""
    root = ET.parse(xml_path(name)).getroot()
    out: dict[str, list[str]] = {"pg2": [n for _, n in pg2_rows(name)], "pg3-pg20 title": [],
                                 "pg21": [], "pg22-pg26 title": [], "mokuji": []}
    for child in root:
        if child.tag == "shuyochiikikunihin":
            out["pg3-pg20 title"].append(LAST_BRACKETS.search(child.findtext("title")).group(1).strip())
        elif child.tag == "shisu":
            out["pg21"] += [element.text.strip() for element in child.iter("chiiki")]
        elif child.tag == "chiikishisu":
            out["pg22-pg26 title"].append(LAST_BRACKETS.search(child.findtext("title")).group(1).strip())
        elif child.tag == "mokuji":
            for entry in child.iter("page"):
                number = int(entry.get("href").removeprefix("#pg"))
                if 3 <= number <= 20 or 22 <= number <= 26:
                    out["mokuji"].append(LAST_BRACKETS.search(entry.findtext("pagemei")).group(1).strip())
    return out


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, str]]:
    rows = read_csv(SHARED_LIST if SHARED_LIST.exists() else SHIPPED_LIST)
    return {row["country_code"]: row for row in rows}


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, str]]:
    return {row["country_code"]: row for row in read_csv(SEEDS / "countries.csv")}


@pytest.fixture(scope="module")
def names() -> dict[tuple[str, str], dict[str, str]]:
    rows = read_csv(SEEDS / "release_area_names.csv")
    keys = [(row["language"], row["printed_name"]) for row in rows]
    assert len(keys) == len(set(keys)), "release_area_names: (language, printed_name) is not unique"
    return dict(zip(keys, rows))


@pytest.fixture(scope="module")
def memberships() -> list[dict[str, str]]:
    return read_csv(SEEDS / "area_memberships.csv")


def members_on(memberships: list[dict[str, str]], month: dt.date) -> dict[str, set[str]]:
    """Areas of each country on ``month`` (valid_to exclusive)."""
    out: dict[str, set[str]] = {}
    for row in memberships:
        start = dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else dt.date.min
        end = dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else dt.date.max
        if start <= month < end:
            out.setdefault(row["country_code"], set()).add(row["area_code"])
    return out


# ---------------------------------------------------------------- the country list

def test_shipped_list_is_the_reference_list_byte_for_byte():
    digest = hashlib.sha256(SHIPPED_LIST.read_bytes()).hexdigest()
    sums = (SHIPPED_LIST.parent / "SHA256SUMS").read_text(encoding="utf-8").split()
    assert sums == [digest, "mof-country-codes.csv"]
    if SHARED_LIST.exists():
        assert digest == hashlib.sha256(SHARED_LIST.read_bytes()).hexdigest()


def test_every_country_row_equals_the_reference_list(countries, reference):
    assert len(reference) == 235
    assert set(countries) == set(reference)
    for code, row in countries.items():
        expected = reference[code]
        assert (row["name_ja"], row["name_en"], row["continent_code"]) == (
            expected["name_ja"], expected["name_en"], expected["continent_digit"]), code


def test_the_codes_the_issue_names_carry_their_countries(countries):
    # issue 10: "137 is サウジアラビア, 138 クウェート, 140 カタール, 141 オマーン, 215 スイス"
    assert {code: countries[code]["name_ja"] for code in ("137", "138", "140", "141", "215")} == {
        "137": "サウジアラビア", "138": "クウェート", "140": "カタール", "141": "オマーン", "215": "スイス"}
    # codes that do not exist in the reference list (its README) are gone
    assert not {"136", "139", "142", "214", "313", "318", "603", "604", "623"} & set(countries)


def test_abbreviations_only_where_the_release_or_the_kanzei_list_prints_them(countries, reference):
    # an English page-2 row names the country of the Japanese row at the same position
    en, ja = pg2_rows("press_2026014en.xml"), pg2_rows("press_2026074ja.xml")
    by_name_ja = {row["name_ja"]: code for code, row in reference.items()}
    printed = {by_name_ja[name_ja]: name_en for (level, name_en), (_, name_ja) in zip(en, ja) if level == 2}
    expected = KANZEI | printed
    assert {code: row["mof_abbreviation"] for code, row in countries.items() if row["mof_abbreviation"]} == expected
    assert all(row["note"] for row in countries.values())


# ---------------------------------------------------------------- release names

@pytest.mark.parametrize("name", sorted(XML_FILES))
def test_every_page2_name_maps_to_exactly_one_area_code_at_its_level(name, names):
    language = XML_FILES[name][0]
    rows = pg2_rows(name)
    assert len(rows) == 47
    mapped = []
    for level, printed in rows:
        row = names.get((language, printed))
        assert row is not None, f"{name}: {printed!r} is not in release_area_names"
        assert int(row["printed_level"]) == level, printed
        mapped.append(row["area_code"])
    assert [code for (level, _), code in zip(rows, mapped) if level < 2] == PG2_AREAS
    assert len([code for (level, _), code in zip(rows, mapped) if level == 2]) == 36


def test_english_and_japanese_page2_rows_map_to_the_same_codes(names):
    ja = pg2_rows("press_2026074ja.xml")
    for english in ("press_2026014en.xml", "press_2026015en.xml"):
        en = pg2_rows(english)
        assert [level for level, _ in en] == [level for level, _ in ja]
        for (_, name_en), (_, name_ja) in zip(en, ja):
            assert names[("en", name_en)]["area_code"] == names[("ja", name_ja)]["area_code"], (name_en, name_ja)


def test_every_country_the_release_names_maps_to_the_code_of_that_name(names, reference):
    # Japanese file: the printed name is e-Stat's name of the code (no short form on page 2)
    for level, printed in pg2_rows("press_2026074ja.xml"):
        if level == 2:
            row = names[("ja", printed)]
            assert reference[row["area_code"]]["name_ja"] == printed
            assert row["is_short_form"] == "false"
    # the abbreviations the issue names
    english = {printed: names[("en", printed)]["area_code"] for printed in
               ("SU ARAB", "KUWAIT", "QATAR", "OMAN", "SWITZLD", "U ARB E", "SNGAPOR", "HG KONG", "USA", "CHINA")}
    assert english == {"SU ARAB": "137", "KUWAIT": "138", "QATAR": "140", "OMAN": "141", "SWITZLD": "215",
                       "U ARB E": "147", "SNGAPOR": "112", "HG KONG": "108", "USA": "304", "CHINA": "105"}
    assert names[("en", "C&E EURO")]["area_code"] == "central_eastern_europe_russia"
    assert names[("ja", "中東欧・ロシア等")]["area_code"] == "central_eastern_europe_russia"
    assert names[("en", "MIDDLE SOUTH AMERICA")]["area_code"] == "latin_america"


def test_japanese_country_names_are_estat_names_or_listed_short_forms(names, reference):
    text = SHARED / "reference" / "mof-release-2026-01.txt"
    for (language, printed), row in names.items():
        if row["printed_level"] != "2":
            continue
        if language == "ja" and row["is_short_form"] == "false":
            assert reference[row["area_code"]]["name_ja"] == printed
        if row["is_short_form"] == "true":
            assert language == "ja" and reference[row["area_code"]]["name_ja"] != printed
            assert row["printed_on"] == "release text" and row["note"]
            if text.exists():
                assert f"(対{printed})" in text.read_text(encoding="utf-8")
    assert {(row["printed_name"], row["area_code"]) for row in names.values() if row["is_short_form"] == "true"} == {
        ("米国", "304"), ("中国", "105")}


@pytest.mark.parametrize("name", sorted(XML_FILES))
def test_names_on_the_other_pages_map_to_the_documented_areas(name, names):
    language = XML_FILES[name][0]
    found = printed_names(name)

    def codes(context: str) -> list[str]:
        return [names[(language, printed)]["area_code"] for printed in found[context]]

    assert codes("pg3-pg20 title") == ["world", "world"] + COMMODITY_PAGE_AREAS * 2
    assert codes("pg21") == INDEX_AREAS * 2
    assert codes("pg22-pg26 title") == INDEX_AREAS
    assert codes("mokuji") == ["world", "world"] + COMMODITY_PAGE_AREAS * 2 + INDEX_AREAS


def test_printed_on_lists_exactly_where_each_name_is_printed(names):
    seen: dict[tuple[str, str], set[str]] = {}
    for name, (language, _) in XML_FILES.items():
        for context, printed in printed_names(name).items():
            for text in printed:
                seen.setdefault((language, text), set()).add(context)
    for key, row in names.items():
        if row["printed_on"] == "release text":
            continue
        assert set(row["printed_on"].split("|")) == seen.get(key), key
    assert set(seen) <= set(names)


# ---------------------------------------------------------------- area memberships

def test_memberships_reference_only_existing_codes(memberships, reference):
    assert {row["country_code"] for row in memberships} <= set(reference)


@pytest.mark.parametrize("month", [dt.date(1979, 1, 1), dt.date(1995, 1, 1), dt.date(2020, 2, 1),
                                   dt.date(2026, 1, 1), dt.date(2026, 7, 1)])
def test_geographic_areas_partition_the_country_codes(month, memberships, reference, countries):
    areas = members_on(memberships, month)
    for code, row in reference.items():
        starts = countries[code]["valid_from"]
        if starts and dt.date.fromisoformat(starts) > month:
            continue
        geographic = areas.get(code, set()) & GEOGRAPHIC
        if row["continent_digit"] == "7":
            assert not areas.get(code), code
        else:
            assert len(geographic) == 1, (code, row["name_ja"], geographic)


@pytest.mark.parametrize("name", sorted(XML_FILES))
def test_page2_countries_are_members_of_the_area_they_are_listed_under(name, names, memberships):
    language, month = XML_FILES[name]
    areas = members_on(memberships, month)
    area = None
    for level, printed in pg2_rows(name):
        code = names[(language, printed)]["area_code"]
        if level == 1 and code in GEOGRAPHIC:
            area = code
        elif level == 2:
            assert area in areas.get(code, set()), (printed, code, area)


def test_verified_memberships_are_exactly_the_page2_listings(memberships, names):
    en, ja = pg2_rows("press_2026014en.xml"), pg2_rows("press_2026074ja.xml")
    listed, area = set(), None
    for (level, printed), _ in zip(en, ja):
        code = names[("en", printed)]["area_code"]
        if level == 1 and code in GEOGRAPHIC:
            area = code
        elif level == 2:
            listed.add((area, code))
    verified = {(row["area_code"], row["country_code"]) for row in memberships
                if row["area_code"] in GEOGRAPHIC and row["is_inferred"] == "false"}
    assert verified == listed
    assert len(listed) == 36
    for row in memberships:
        assert row["evidence"].startswith(("verified", "3P") if row["is_inferred"] == "false" else "inferred")


# ---------------------------------------------------------------- the synthetic generator's partners

def test_synthetic_partner_codes_are_valid_and_name_the_intended_countries(reference):
    from japan_trade.synthetic import partners

    used = set(partners.SMALL_EXTRA) | set(partners.SPECIAL_COUNTRIES)
    for flow in ("export", "import"):
        used |= set(partners.MAJOR_PARTNERS[flow])
        for boosts in partners.AFFINITY[flow].values():
            used |= set(boosts)
    assert used <= set(reference)
    # the Gulf suppliers of crude oil (HS 27) are the Gulf states by e-Stat's names
    gulf = {reference[code]["name_ja"] for code, factor in partners.AFFINITY["import"]["27"].items() if factor >= 10}
    assert gulf == {"アラブ首長国連邦", "サウジアラビア", "カタール", "クウェート", "オマーン", "ブルネイ", "パプアニューギニア"}
    # Switzerland ships pharmaceuticals (HS 30) and buys precious metals (HS 71)
    assert reference["215"]["name_ja"] == "スイス" and "215" in partners.AFFINITY["import"]["30"]

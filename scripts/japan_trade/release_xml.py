"""Read MOF's monthly release XML (貿易統計速報 and its later parts) and load it as a vintage.

Layout, quirks and the real files: data/official/release-xml/README.md. Decisions:
docs/decisions/loading.md ("Release XML").

* The file is read with the standard library's ElementTree after refusing any DOCTYPE or
  entity declaration (the real files have none; a declaration could expand without bound).
* Pages are keyed on their ``name`` attribute (``pg1`` … ``pg26``), never on their titles.
* Numbers are printed with thousands commas; negatives carry ``△`` (pg1) or ``-``. Cells that
  are not numbers but known markers — ``-`` (none; for a balance growth, the sign changed),
  ``ZENZO`` (previous value nil), ``ZENGEN`` (current value nil), ``*NNN`` (a very large change),
  and empty elements (marker ``''``) — are kept as data: the number is null and the marker column
  holds the printed text. Any other text fails the whole file with file, page, row and field.
* The part (the stage digit of MOF's file names: 1 first 10 days, 2 first 20 days, 4 速報,
  5 exports confirmed + imports 9-digit provisional, 6 確報, 7 確々報 / 確定) is read from the
  file's content: the ``<pdf href="YYYYMM<d>e.pdf">`` element, checked against the wording of
  the pg1 title. Only when the content says nothing is the file name (``press_YYYYMM<d>en.xml``
  or ``YYYYMM<d>e.xml``) used; ``raw.release_xml_files.part_source`` records which.
* Quantities keep their printed unit (trimmed) and are also given in a base unit: MT, KG, NO,
  GT or KL (``TMT`` / 千トン → MT × 1,000; ``TNO`` / 千台 → NO × 1,000; ``MNO`` / 百万個 →
  NO × 1,000,000; ``TKL`` / 千ＫＬ → KL × 1,000).
* Commodity rows are matched to release items by row position AND printed name through
  seeds/reference/release_xml_item_names.csv; pages to flows and area codes through
  seeds/reference/release_xml_pages.csv. Any difference fails the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from .loaders import LoadError, LoadResult, _check_new_file, _record_load

SEED_FOLDER = Path(__file__).resolve().parents[2] / "seeds" / "reference"
FILE_KIND = "release_xml"

#: Parts holding one month's complete release (26 pages) and the stage each flow is at.
#: 4 and 5 are documented in data/official/release-xml/README.md; 6 and 7 follow the labels of
#: the customs press-release page (data/fixtures/web/URLS.md: 6 Detailed 確報, 7 Revised 確々報,
#: or Fixed 確定 for older years — told apart by the title).
FULL_MONTH_STAGES: dict[int, dict[str, str]] = {
    4: {"export": "preliminary", "import": "preliminary"},
    5: {"export": "export_confirmed", "import": "import_9digit_preliminary"},
    6: {"export": "export_confirmed", "import": "import_confirmed"},
    7: {"export": "revised", "import": "revised"},
}
#: Parts holding only the pg1 totals of part of a month; not a vintage of the full month.
PARTIAL_PARTS: dict[int, str] = {1: "first_10_days", 2: "first_20_days"}

#: pg1 title wording → part, tried in order (the first match wins). The English wording of parts 1, 2,
#: 4 and 5 and the Japanese of part 4 are seen in the shipped files; the rest follow the labels of the
#: customs press-release page and only cross-check the pdf link (a title matching none is not an error).
TITLE_PARTS: tuple[tuple[str, int], ...] = (
    ("First 10 days", 1),
    ("First 20 days", 2),
    ("上中旬", 2),
    ("上旬", 1),
    ("Exports:Detailed Data;Imports:Provisional", 5),
    ("確速", 5),
    ("9桁", 5),
    ("９桁", 5),
    ("Fixed", 7),
    ("Revised", 7),
    ("確々報", 7),
    ("確定", 7),
    ("Detailed", 6),
    ("確報", 6),
    ("(Provisional)", 4),
    ("（速報）", 4),
)

#: Printed quantity unit (trimmed) → (base unit, factor to the base unit).
UNIT_SCALES: dict[str, tuple[str, int]] = {
    "MT": ("MT", 1), "KG": ("KG", 1), "NO": ("NO", 1), "GT": ("GT", 1),
    "TMT": ("MT", 1_000), "TNO": ("NO", 1_000), "MNO": ("NO", 1_000_000), "TKL": ("KL", 1_000),
    "トン": ("MT", 1), "ＫＧ": ("KG", 1), "台": ("NO", 1), "総トン": ("GT", 1),
    "千トン": ("MT", 1_000), "千台": ("NO", 1_000), "百万個": ("NO", 1_000_000), "千ＫＬ": ("KL", 1_000),
}

ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
#: Japanese era → the Gregorian year before its first year (令和 1 = 2019).
ERAS = {"令和": 2018, "平成": 1988}

NUMBER = re.compile(r"(?P<sign>[-△])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?")
MARKER = re.compile(r"-|ZENZO|ZENGEN|\*\d+|")
FULL_MONTH_PAGES = tuple(range(1, 27))


class ReleaseXmlError(LoadError):
    """The file is not a release XML we can read whole; nothing was loaded."""


@dataclass(frozen=True)
class Cell:
    """A printed figure: the number, or null and the printed marker."""

    number: Decimal | None
    marker: str | None


@dataclass
class ReleaseXml:
    """Everything one release XML holds, parsed and checked, ready for the raw tables."""

    file_name: str
    language: str
    release_part: int
    part_source: str
    period_month: dt.date
    prior_period_month: dt.date
    published_date: dt.date
    published_as_printed: str
    period_as_printed: str
    title: str
    pdf_href: str | None
    page_numbers: list[int]
    totals: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    indices: list[dict] = field(default_factory=list)

    @property
    def is_partial_month(self) -> bool:
        return self.release_part in PARTIAL_PARTS


# ---------------------------------------------------------------------------
# cells, dates and units


def parse_cell(text: str | None, where: str) -> Cell:
    """``'1,152,664'`` → 1152664; ``'△1,152,664'`` and ``'-1,152,664'`` → −1152664; markers → null + text."""
    printed = (text or "").strip()
    match = NUMBER.fullmatch(printed)
    if match:
        digits = match.group("digits").replace(",", "")
        fraction = match.group("fraction")
        number = Decimal(f"{digits}.{fraction}" if fraction else digits)
        return Cell(-number if match.group("sign") else number, None)
    if MARKER.fullmatch(printed):
        return Cell(None, printed)
    raise ReleaseXmlError(
        f"{where}: {printed!r} is neither a number nor a known marker (-, ZENZO, ZENGEN, *NNN, empty)"
    )


def whole_number(cell: Cell, where: str) -> int | None:
    """The cell's number as an integer; a fraction where whole numbers are printed is an error."""
    if cell.number is None:
        return None
    if cell.number != cell.number.to_integral_value():
        raise ReleaseXmlError(f"{where}: {cell.number} has a fraction where a whole number is printed")
    return int(cell.number)


def _era_year(era: str, year_text: str) -> int:
    return ERAS[era] + (1 if year_text == "元" else int(year_text))


def parse_release_date(text: str, where: str) -> tuple[dt.date, str]:
    """``February 18, 2026`` (English) or ``令和 8年 2月18日`` (Japanese) → (date, language)."""
    printed = unicodedata.normalize("NFKC", (text or "").strip())
    english = re.fullmatch(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", printed)
    if english and english.group(1) in ENGLISH_MONTHS:
        month = ENGLISH_MONTHS.index(english.group(1)) + 1
        return _safe_date(int(english.group(3)), month, int(english.group(2)), text, where), "en"
    japanese = re.fullmatch(r"(令和|平成)\s*(元|\d{1,2})年\s*(\d{1,2})月\s*(\d{1,2})日", printed)
    if japanese:
        year = _era_year(japanese.group(1), japanese.group(2))
        return _safe_date(year, int(japanese.group(3)), int(japanese.group(4)), text, where), "ja"
    raise ReleaseXmlError(f"{where}: release date {text!r} is neither 'Month D, YYYY' nor '令和 Y年 M月D日'")


def _safe_date(year: int, month: int, day: int, text: str, where: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ReleaseXmlError(f"{where}: {text!r} is not a calendar date") from None


def parse_period(text: str | None, where: str) -> tuple[str, dt.date]:
    """A printed period → ('month', first day) or ('year', 1 January).

    English: ``January 2026``, ``2025 February``, ``2023``; Japanese: ``令和 8年 7月``,
    ``令和 8年 7月分``, ``令和 5年``.
    """
    printed = unicodedata.normalize("NFKC", (text or "").strip()).removesuffix("分").strip()
    for pattern in (r"(?P<month>[A-Z][a-z]+) (?P<year>\d{4})", r"(?P<year>\d{4}) (?P<month>[A-Z][a-z]+)"):
        english = re.fullmatch(pattern, printed)
        if english and english.group("month") in ENGLISH_MONTHS:
            return "month", dt.date(int(english.group("year")), ENGLISH_MONTHS.index(english.group("month")) + 1, 1)
    if re.fullmatch(r"\d{4}", printed):
        return "year", dt.date(int(printed), 1, 1)
    japanese = re.fullmatch(r"(令和|平成)\s*(元|\d{1,2})年(?:\s*(\d{1,2})月)?", printed)
    if japanese:
        year = _era_year(japanese.group(1), japanese.group(2))
        if japanese.group(3) is None:
            return "year", dt.date(year, 1, 1)
        month = int(japanese.group(3))
        if 1 <= month <= 12:
            return "month", dt.date(year, month, 1)
    raise ReleaseXmlError(f"{where}: period {text!r} is not a month or year as the release prints them")


def scale_quantity(quantity: int | None, printed_unit: str, where: str) -> tuple[str | None, str | None, int | None]:
    """(printed unit trimmed or null, base unit, quantity in the base unit)."""
    unit = printed_unit.strip()
    if not unit:
        return None, None, None
    if unit not in UNIT_SCALES:
        raise ReleaseXmlError(
            f"{where}: unknown quantity unit {unit!r}; known: {', '.join(UNIT_SCALES)} "
            "(add it to UNIT_SCALES in release_xml.py with its base unit and factor)"
        )
    base_unit, factor = UNIT_SCALES[unit]
    return unit, base_unit, None if quantity is None else quantity * factor


# ---------------------------------------------------------------------------
# seeds: pages and item names


def read_page_seed() -> dict[int, dict[str, str]]:
    """seeds/reference/release_xml_pages.csv keyed by page number."""
    with open(SEED_FOLDER / "release_xml_pages.csv", encoding="utf-8", newline="") as handle:
        return {int(row["page_number"]): row for row in csv.DictReader(handle)}


def read_item_seed() -> dict[str, list[dict[str, str]]]:
    """seeds/reference/release_xml_item_names.csv as the ordered rows of each flow's pages."""
    rows: dict[str, list[dict[str, str]]] = {"export": [], "import": []}
    with open(SEED_FOLDER / "release_xml_item_names.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["flow"]].append(row)
    for flow_rows in rows.values():
        flow_rows.sort(key=lambda row: int(row["row_position"]))
    return rows


# ---------------------------------------------------------------------------
# the document


def read_document(path: Path) -> ET.Element:
    """Parse the file after refusing DOCTYPE / ENTITY declarations; the root must be ``hodoxml``."""
    content = path.read_bytes()
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise ReleaseXmlError(f"{path.name}: has a DOCTYPE or ENTITY declaration, which release XMLs never have; "
                              "refused for safety")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        raise ReleaseXmlError(f"{path.name}: not well-formed XML ({error}); the file may be truncated — "
                              "download it again") from None
    if root.tag != "hodoxml":
        raise ReleaseXmlError(f"{path.name}: root element is <{root.tag}>, expected <hodoxml>: not a MOF release XML")
    return root


def _pages(root: ET.Element, file_name: str) -> dict[int, ET.Element]:
    pages: dict[int, ET.Element] = {}
    for child in root:
        name = child.get("name") or ""
        match = re.fullmatch(r"pg(\d+)", name)
        if not match:
            continue
        number = int(match.group(1))
        if number in pages:
            raise ReleaseXmlError(f"{file_name} {name}: the page appears twice")
        pages[number] = child
    return pages


def _part_from_title(title: str) -> int | None:
    for wording, part in TITLE_PARTS:
        if wording in title:
            return part
    return None


def _determine_part(file_name: str, title: str, pdf_href: str | None,
                    period_month: dt.date) -> tuple[int, str]:
    """The part from the pdf link (content), checked against the title; else the title; else the file name."""
    from_title = _part_from_title(title)
    if pdf_href:
        match = re.fullmatch(r"(\d{4})(\d{2})(\d)e?\.pdf", pdf_href.strip())
        if match:
            linked_month = dt.date(int(match.group(1)), int(match.group(2)), 1)
            if linked_month != period_month:
                raise ReleaseXmlError(f"{file_name} pdf: links {pdf_href!r} but pg1 is for {period_month:%Y-%m}")
            part = int(match.group(3))
            if from_title is not None and from_title != part:
                raise ReleaseXmlError(f"{file_name} pg1: title {title!r} reads as part {from_title} but the pdf "
                                      f"link {pdf_href!r} says part {part}")
            return part, "pdf_href"
    if from_title is not None:
        return from_title, "title"
    match = re.fullmatch(r"(?:press_)?(\d{4})(\d{2})(\d)(?:en|ja|e)?\.xml", file_name)
    if match and dt.date(int(match.group(1)), int(match.group(2)), 1) == period_month:
        return int(match.group(3)), "file_name"
    raise ReleaseXmlError(f"{file_name}: the part (first 10 days, first 20 days, 速報 …) cannot be read from the "
                          f"title {title!r}, the pdf link or the file name")


def parse_release_xml(path: Path) -> ReleaseXml:
    """Parse and check a release XML; raises ReleaseXmlError naming file, page, row and reason."""
    path = Path(path)
    name = path.name
    root = read_document(path)
    pages = _pages(root, name)
    if 1 not in pages:
        raise ReleaseXmlError(f"{name}: page pg1 (sogakutsuki, the totals) is missing")
    first = pages[1]
    published_text = first.findtext("kohyoymd") or ""
    published, language = parse_release_date(published_text, f"{name} pg1 kohyoymd")
    period_text = first.findtext("taishoymtonen") or ""
    kind, period_month = parse_period(period_text, f"{name} pg1 taishoymtonen")
    prior_kind, prior_month = parse_period(first.findtext("taishoymzennen"), f"{name} pg1 taishoymzennen")
    if kind != "month" or prior_kind != "month":
        raise ReleaseXmlError(f"{name} pg1: taishoymtonen / taishoymzennen must name a month")
    title = (first.findtext("title") or "").strip()
    pdf = root.find("pdf")
    pdf_href = pdf.get("href") if pdf is not None else None
    part, part_source = _determine_part(name, title, pdf_href, period_month)
    if part not in PARTIAL_PARTS and part not in FULL_MONTH_STAGES:
        raise ReleaseXmlError(f"{name}: part {part} is not one this loader knows (1, 2, 4, 5, 6, 7)")
    document = ReleaseXml(name, language, part, part_source, period_month, prior_month, published,
                          published_text.strip(), period_text.strip(), title, pdf_href, sorted(pages))
    expected_pages = (1,) if part in PARTIAL_PARTS else FULL_MONTH_PAGES
    missing = [number for number in expected_pages if number not in pages]
    if missing:
        raise ReleaseXmlError(f"{name}: page(s) {', '.join(f'pg{n}' for n in missing)} missing; a part-{part} "
                              f"file has {len(expected_pages)} page(s) — download the file again")
    extra = [number for number in pages if number not in expected_pages]
    if extra:
        raise ReleaseXmlError(f"{name}: unexpected page(s) {', '.join(f'pg{n}' for n in extra)} for a part-{part} file")
    document.totals = _read_totals(first, name)
    if part in PARTIAL_PARTS:
        return document
    page_seed = read_page_seed()
    document.areas = _read_areas(pages[2], name, period_month)
    item_seed = read_item_seed()
    for number in range(3, 21):
        document.items += _read_items(pages[number], number, page_seed[number], item_seed, name, language,
                                      period_month)
    document.indices = _read_indices(pages, page_seed, name, language, period_month)
    return document


def _cells(element: ET.Element, fields: dict[str, str], where: str) -> dict:
    """Read each XML field into ``<column>`` (number) and ``<column marker>`` (marker) values."""
    out = {}
    for tag, column in fields.items():
        child = element.find(tag)
        if child is None:
            raise ReleaseXmlError(f"{where}: element <{tag}> is missing")
        cell = parse_cell(child.text, f"{where} <{tag}>")
        out[column] = cell.number
        out[column.removesuffix("_million_yen").removesuffix("_pct").removesuffix("_pct_points")
            .removesuffix("_index") + "_marker"] = cell.marker
    return out


def _read_totals(page: ET.Element, name: str) -> list[dict]:
    rows = []
    for tag, measure in (("export", "exports"), ("import", "imports"), ("sashihiki", "balance")):
        block = page.find(tag)
        where = f"{name} pg1 <{tag}>"
        if block is None:
            raise ReleaseXmlError(f"{where}: block missing")
        cells = _cells(block, {"sogakutonen": "value_million_yen", "sogakuzennen": "prior_year_value_million_yen",
                               "nobiritsu": "value_yoy_pct"}, where)
        for column in ("value_million_yen", "prior_year_value_million_yen"):
            cells[column] = whole_number(Cell(cells[column], None), where)
        rows.append({"measure": measure, **cells})
    return rows


AREA_FIELDS = {
    "exportkagakue": "export_value_million_yen", "exportnobiritsu": "export_value_yoy_pct",
    "importkagakue": "import_value_million_yen", "importnobiritsu": "import_value_yoy_pct",
    "sashihikikagakue": "balance_million_yen", "sashihikinobiritsu": "balance_yoy_pct",
}


def _check_page_period(page: ET.Element, tag: str, name: str, number: int, period_month: dt.date) -> None:
    kind, month = parse_period(page.findtext(tag), f"{name} pg{number} <{tag}>")
    if (kind, month) != ("month", period_month):
        raise ReleaseXmlError(f"{name} pg{number}: period {page.findtext(tag)!r} differs from pg1 "
                              f"({period_month:%Y-%m})")


def _read_areas(page: ET.Element, name: str, period_month: dt.date) -> list[dict]:
    _check_page_period(page, "taishokikan", name, 2, period_month)
    rows = []
    for position, row in enumerate(page.findall("chiikikunisogakuinfo"), start=1):
        where = f"{name} pg2 row {position}"
        level = (row.findtext("chiikikunikbn") or "").strip()
        if level not in ("0", "1", "2"):
            raise ReleaseXmlError(f"{where}: chiikikunikbn {level!r} is not 0 (world), 1 (area) or 2 (country)")
        cells = _cells(row, AREA_FIELDS, where)
        for column in ("export_value_million_yen", "import_value_million_yen", "balance_million_yen"):
            cells[column] = whole_number(Cell(cells[column], None), where)
        rows.append({"row_position": position, "area_level": int(level),
                     "area_name": (row.findtext("chiikikuni") or "").strip(), **cells})
    if not rows:
        raise ReleaseXmlError(f"{name} pg2: no area rows (chiikikunisogakuinfo)")
    return rows


ITEM_FIELDS = {
    "kagaku": "value_million_yen", "koseihi": "share_pct", "kagakunobiritsu": "value_yoy_pct",
    "zogenkiyodo": "contribution_pct_points", "suryonobiritsu": "quantity_yoy_pct",
}


def _page_area(title: str) -> str:
    """The text of the last bracketed group of a title: 'Exports …(USA)' → 'USA', '（対世界）' → '対世界'."""
    groups = re.findall(r"[(（]([^()（）]*)[)）]", title)
    return groups[-1].strip() if groups else ""


def _check_page_area(title: str, seed_row: dict[str, str], language: str, where: str) -> str:
    printed = _page_area(title)
    expected = seed_row["printed_area_en" if language == "en" else "printed_area_ja"]
    if printed not in (expected, "対" + expected):
        raise ReleaseXmlError(f"{where}: title {title!r} names area {printed!r}, but this page is {expected!r} "
                              "(seeds/reference/release_xml_pages.csv)")
    return printed


def _read_items(page: ET.Element, number: int, seed_row: dict[str, str], item_seed: dict[str, list[dict]],
                name: str, language: str, period_month: dt.date) -> list[dict]:
    where_page = f"{name} pg{number}"
    area_name = _check_page_area(page.findtext("title") or "", seed_row, language, where_page)
    _check_page_period(page, "taishokikan", name, number, period_month)
    flow = seed_row["flow"]
    expected_rows = item_seed[flow]
    printed_rows = page.findall("shuyochiikikunihininfo")
    if len(printed_rows) != len(expected_rows):
        raise ReleaseXmlError(f"{where_page}: {len(printed_rows)} commodity rows, expected {len(expected_rows)} "
                              f"for {flow}s (seeds/reference/release_xml_item_names.csv)")
    rows = []
    for position, (row, expected) in enumerate(zip(printed_rows, expected_rows), start=1):
        where = f"{where_page} row {position}"
        item_name = (row.findtext("shuyoshohin") or "").strip()
        level = (row.findtext("shuyoshohinbunrui") or "").strip()
        expected_name = expected["printed_name_en" if language == "en" else "printed_name_ja"]
        if item_name != expected_name or level != expected["printed_level"]:
            raise ReleaseXmlError(
                f"{where}: item {item_name!r} (level {level}) does not match the release item expected at this "
                f"position, {expected_name!r} (level {expected['printed_level']}, code "
                f"{expected['release_item_code']}); the release layout changed — update "
                "seeds/reference/release_xml_item_names.csv"
            )
        cells = _cells(row, ITEM_FIELDS, where)
        cells["value_million_yen"] = whole_number(Cell(cells["value_million_yen"], None), where)
        quantity_cell = parse_cell(row.findtext("suryo"), f"{where} <suryo>")
        quantity = whole_number(quantity_cell, f"{where} <suryo>")
        unit_element = row.find("tani")
        unit, base_unit, scaled = scale_quantity(quantity, unit_element.text or "" if unit_element is not None else "",
                                                 f"{where} <tani>")
        rows.append({
            "page_number": number, "flow": flow, "area_code": seed_row["area_code"], "page_area_name": area_name,
            "row_position": position, "item_name": item_name, "item_level": int(level),
            "release_item_code": expected["release_item_code"], "quantity_unit": unit,
            "quantity": quantity, "quantity_marker": quantity_cell.marker,
            "quantity_base_unit": base_unit, "quantity_in_base_unit": scaled, **cells,
        })
    return rows


INDEX_MEASURES = {"kingaku": "value_index", "suryo": "quantity_index", "kakaku": "price_index"}


def _index_rows(levels: ET.Element, growth: ET.Element, where: str) -> list[dict]:
    """Pair the level rows (genchi) with the growth rows (nobiritsu) and split them by flow."""
    level_rows, growth_rows = levels.findall("shisuinfo"), growth.findall("shisuinfo")
    if len(level_rows) != len(growth_rows) or not level_rows:
        raise ReleaseXmlError(f"{where}: {len(level_rows)} level rows but {len(growth_rows)} growth rows")
    out = []
    for position, (level_row, growth_row) in enumerate(zip(level_rows, growth_rows), start=1):
        row_where = f"{where} row {position}"
        for key in ("taishokikan", "chiiki", "exportp", "importp"):
            if (level_row.findtext(key) or "").strip() != (growth_row.findtext(key) or "").strip():
                raise ReleaseXmlError(f"{row_where}: <{key}> differs between levels (genchi) and growth (nobiritsu)")
        for flow in ("export", "import"):
            figures = {"row_position": position, "flow": flow, "level_row": level_row}
            for tag, column in INDEX_MEASURES.items():
                level = parse_cell(level_row.findtext(flow + tag), f"{row_where} genchi <{flow}{tag}>")
                change = parse_cell(growth_row.findtext(flow + tag), f"{row_where} nobiritsu <{flow}{tag}>")
                figures.update({column: level.number, column + "_marker": level.marker,
                                column + "_yoy_pct": change.number, column + "_yoy_marker": change.marker})
            flag_element = level_row.find(flow + "p")
            flag = None if flag_element is None else (flag_element.text or "").strip()
            if flag not in (None, "", "(P)"):
                raise ReleaseXmlError(f"{row_where}: <{flow}p> {flag!r} is neither '(P)' nor empty")
            figures["is_provisional"] = None if flag is None else flag == "(P)"  # pg21 prints no flags
            out.append(figures)
    return out


def _read_indices(pages: dict[int, ET.Element], page_seed: dict[int, dict[str, str]], name: str, language: str,
                  period_month: dt.date) -> list[dict]:
    name_column = "printed_area_en" if language == "en" else "printed_area_ja"
    area_by_name = {page_seed[n][name_column]: page_seed[n]["area_code"] for n in range(22, 27)}
    rows = []
    summary = pages[21]
    _check_page_period(summary, "taishoym", name, 21, period_month)
    for tag in ("genchi", "nobiritsu"):
        if summary.find(tag) is None:
            raise ReleaseXmlError(f"{name} pg21: <{tag}> missing")
    for row in _index_rows(summary.find("genchi"), summary.find("nobiritsu"), f"{name} pg21"):
        printed = (row.pop("level_row").findtext("chiiki") or "").strip()
        if printed not in area_by_name:
            raise ReleaseXmlError(f"{name} pg21 row {row['row_position']}: area {printed!r} is none of "
                                  f"{', '.join(area_by_name)}")
        rows.append({"page_number": 21, "area_name": printed, "area_code": area_by_name[printed],
                     "period_as_printed": summary.findtext("taishoym").strip(), "period_kind": "month",
                     "period_start": period_month, **row})
    for number in range(22, 27):
        page = pages[number]
        where = f"{name} pg{number}"
        printed = _check_page_area(page.findtext("title") or "", page_seed[number], language, where)
        for tag in ("genchi", "nobiritsu"):
            if page.find(tag) is None:
                raise ReleaseXmlError(f"{where}: <{tag}> missing")
        for row in _index_rows(page.find("genchi"), page.find("nobiritsu"), where):
            period_text = (row.pop("level_row").findtext("taishokikan") or "").strip()
            kind, start = parse_period(period_text, f"{where} row {row['row_position']} <taishokikan>")
            rows.append({"page_number": number, "area_name": printed, "area_code": page_seed[number]["area_code"],
                         "period_as_printed": period_text, "period_kind": kind, "period_start": start, **row})
    return rows


# ---------------------------------------------------------------------------
# loading


def _as_text(value) -> str | None:
    """A value as exact text for DuckDB to cast (Decimal and dates keep every digit; booleans lower-case)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _insert(connection: duckdb.DuckDBPyConnection, table: str, load_id: int, rows: list[dict]) -> int:
    """Insert rows into raw.<table>, every value cast to the column's declared type."""
    if not rows:
        return 0
    columns = [row[0] for row in connection.execute(
        "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
        "order by ordinal_position", [table]).fetchall()]
    types = dict(connection.execute(
        "select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = ?",
        [table]).fetchall())
    frame = pd.DataFrame(
        [[_as_text(({"load_id": load_id} | row).get(column)) for column in columns] for row in rows],
        columns=columns, dtype="object",
    )
    connection.register("release_xml_frame", frame)
    try:
        casts = ", ".join(f'cast("{column}" as {types[column]})' for column in columns)
        connection.execute(f"insert into raw.{table} select {casts} from release_xml_frame")
    finally:
        connection.unregister("release_xml_frame")
    return len(frame)


def load_release_xml(connection: duckdb.DuckDBPyConnection, path: Path, *,
                     source_label: str = "official") -> LoadResult:
    """Load one release XML as a new vintage (one transaction; the same bytes again are a no-op).

    Full-month parts (4, 5, 6, 7) also write ``raw.file_load_months`` (flow × the period month,
    with the part's stage and the release date); partial-month parts (1, 2) do not — they are not a
    vintage of the full month — and hold only ``raw.release_xml_files`` + ``raw.release_xml_totals``.
    """
    path = Path(path)
    if path.is_dir():
        raise LoadError(f"{path}: is a folder; give the XML file itself")
    digest, already = _check_new_file(connection, path)
    if already:
        return already
    document = parse_release_xml(path)
    stages = FULL_MONTH_STAGES.get(document.release_part)
    if stages and document.release_part == 7 and ("Fixed" in document.title or "確定" in document.title):
        stages = {"export": "final", "import": "final"}
    connection.execute("begin transaction")
    try:
        load_id = connection.execute("select nextval('raw.load_id_sequence')").fetchone()[0]
        _insert(connection, "release_xml_files", load_id, [{
            "release_part": document.release_part, "part_source": document.part_source,
            "release_language": document.language, "period_month": document.period_month,
            "prior_period_month": document.prior_period_month, "published_date": document.published_date,
            "published_as_printed": document.published_as_printed,
            "period_as_printed": document.period_as_printed, "title": document.title,
            "pdf_href": document.pdf_href, "page_count": len(document.page_numbers),
        }])
        stored = _insert(connection, "release_xml_totals", load_id, document.totals)
        stored += _insert(connection, "release_xml_areas", load_id, document.areas)
        stored += _insert(connection, "release_xml_items", load_id, document.items)
        stored += _insert(connection, "release_xml_indices", load_id, document.indices)
        if stages:
            connection.executemany(
                "insert into raw.file_load_months values (?, ?, ?, ?, ?, ?)",
                [(load_id, flow, document.period_month, stages[flow], document.published_date, False)
                 for flow in ("export", "import")],
            )
        _record_load(connection, load_id, path, digest, kind=FILE_KIND, series_code=None, flows="export,import",
                     year=document.period_month.year, source_label=source_label,
                     vintage_date=document.published_date, months=[document.period_month], data_rows=stored,
                     rejected=0, stored=stored, encoding="utf-8")
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise
    what = PARTIAL_PARTS.get(document.release_part, f"part {document.release_part}")
    message = (f"{path.name}: loaded the {document.period_month:%Y-%m} release ({what}, {document.language}, "
               f"published {document.published_date}) — {stored} rows — as load {load_id}")
    return LoadResult(path.name, "loaded", load_id, stored, 0, stored, [f"{document.period_month:%Y-%m}"], message)

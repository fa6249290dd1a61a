"""The MOF revision calendar convention (docs/decisions/vintages.md)."""

import datetime as dt

import pytest

from japan_trade.revision_calendar import infer_month_vintage


def vintage(flow, month, on):
    result = infer_month_vintage(flow, dt.date.fromisoformat(month), dt.date.fromisoformat(on))
    return result.revision_stage, result.published_date.isoformat()


def test_newest_month_is_preliminary_on_the_vintage_date():
    assert vintage("export", "2026-01-01", "2026-02-18") == ("preliminary", "2026-02-18")


def test_december_imports_stay_9digit_preliminary_until_revised():
    # The January 2026 release marks December 2025 imports (P): no 輸入確報 is made for December.
    assert vintage("import", "2025-12-01", "2026-02-18") == ("import_9digit_preliminary", "2026-01-31")
    assert vintage("import", "2025-11-01", "2026-02-18") == ("import_confirmed", "2026-01-31")
    assert vintage("export", "2025-12-01", "2026-02-18") == ("export_confirmed", "2026-01-31")


def test_revised_in_march_and_final_in_november_of_the_next_year():
    assert vintage("export", "2025-01-01", "2026-09-17") == ("revised", "2026-03-31")
    assert vintage("import", "2024-06-01", "2026-09-17") == ("final", "2025-11-30")
    # before 2020 there is no 確々報; data were fixed in March of the next year
    assert vintage("export", "2019-05-01", "2020-02-01") == ("export_confirmed", "2019-06-30")
    assert vintage("export", "2019-05-01", "2020-04-01") == ("final", "2020-03-31")


def test_a_month_cannot_be_published_before_it_ends():
    with pytest.raises(ValueError, match="first published in the following month"):
        infer_month_vintage("export", dt.date(2026, 2, 1), dt.date(2026, 2, 18))


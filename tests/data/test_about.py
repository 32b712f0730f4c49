import datetime as dt

from kinship_app.data import about, councils, rates


def test_the_about_box_lists_every_data_set_with_its_checked_on_date():
    rows = about.summary()
    titles = [r.title for r in rows]
    assert titles[:len(rates.all_rates())] == [r.title for r in rates.all_rates()]
    assert titles[-4:] == ["English councils and their fostering allowance regions", "Kinship Allowance Pilot areas",
                           "Advice lines, training and support",
                           "Dates and limits in the law (when a rule changed, ages, weeks)"]
    for row in rows:
        assert isinstance(row.checked_on, dt.date) and row.oldest_check <= row.checked_on
        assert row.sources and all("http" in s for s in row.sources)
    nma = next(r for r in rows if r.title == rates.TITLES["fostering_nma"])
    assert nma.confirmed_to == dt.date(2026, 4, 5)
    assert councils.ATTRIBUTION in rows[-4].sources

"""Support near you: verified national services for the council area, the council's local offer
said plainly when we hold no checked contact, filters, and a charity's own directory file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from test_households_helpers import (  # noqa: F401 (fixtures)
    button, click, layout_problems, nameless_focusable, text_size, visible_text,
)

from ui.screens.support import SupportPanel, SupportScreen

LOCAL_FILE = """
[provider]
name = "Leeds Kinship Carers Network"
checked_on = 2026-11-01

[[service]]
code = "leeds-tuesday-group"
name = "Tuesday coffee morning for kinship carers"
kind = "peer_support"
topics = ["emotional"]
delivery = ["in_person"]
covers = ["E08000035"]
where = "Leeds Central Library, Calverley Street"
hours = "Tuesdays, 10am to 12 noon, term time"
verified = true
checked_on = 2026-11-01

[[service]]
code = "leeds-text-circle"
name = "Evening chat circle"
kind = "peer_support"
topics = ["emotional"]
delivery = ["online"]
covers = ["E08000035"]
website = "https://example.org/circle"
checked_on = 2026-11-01

[[local_offer]]
council = "E08000035"
website = "https://example.org/leeds-kinship-local-offer"
checked_on = 2026-11-01
"""


@pytest.fixture
def panel(qtbot, ctx):
    w = SupportPanel(today=ctx.today, data_dir=ctx.data_dir, council="E08000035")
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    return w


def charity_file(tmp_path: Path, text: str = LOCAL_FILE) -> Path:
    path = tmp_path / "leeds-kinship.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_national_services_with_checked_contacts(qtbot, panel):
    from kinship_app.data import services

    text = visible_text(panel)
    frg = services.load().get("frg_advice_line")
    assert frg.name in text
    assert f"Phone: {frg.phone}" in text
    assert "Checked on 22 November 2026." in text
    assert f"{len(services.for_council('E08000035'))} services match." in text


def _panel_for(qtbot, ctx, code):
    w = SupportPanel(today=ctx.today, data_dir=ctx.data_dir, council=code)
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    return w


def test_no_checked_local_offer_is_said_plainly_with_the_councils_website(qtbot, ctx):
    panel = _panel_for(qtbot, ctx, "E08000001")  # Bolton: no page we could read
    text = visible_text(panel)
    assert "Bolton: kinship local offer" in text
    assert "We do not have a checked contact for it in Bolton" in text
    assert "https://www.gov.uk/find-local-council/bolton" in text
    assert "Phone:" not in panel.offer_text.text()


def test_a_councils_own_kinship_page_is_shown_with_the_date_it_was_read(qtbot, panel, ctx):
    # Leeds has a kinship care page but it does not call itself the local offer: the screen says so.
    text = panel.offer_text.text()
    assert "https://leeds.gov.uk/one-minute-guides/kinship-care" in text
    assert "read on 6 December 2026" in text and "does not call itself the kinship local offer" in text
    assert "https://www.gov.uk/find-local-council/leeds" in text
    assert "We do not have a checked contact" not in text
    southwark = _panel_for(qtbot, ctx, "E09000028")
    text = southwark.offer_text.text()
    assert "The council&#x27;s kinship local offer" in text or "The council's kinship local offer" in text
    assert "kinship-local-offer-2" in text and "does not call itself" not in text


def test_filters_by_kind_topic_and_way_of_taking_part(qtbot, panel):
    from kinship_app.data import services

    panel.kind_box.setCurrentIndex(panel.kind_box.findData("peer_support"))
    shown = [s.name for s in services.for_council("E08000035", kind="peer_support")]
    text = visible_text(panel)
    assert all(name in text for name in shown)
    assert "Family Rights Group advice line" not in text

    panel.kind_box.setCurrentIndex(0)
    panel.delivery_box.setCurrentIndex(panel.delivery_box.findData("phone"))
    panel.topic_box.setCurrentIndex(panel.topic_box.findData("benefits"))
    expected = services.for_council("E08000035", topic="benefits", delivery="phone")
    text = visible_text(panel)
    for s in services.load().all():
        assert (s.name in text) == (s in expected), s.name


def test_typing_a_council_name_changes_the_area(qtbot, panel):
    box = panel.council_box
    box.setEditText("")
    qtbot.keyClicks(box.lineEdit(), "Barnet")
    box.lineEdit().editingFinished.emit()
    assert panel.council_code() == "E09000003"
    assert "Barnet: kinship local offer" in visible_text(panel)


def test_a_charity_file_is_checked_added_and_kept(qtbot, panel, ctx, tmp_path, monkeypatch):
    source = charity_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    click(qtbot, button(panel, "Add a directory file…"))
    text = visible_text(panel)
    assert "Added 2 records from leeds-kinship.toml. They will be here next time too." in text
    assert "Tuesday coffee morning for kinship carers" in text
    assert "Where: Leeds Central Library, Calverley Street" in text
    assert "From Leeds Kinship Carers Network, who checked it on 1 November 2026." in text
    # A record the charity has not marked as checked is shown, but not as fact.
    assert ("From Leeds Kinship Carers Network. They have not said these details were checked: check them "
            "before you rely on them.") in text
    assert "https://example.org/leeds-kinship-local-offer" in panel.offer_text.text()
    assert "We do not have a checked contact" not in visible_text(panel)
    assert (ctx.data_dir / "services" / "leeds-kinship.toml").is_file()

    # Another screen opened later (or the app started again) reads it from the data folder.
    again = SupportPanel(today=ctx.today, data_dir=ctx.data_dir, council="E08000035")
    qtbot.addWidget(again)
    again.show()
    assert "Tuesday coffee morning for kinship carers" in visible_text(again)


def test_a_broken_charity_file_adds_nothing_and_says_why(qtbot, panel, ctx, tmp_path, monkeypatch):
    source = charity_file(tmp_path, LOCAL_FILE.replace('kind = "peer_support"', 'kind = "coffee"', 1))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    click(qtbot, button(panel, "Add a directory file…"))
    text = visible_text(panel)
    assert "leeds-kinship.toml was not added, and nothing from it is used." in text
    assert "service[1].kind" in text
    assert "Tuesday coffee morning" not in text
    assert not (ctx.data_dir / "services").exists() or not any((ctx.data_dir / "services").iterdir())


def test_the_screen_starts_at_the_council_of_the_check_just_done(qtbot, window):
    from check_driver import run_check

    run_check(qtbot, window, {"relationship": "grandparent", "living": "28_plus", "age": 9,
                              "order": "special_guardianship_order", "looked_after_before": "yes",
                              "parents": "none", "council": "E09000003"})
    screen = window.show_screen("support")
    assert isinstance(screen, SupportScreen)
    assert screen.panel.council_code() == "E09000003"


def test_every_control_has_a_name_and_fits_at_double_size(qtbot, panel, text_size):
    assert nameless_focusable(panel) == []
    text_size(200)
    panel.resize(1230, 600)
    qtbot.wait(10)
    assert layout_problems(panel) == []

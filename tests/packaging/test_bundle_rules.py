"""What the bundle keeps and leaves out (packaging/bundle_rules.py, applied by the spec)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bundle_rules

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("plugin_type, filename, kept", [
    ("platforms", "/q/plugins/platforms/libqxcb.so", True),
    ("platforms", "/q/plugins/platforms/libqoffscreen.so", True),
    ("platforms", "C:/q/plugins/platforms/qwindows.dll", True),
    ("platforms", "/q/plugins/platforms/libqcocoa.dylib", True),
    ("platforms", "/q/plugins/platforms/libqwayland.so", False),
    ("platforms", "/q/plugins/platforms/libqeglfs.so", False),
    ("printsupport", "/q/plugins/printsupport/libcupsprintersupport.so", True),
    ("imageformats", "/q/plugins/imageformats/libqjpeg.so", True),
    ("imageformats", "/q/plugins/imageformats/libqico.so", True),
    ("imageformats", "/q/plugins/imageformats/libqsvg.so", False),
    ("imageformats", "/q/plugins/imageformats/libqpdf.so", False),
    ("platforminputcontexts", "/q/libibusplatforminputcontextplugin.so", True),
    ("platforminputcontexts", "/q/libcomposeplatforminputcontextplugin.so", True),
    ("platforminputcontexts", "/q/libqtvirtualkeyboardplugin.so", False),
    ("platformthemes", "/q/libqgtk3.so", False),
    ("platformthemes", "/q/libqxdgdesktopportal.so", True),
    ("tls", "/q/libqopensslbackend.so", False),
    ("styles", "C:/q/plugins/styles/qmodernwindowsstyle.dll", True),  # a kind not listed is kept
    ("platforms/darwin", "/q/plugins/platforms/darwin/libqmacstyle.dylib", True),
])
def test_qt_plugins(plugin_type, filename, kept):
    assert bundle_rules.keep_qt_plugin(plugin_type, filename) is kept


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/translations/qtbase_pl.qm", True),
    ("PySide6/Qt/translations/qtbase_ar.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
    ("PySide6/Qt/translations/qt_pl.qm", False),  # only an index of other modules' files
    ("PySide6\\Qt\\translations\\qtbase_pl.qm", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/locale-data/pa_Guru_IN.dat", True),
    ("babel/locale-data/ur_PK.dat", True),
    ("babel/locale-data/bn.dat", True),
    ("babel/locale-data/de_DE.dat", False),
    ("babel/locale-data/pt.dat", False),  # not confused with "pa"
    ("babel/global.dat", True),
    ("resources/fonts/DejaVuSans.ttf", True),
    ("locale/pl/LC_MESSAGES/kinship_app.po", True),
])
def test_data_files(dest, kept):
    assert bundle_rules.keep_data(dest) is kept


def test_the_apps_languages_include_every_catalogue_shipped(tmp_path):
    (tmp_path / "locale" / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "cy" / "LC_MESSAGES" / "kinship_app.po").write_text("")
    langs = bundle_rules.languages(tmp_path)
    assert "cy" in langs and bundle_rules.LANGUAGES <= langs
    assert bundle_rules.keep_data("babel/locale-data/cy_GB.dat", langs)
    assert bundle_rules.languages(ROOT) >= bundle_rules.LANGUAGES


def test_babel_formats_money_and_dates_with_only_the_kept_locale_data(tmp_path, monkeypatch):
    # The bundle's Babel has only our languages' data: every language the app formats for must work
    # from those files alone.
    import shutil

    import babel
    import babel.localedata

    source = Path(babel.__file__).parent / "locale-data"
    kept = tmp_path / "locale-data"
    kept.mkdir()
    for dat in source.glob("*.dat"):
        if bundle_rules.keep_data(f"babel/locale-data/{dat.name}"):
            shutil.copy(dat, kept / dat.name)
    assert len(list(kept.iterdir())) < len(list(source.iterdir())) / 4
    monkeypatch.setattr(babel.localedata, "_dirname", str(kept))
    monkeypatch.setattr(babel.localedata, "_cache", {})
    import datetime as dt

    from kinship_app.i18n import _language_name, format_date, format_money

    for lang in sorted(bundle_rules.LANGUAGES):
        assert format_money(27.05, language=lang)
        assert format_date(dt.date(2026, 11, 22), language=lang)
        assert _language_name(lang) != lang
    with pytest.raises(Exception):  # and the data really is the kept files only
        format_date(dt.date(2026, 11, 22), language="de")


def test_the_migrations_imports_are_listed_for_pyinstaller():
    found = bundle_rules.migration_imports(ROOT / "kinship_app" / "store" / "migrations")
    assert {"alembic.context", "alembic.op", "sqlalchemy", "kinship_app.store.models"} <= set(found)


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),  # the Windows wheels' layout
    ("PySide6\\plugins\\tls\\qopensslbackend.dll", False),
    ("PySide6/Qt/plugins/platforms/darwin/libqmacstyle.dylib", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("libpython3.11.so.1.0", True),
    ("reportlab/plugins/something.so", True),  # not Qt's
])
def test_qt_plugins_by_their_place_in_the_bundle(dest, kept):
    assert bundle_rules.keep_qt_plugin_file(dest) is kept

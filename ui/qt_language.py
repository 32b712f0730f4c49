"""Qt's own words (the buttons of standard dialogs: OK, Cancel, Yes, No…) in the app's language.

Qt ships these for some of our languages (Arabic and Polish among them); for the others Qt's words
stay English. The catalogues are Qt's ``qtbase_<lang>.qm`` files, which the installed bundle carries
for our languages only (packaging/kinship-app.spec).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: QTranslator | None = None


def apply(language: str) -> bool:
    """Switch Qt's words to ``language`` (English removes ours); True if a catalogue was loaded."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if not language or language == "en":
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(language), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True

import os

# Qt aborts the whole process without a display unless told to draw offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The parsed data files the app keeps between runs (kinship_app.data._cache) go to a folder of this
# session's, never the real ~/.cache; the app and command-line processes the tests start inherit it.
# It is shared by the whole session, so a second launch finds it warm, as a real second launch does.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

CACHE_DIR = tempfile.mkdtemp(prefix="kinship-test-cache-")
os.environ["KINSHIP_APP_CACHE_DIR"] = CACHE_DIR
atexit.register(shutil.rmtree, CACHE_DIR, True)


import pytest  # noqa: E402


@pytest.fixture
def changed_rates(tmp_path, monkeypatch):
    """Point the rate data at a test folder where a rate has changed, never at the shipped files:
    a copy of ``resources/rates`` with a 2026/27 fostering national minimum allowance added (the
    shipped data stops at 2025/26), the age 5 to 10, rest of England figure £200 a week instead of
    2025/26's £194. Call the returned function to switch to it (for the rest of the test)."""
    import shutil

    from kinship_app.data import rates

    folder = tmp_path / "changed-rates"
    folder.mkdir()
    for f in rates.RATES_DIR.glob("*.toml"):
        shutil.copy(f, folder / f.name)
    path = folder / "fostering_nma.toml"
    text = path.read_text(encoding="utf-8")
    last = text[text.rindex("[[rates.fostering_nma.periods]]"):]
    assert "valid_from = 2025-04-06" in last, "the shipped data moved on: update this fixture"
    new = (last.replace("2025-04-06", "2026-04-06").replace("2026-04-05", "2027-04-05")
           .replace('"5-10" = 194', '"5-10" = 200'))
    path.write_text(text + "\n" + new, encoding="utf-8")
    table = rates.load.__wrapped__(folder)

    def apply() -> None:
        monkeypatch.setattr(rates, "load", lambda directory=None: table)
        rates._LOOKUPS.clear()

    yield apply
    rates._LOOKUPS.clear()

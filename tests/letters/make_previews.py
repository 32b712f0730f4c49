"""Make the README's letter previews: ``.venv/bin/python tests/letters/make_previews.py``.

Each letter is built from an example household through the real ``assess`` and drawn with
poppler's ``pdftoppm`` (first page, small PNG) into ``resources/letters/previews/``. With
``--languages``, the family's page of the special guardianship support letter in each shipped
language instead (``family-page-<code>.png``: the page in the family's language that comes first).
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from letter_cases import AS_OF, HOUSEHOLDS  # noqa: E402

from PIL import Image  # noqa: E402

from kinship_app.assess import assess  # noqa: E402
from kinship_app.letters import LETTER_IDS, build_letter, render_pdf  # noqa: E402

OUT = HERE.parents[1] / "resources" / "letters" / "previews"


def with_council(case, code="E08000035"):
    return dataclasses.replace(case, household=dataclasses.replace(case.household, council=code))


LANGUAGES = ("pl", "ro", "pa", "ur", "bn", "ar")


def first_page(content, name: str, tmp: str, resolution: int) -> Path:
    pdf = Path(tmp) / f"{name}.pdf"
    render_pdf(content, pdf)
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(OUT / name)], check=True)
    png = OUT / f"{name}.png"
    # Sixteen greys keep the text crisp and the file a fraction of the size.
    Image.open(png).convert("L").quantize(colors=16).save(png, optimize=True)
    return png


def main(resolution: int = 60) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for letter_id in LETTER_IDS:
            case = with_council(HOUSEHOLDS[letter_id][0]())
            content = build_letter(letter_id, case, assess(case, AS_OF), AS_OF)
            print(first_page(content, letter_id, tmp, resolution))


def family_pages(resolution: int = 70) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    letter_id = "sg_support_assessment"
    case = with_council(HOUSEHOLDS[letter_id][0]())
    with tempfile.TemporaryDirectory() as tmp:
        for code in LANGUAGES:
            content = build_letter(letter_id, case, assess(case, AS_OF), AS_OF, language=code)
            print(first_page(content, f"family-page-{code}", tmp, resolution))


if __name__ == "__main__":
    family_pages() if "--languages" in sys.argv[1:] else main()

"""How many letters one process makes a second (run: make bench).

Three figures: building the content only (what the app does to show what a letter will say), a
whole one-page-ish letter to PDF bytes, and every letter id once (build and render)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "letters"))

from letter_cases import AS_OF, HOUSEHOLDS  # noqa: E402

from kinship_app.letters import LETTER_IDS, build_letter, render_pdf_bytes  # noqa: E402

INPUTS = {lid: (case_fn(), assess_fn()) for lid, (case_fn, assess_fn) in HOUSEHOLDS.items()}


def _one_pdf():
    case, assessment = INPUTS["sg_support_assessment"]
    return render_pdf_bytes(build_letter("sg_support_assessment", case, assessment, AS_OF))


def _every_letter():
    for lid in LETTER_IDS:
        case, assessment = INPUTS[lid]
        render_pdf_bytes(build_letter(lid, case, assessment, AS_OF))


def test_letter_content_per_second(benchmark):
    case, assessment = INPUTS["private_fostering_notice"]
    content = benchmark(build_letter, "private_fostering_notice", case, assessment, AS_OF)
    assert content.blocks


def test_letter_pdfs_per_second(benchmark):
    pdf = benchmark(_one_pdf)
    assert pdf.startswith(b"%PDF-")


def test_every_letter_once(benchmark):
    benchmark.extra_info["letters_per_round"] = len(LETTER_IDS)
    benchmark(_every_letter)

"""Turning a letter's PDF into page pictures for the preview and the printer.

Qt's own PDF module (QtPdf) ships only in PySide6-Addons (about 450 MB more), so the pages are
drawn by poppler's ``pdftoppm`` (listed in .ci/system-packages). The PDF goes in through a pipe and
the pictures come back through one: on a shared laptop no copy of the letter is left in a temporary
folder. Where ``pdftoppm`` is missing the letters screen says so and still saves and prints the
letter's text; it never shows a made-up picture.
"""

from __future__ import annotations

import shutil
import struct
import subprocess

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PageRenderError(RuntimeError):
    pass


def can_render() -> bool:
    return shutil.which("pdftoppm") is not None


def split_pngs(stream: bytes) -> list[bytes]:
    """Cut pdftoppm's stdout (one PNG per page, back to back) into separate PNG files."""
    pngs, pos = [], 0
    while pos < len(stream):
        if stream[pos:pos + 8] != PNG_SIGNATURE:
            raise PageRenderError("pdftoppm gave something that is not a PNG")
        end = pos + 8
        while True:
            if end + 8 > len(stream):
                raise PageRenderError("pdftoppm stopped in the middle of a page")
            length, kind = struct.unpack(">I4s", stream[end:end + 8])
            end += 12 + length  # length, type, data, CRC
            if kind == b"IEND":
                break
        pngs.append(stream[pos:end])
        pos = end
    return pngs


def render_pages(pdf: bytes, dpi: int = 96, timeout: float = 60) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi``."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PageRenderError("pdftoppm is not installed")
    try:
        done = subprocess.run([exe, "-png", "-r", str(int(dpi)), "-"], input=pdf,
                              capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PageRenderError(str(exc)) from None
    if done.returncode != 0:
        raise PageRenderError(done.stderr.decode("utf-8", "replace").strip() or "pdftoppm failed")
    images = []
    for png in split_pngs(done.stdout):
        image = QImage()
        if not image.loadFromData(png, "PNG"):
            raise PageRenderError("a page picture could not be read")
        images.append(image)
    if not images:
        raise PageRenderError("the letter has no pages")
    return images


def print_pages(printer: QPrinter, pages: list[QImage]) -> None:
    """Draw the page pictures one per sheet, full-page: the A4 letter carries its own margins, so
    the printer's margins are not added a second time."""
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise PageRenderError("the printer could not be started")
    try:
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                raise PageRenderError("the printer refused a new page")
            area = QRectF(painter.viewport())
            size = page.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(area.topLeft(), size), page)
    finally:
        painter.end()

"""The app's icon in every size and format, from one drawing: resources/icons/kinship-app.svg.

    python packaging/icons.py render     PNG sizes into resources/icons/hicolor/ (needs PySide6; `make icons`)
    python packaging/icons.py ico OUT    a Windows .ico from those PNGs (no Qt needed)
    python packaging/icons.py icns OUT   a macOS .icns from those PNGs (no Qt needed)

The PNGs are committed, so building the bundle never needs to draw; the .ico and .icns are made by
the PyInstaller spec at build time. Both formats hold PNG images as they are: an .ico with PNG
entries is read by Windows Vista and later, an .icns with PNG entries by OS X 10.7 and later.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "kinship-app.svg"
NAME = "kinship-app"
# The freedesktop "hicolor" theme's usual sizes.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render(svg: Path = SVG, icons: Path = ICONS, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Draw the SVG at each size with Qt's SVG renderer and save the PNGs."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["icons"])  # noqa: F841 (kept alive)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"error: {svg} is not a drawing Qt can read")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = png_path(size, icons)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"error: could not write {out}")
        written.append(out)
    return written


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def ico_bytes(images: list[bytes]) -> bytes:
    """An .ico holding each PNG as it is (sizes up to 256)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for data in images:
        w, h = png_size(data)
        if w > 256 or h > 256:
            raise ValueError(f"an .ico image is at most 256 pixels, not {w}")
        # Width and height 0 mean 256; planes 1, 32 bits a pixel.
        entries += struct.pack("<BBBBHHII", w % 256, h % 256, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


# PNG size -> icns element type (Apple's "icp4".."ic10"; 2x types for retina where a size doubles).
ICNS_TYPES = {16: [b"icp4"], 32: [b"icp5", b"ic11"], 64: [b"icp6", b"ic12"], 128: [b"ic07"],
              256: [b"ic08", b"ic13"], 512: [b"ic09", b"ic14"]}


def icns_bytes(images: list[bytes]) -> bytes:
    body = b""
    for data in images:
        w, _h = png_size(data)
        for kind in ICNS_TYPES.get(w, []):
            body += kind + struct.pack(">I", 8 + len(data)) + data
    if not body:
        raise ValueError("no image of a size an .icns holds")
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> dict[bytes, bytes]:
    """Element type -> data (for checking what icns_bytes wrote)."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an icns file")
    out, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        out[kind] = data[pos + 8:pos + length]
        pos += length
    return out


def _pngs(sizes: tuple[int, ...], icons: Path) -> list[bytes]:
    return [png_path(n, icons).read_bytes() for n in sizes]


def write_ico(out: Path, icons: Path = ICONS) -> Path:
    out.write_bytes(ico_bytes(_pngs((16, 24, 32, 48, 64, 128, 256), icons)))
    return out


def write_icns(out: Path, icons: Path = ICONS) -> Path:
    out.write_bytes(icns_bytes(_pngs((16, 32, 64, 128, 256, 512), icons)))
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["render"]:
        for path in render():
            print(path.relative_to(ROOT))
        return 0
    if len(argv) == 2 and argv[0] in ("ico", "icns"):
        (write_ico if argv[0] == "ico" else write_icns)(Path(argv[1]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

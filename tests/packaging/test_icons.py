"""The app's icon: one SVG drawn for the app, its PNG sizes, and the .ico and .icns made from them."""

from __future__ import annotations

import struct

import pytest

import icons


@pytest.mark.parametrize("size", icons.SIZES)
def test_every_png_size_is_there_at_its_size(size):
    data = icons.png_path(size).read_bytes()
    assert icons.png_size(data) == (size, size)


def test_the_pngs_are_drawn_from_the_svg(qapp):
    # Drawn again now, each size matches the committed PNG (run `make icons` after editing the SVG).
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(icons.SVG))
    assert renderer.isValid()
    for size in (16, 64, 256):
        drawn = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        drawn.fill(Qt.GlobalColor.transparent)
        painter = QPainter(drawn)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        committed = QImage(str(icons.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
        drawn = drawn.convertToFormat(QImage.Format.Format_ARGB32)
        step = max(1, size // 32)
        differing = sum(1 for x in range(0, size, step) for y in range(0, size, step)
                        if abs(committed.pixelColor(x, y).red() - drawn.pixelColor(x, y).red()) > 24
                        or abs(committed.pixelColor(x, y).alpha() - drawn.pixelColor(x, y).alpha()) > 24)
        assert differing <= 2, f"the {size} px PNG differs from the SVG in {differing} sampled pixels"


def test_the_ico_holds_each_size_as_png(tmp_path, qapp):
    from PySide6.QtGui import QImageReader

    out = icons.write_ico(tmp_path / "k.ico")
    data = out.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    reader = QImageReader(str(out))
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_the_icns_holds_the_sizes_macos_asks_for(tmp_path):
    out = icons.write_icns(tmp_path / "k.icns")
    elements = icons.read_icns(out.read_bytes())
    expected = {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"icp6": 64, b"ic12": 64, b"ic07": 128,
                b"ic08": 256, b"ic13": 256, b"ic09": 512, b"ic14": 512}
    assert {k: icons.png_size(v)[0] for k, v in elements.items()} == expected


def test_an_ico_refuses_an_image_too_big_for_it():
    with pytest.raises(ValueError, match="at most 256"):
        icons.ico_bytes([icons.png_path(512).read_bytes()])
    with pytest.raises(ValueError, match="not a PNG"):
        icons.ico_bytes([b"GIF89a"])


def test_the_app_window_uses_the_icon(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.launcher import main\n"
        f"assert main(['--quit-when-shown', '--data-dir', {str(tmp_path)!r}]) == 0\n"
        "icon = QApplication.instance().windowIcon()\n"
        "print(sorted(s.width() for s in icon.availableSizes()))\n"
        "print(QApplication.instance().desktopFileName())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr
    sizes, desktop = proc.stdout.splitlines()
    assert sizes == str(list(icons.SIZES))
    assert desktop == "kinship-app"  # the installed kinship-app.desktop, for the task bar

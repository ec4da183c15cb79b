"""Render resources/icons/ecodesk.svg to png/ecodesk-<size>.png (16 … 256) with Qt's SVG renderer.

Run after changing the SVG:  python resources/icons/render_pngs.py   (the PNGs are committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it)
    renderer = QSvgRenderer(str(HERE / "ecodesk.svg"))
    if not renderer.isValid():
        print("ecodesk.svg is not a valid SVG", file=sys.stderr)
        return 1
    (HERE / "png").mkdir(exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(HERE / "png" / f"ecodesk-{size}.png"))
    print(f"wrote {len(SIZES)} PNGs to {HERE / 'png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

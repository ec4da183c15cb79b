"""UI layer: the Qt probe ``ecodesk doctor`` runs in a child process (``ecodesk doctor --probe``),
so that a Qt that aborts (no platform plugin could start) cannot take the doctor with it.

Prints one JSON object per line as soon as it knows it: first the PySide6 and Qt versions
(the import worked), then the platform plugin that started and the font families that
write Simplified Chinese. A process that dies between the two lines tells the doctor that
the import worked but the platform did not start; its stderr says why.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    import PySide6
    from PySide6.QtCore import qVersion

    print(json.dumps({"pyside6": PySide6.__version__, "qt": qVersion()}), flush=True)
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "ecodesk"])
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    print(json.dumps({"platform": app.platformName(), "zh_fonts": list(families)}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

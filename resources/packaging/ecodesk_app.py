"""Entry point of the self-contained app folder (PyInstaller): the ``ecodesk`` command as installed.

With ``ECODESK_SMOKE=1`` it instead runs the smoke test of the build: open the sample project
``sensor_reuse.ecodesk`` (shipped inside the app) in the main window, run the analysis the way the
Analyze → Run Analysis menu does, load the Chinese translations (ecodesk's and Qt's own) and the
application icon, print one
``ECODESK_SMOKE ok …`` line with timings and exit 0 (1 with the reason otherwise). Works unfrozen too:
``ECODESK_SMOKE=1 QT_QPA_PLATFORM=offscreen python resources/packaging/ecodesk_app.py``.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()


def smoke(timeout_s: float = 180.0) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication

    from ecodesk.paths import projects_dir
    from ecodesk.ui.app import build_window, create_application
    from ecodesk.ui.i18n import install_language
    from ecodesk.ui.icons import app_icon

    app = create_application(sys.argv[:1])
    sample = projects_dir() / "sensor_reuse.ecodesk"
    if not sample.is_file():
        print(f"ECODESK_SMOKE failed: the sample {sample} is not in the app", flush=True)
        return 1
    window = build_window([str(sample)])
    window.show()
    app.processEvents()
    shown = time.perf_counter() - STARTED
    if window.document.path is None or window.document.path.name != sample.name:
        print(f"ECODESK_SMOKE failed: the window shows {window.document.path}, not {sample.name}", flush=True)
        return 1
    window.run_analysis()
    channel = window.analysis_panel.channel
    deadline = time.monotonic() + timeout_s
    while (channel.result is None or channel.running) and not channel.error and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    result = channel.result
    if result is None or channel.error:
        print(f"ECODESK_SMOKE failed: no analysis result ({channel.error or 'timed out'})", flush=True)
        return 1
    analysed = time.perf_counter() - STARTED
    zh = install_language("zh") and QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    # Qt's own Chinese (file dialogs' "Look in:" …), from the Qt translations the app carries
    qt_zh = QTranslator().load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    icon = not app_icon().isNull()
    entities = len(window.document.scenario.entities)
    window.close()
    QApplication.processEvents()
    print(f"ECODESK_SMOKE ok sample={sample.name} entities={entities} savings={result.reuse.total_savings:.0f} "
          f"zh={zh} qt_zh={qt_zh} icon={icon} shown_s={shown:.2f} analysed_s={analysed:.2f}", flush=True)
    return 0 if zh and qt_zh and icon else 1


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a parallel sweep's worker process starts here (ecodesk/analysis/sweep.py)
    if os.environ.get("ECODESK_SMOKE"):
        return smoke()
    from ecodesk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())

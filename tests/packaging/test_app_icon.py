"""The application icon as the UI loads it (ecodesk.ui.icons.app_icon), from the package data."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtGui")


def test_app_icon_offers_every_shipped_size(qapp) -> None:
    from ecodesk.ui.icons import app_icon

    icon = app_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    image = icon.pixmap(64, 64).toImage()
    assert (image.width(), image.height()) == (64, 64)
    # the hub ring right of the centre is white-ish, the corner outside the rounded square transparent
    assert image.pixelColor(36, 33).lightness() > 200
    assert image.pixelColor(0, 0).alpha() == 0


def test_app_icon_is_empty_when_the_files_are_missing(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecodesk.ui.icons import app_icon

    monkeypatch.setenv("ECODESK_RESOURCES", str(tmp_path))
    assert app_icon().isNull()

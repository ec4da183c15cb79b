"""UI layer: the user's preferences and window state, kept in QSettings.

One small typed wrapper, so that keys and defaults live in one place and the rest of the
UI never spells a settings key. Tests point QSettings at a temporary folder
(``QSettings.setPath``) so they never touch the real user configuration.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

ORGANIZATION = "ecodesk"
APPLICATION = "ecodesk"

LANGUAGES = ("en", "zh")
THEMES = ("system", "light", "dark")
MAX_RECENT = 10


class Settings(QObject):
    """Typed access to the preferences; emits ``changed(key)`` after a write."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qs = QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # generic -----------------------------------------------------------------
    def _get(self, key: str, default: object) -> object:
        value = self._qs.value(key, default)
        return default if value is None else value

    def _set(self, key: str, value: object) -> None:
        if self._qs.value(key) == value:
            return
        self._qs.setValue(key, value)
        self.changed.emit(key)

    def _bool(self, key: str, default: bool) -> bool:
        value = self._get(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    # preferences ---------------------------------------------------------------
    @property
    def language(self) -> str:
        """'en' or 'zh'; the system locale decides until the user chooses."""
        value = str(self._get("ui/language", ""))
        if value in LANGUAGES:
            return value
        from ecodesk.ui.i18n import system_language

        return system_language()

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("ui/language", value)

    @property
    def theme(self) -> str:
        value = str(self._get("ui/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self._set("ui/theme", value)

    @property
    def show_grid(self) -> bool:
        return self._bool("canvas/show_grid", True)

    @show_grid.setter
    def show_grid(self, value: bool) -> None:
        self._set("canvas/show_grid", bool(value))

    @property
    def show_minimap(self) -> bool:
        """View → Minimap: shown for large diagrams (on) or never (off)."""
        return self._bool("canvas/show_minimap", True)

    @show_minimap.setter
    def show_minimap(self, value: bool) -> None:
        self._set("canvas/show_minimap", bool(value))

    @property
    def snap_to_grid(self) -> bool:
        return self._bool("canvas/snap_to_grid", False)

    @snap_to_grid.setter
    def snap_to_grid(self, value: bool) -> None:
        self._set("canvas/snap_to_grid", bool(value))

    @property
    def autosave_minutes(self) -> int:
        """Minutes between autosaves; 0 turns autosave off."""
        try:
            return max(0, min(120, int(str(self._get("files/autosave_minutes", 5)))))
        except (TypeError, ValueError):
            return 5

    @autosave_minutes.setter
    def autosave_minutes(self, value: int) -> None:
        self._set("files/autosave_minutes", max(0, min(120, int(value))))

    # recent files --------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._get("files/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value][:MAX_RECENT] if isinstance(value, list | tuple) else []

    def set_recent_files(self, paths: list[str]) -> None:
        self._set("files/recent", list(dict.fromkeys(paths))[:MAX_RECENT])

    def add_recent_file(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.set_recent_files([p, *[r for r in self.recent_files() if r != p]])

    def remove_recent_file(self, path: str | Path) -> None:
        self.set_recent_files([r for r in self.recent_files() if r != str(path)])

    def prune_recent_files(self) -> list[str]:
        """Drop recent files that no longer exist; returns the dropped paths."""
        kept: list[str] = []
        gone: list[str] = []
        for r in self.recent_files():
            (kept if Path(r).is_file() else gone).append(r)
        if gone:
            self.set_recent_files(kept)
        return gone

    # import / export -----------------------------------------------------------
    def last_folder(self, purpose: str) -> str:
        """The folder last used to ``purpose`` ('import', 'export', 'report'); '' if none yet."""
        return str(self._get(f"files/last_{purpose}_folder", ""))

    def set_last_folder(self, purpose: str, folder: str | Path) -> None:
        self._set(f"files/last_{purpose}_folder", str(folder))

    @property
    def image_scale(self) -> float:
        """The scale last chosen for PNG pictures (1 = 96 dpi)."""
        try:
            return max(0.25, min(10.0, float(str(self._get("export/image_scale", 2.0)))))
        except (TypeError, ValueError):
            return 2.0

    @image_scale.setter
    def image_scale(self, value: float) -> None:
        self._set("export/image_scale", float(value))

    def table_mapping(self, key: str) -> dict[str, str] | None:
        """The column → role mapping the user chose last time for the foreign table whose
        header gives ``key`` (:func:`ecodesk.io.foreigntables.header_key`); None if none."""
        raw = self._qs.value(_mapping_key(key))
        try:
            data = json.loads(str(raw)) if raw not in (None, "") else None
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("map"), dict):
            return None
        return {str(k): str(v) for k, v in data["map"].items()}

    def set_table_mapping(self, key: str, mapping: dict[str, str] | None) -> None:
        """Remember (None: forget) the mapping chosen for the header set ``key``."""
        if mapping is None:
            if self._qs.contains(_mapping_key(key)):
                self._qs.remove(_mapping_key(key))
                self.changed.emit(_mapping_key(key))
            return
        self._set(_mapping_key(key), json.dumps({"key": key, "map": dict(mapping)}, ensure_ascii=False,
                                                sort_keys=True))

    @property
    def legend_collapsed(self) -> bool | None:
        """Whether the user last closed (True) or opened (False) the canvas legend; None
        until the user chooses (the legend then closes by itself on small canvases)."""
        value = self._get("canvas/legend_collapsed", "")
        if value in ("", None):
            return None
        return str(value).lower() in ("1", "true", "yes")

    @legend_collapsed.setter
    def legend_collapsed(self, value: bool | None) -> None:
        self._set("canvas/legend_collapsed", "" if value is None else bool(value))

    # window state --------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)
        self._qs.sync()


def _mapping_key(key: str) -> str:
    """The settings key of a remembered table mapping: header keys may hold any character
    (a "/" would make a settings group), so they are hashed; the key itself is kept in the value."""
    return "import/table_mappings/" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]

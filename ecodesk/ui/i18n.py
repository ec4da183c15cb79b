"""UI layer: languages — installing Qt translators, and translating what the engine says.

The engine speaks English templates (command labels marked with ``tr_noop``, enum values,
field names) plus Chinese twins for validation sentences; this module turns them into the
UI language: command labels through context ``commands`` of the .qm file, kind labels
through the enums' ``label(lang)``, field labels through :mod:`ecodesk.model.labels`, and
refusals through ``ValidationError.readable(lang)`` (the field's label, not its code name).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ecodesk.model import labels
from ecodesk.model.errors import ValidationError
from ecodesk.model.kinds import LabelledEnum
from ecodesk.paths import resources_dir

_state: dict[str, Any] = {"lang": "en", "translators": []}


def translations_dir() -> Any:
    return resources_dir() / "translations"


def system_language() -> str:
    """'zh' when the system locale is Chinese, else 'en'."""
    return "zh" if QLocale.system().name().lower().startswith("zh") else "en"


def current_language() -> str:
    """The language the UI is shown in ('en' or 'zh')."""
    return str(_state["lang"])


def is_chinese() -> bool:
    return current_language() == "zh"


#: Texts of Qt's own dialogs that Qt's zh_CN catalogue (qtbase_zh_CN.qm) leaves English:
#: the file dialog's "&Look in:" and "Files of &type:" labels (their mnemonic forms are
#: missing there), "Don't Save" of the standard buttons.
QT_GAPS_ZH: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Computer"): "计算机",
    ("QPlatformTheme", "Don't Save"): "不保存",
}


class QtGapsTranslator(QTranslator):
    """Chinese for the few texts of Qt's own dialogs missing from Qt's zh_CN catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        return QT_GAPS_ZH.get((context, source))  # None: "not here", Qt asks the next catalogue

    def isEmpty(self) -> bool:
        return False


def install_language(lang: str) -> bool:
    """Switch the application to ``lang`` ('en' or 'zh'); widgets get a LanguageChange event.

    Returns False when the Chinese .qm file is missing (the UI then stays English).
    """
    app = QCoreApplication.instance()
    for t in _state["translators"]:
        if app is not None:
            app.removeTranslator(t)
    _state["translators"] = []
    ok = True
    if lang == "zh":
        ours = QTranslator()
        ok = ours.load(str(translations_dir() / "ecodesk_zh_CN.qm"))
        qt = QTranslator()
        qt_ok = qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        for t, loaded in ((qt, qt_ok), (QtGapsTranslator(), True), (ours, ok)):
            if loaded and app is not None:
                app.installTranslator(t)
                _state["translators"].append(t)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _state["lang"] = "zh" if lang == "zh" and ok else "en"
    return ok


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def what_label(what: str) -> str:
    """'entity' → 'entity' / '主体' (the object words used in command labels)."""
    return QCoreApplication.translate("commands", what)


def command_text(command: Any) -> str:
    """A command's label in the UI language: the template translated, then formatted."""
    if command is None:
        return ""
    template = QCoreApplication.translate("commands", command.template)
    params = dict(command.params)
    if "what" in params:
        params["what"] = what_label(str(params["what"]))
    if "field" in params:
        params["field"] = field_label(str(params["field"]))
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return str(command.text)


def enum_label(value: Any) -> str:
    """The label of an enum member (EntityKind, FlowKind, PoolType, PoolRule) in the UI language."""
    if isinstance(value, LabelledEnum):
        return value.label(current_language())
    return str(value)


def error_text(exc: BaseException) -> str:
    """A refusal as one sentence in the UI language, naming fields by their labels."""
    if isinstance(exc, ValidationError):
        return exc.readable(current_language())
    sentence = getattr(exc, "sentence", None)  # the store's ProjectFileError speaks zh too
    if callable(sentence):
        try:
            return str(sentence(current_language()))
        except TypeError:
            pass
    return str(exc)


def field_label(name: str) -> str:
    """A model field's label in the UI language (the engine's table, :mod:`ecodesk.model.labels`)."""
    return labels.field_label(name, current_language())


def count_text(n: int, what: str) -> str:
    """``n`` objects of kind ``what`` ('entities', 'flows', 'capabilities', 'needs', 'pools',
    'ecosystems', 'objects', 'rows') with the right English number: "1 pool", "3 pools"
    (Chinese has one form: "1 个共享安排"). Context ``Counts``."""
    try:
        one, many = _COUNTS[what]
    except KeyError:
        raise ValueError(f"no count text for {what!r}") from None
    return QCoreApplication.translate("Counts", one if n == 1 else many).format(n)


def list_separator() -> str:
    """Between the items of a list in a sentence: ", " or "、"."""
    return "、" if is_chinese() else ", "


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


#: What :func:`count_text` counts → its singular and plural text (context ``Counts``).
_COUNTS: dict[str, tuple[str, str]] = {
    "entities": (QT_TRANSLATE_NOOP("Counts", "1 entity"), QT_TRANSLATE_NOOP("Counts", "{0} entities")),
    "flows": (QT_TRANSLATE_NOOP("Counts", "1 flow"), QT_TRANSLATE_NOOP("Counts", "{0} flows")),
    "capabilities": (QT_TRANSLATE_NOOP("Counts", "1 capability"), QT_TRANSLATE_NOOP("Counts", "{0} capabilities")),
    "needs": (QT_TRANSLATE_NOOP("Counts", "1 need"), QT_TRANSLATE_NOOP("Counts", "{0} needs")),
    "pools": (QT_TRANSLATE_NOOP("Counts", "1 pool"), QT_TRANSLATE_NOOP("Counts", "{0} pools")),
    "sharing pools": (QT_TRANSLATE_NOOP("Counts", "1 sharing pool"), QT_TRANSLATE_NOOP("Counts", "{0} sharing pools")),
    "ecosystems": (QT_TRANSLATE_NOOP("Counts", "1 ecosystem"), QT_TRANSLATE_NOOP("Counts", "{0} ecosystems")),
    "objects": (QT_TRANSLATE_NOOP("Counts", "1 object"), QT_TRANSLATE_NOOP("Counts", "{0} objects")),
    "rows": (QT_TRANSLATE_NOOP("Counts", "1 row"), QT_TRANSLATE_NOOP("Counts", "{0} rows")),
}


#: The object words used in command labels (``{what}``), context ``commands``.
WHAT_LABELS = [
    QT_TRANSLATE_NOOP("commands", "entity"),
    QT_TRANSLATE_NOOP("commands", "flow"),
    QT_TRANSLATE_NOOP("commands", "capability"),
    QT_TRANSLATE_NOOP("commands", "ecosystem"),
    QT_TRANSLATE_NOOP("commands", "need"),
    QT_TRANSLATE_NOOP("commands", "pool"),
    QT_TRANSLATE_NOOP("commands", "scenario"),
    QT_TRANSLATE_NOOP("commands", "project"),
]

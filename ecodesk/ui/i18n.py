"""UI layer: languages — installing Qt translators, and translating what the engine says.

The engine speaks English templates (command labels marked with ``tr_noop``, enum values,
field names) plus Chinese twins for validation sentences; this module turns them into the
UI language: command labels through context ``commands`` of the .qm file, kind labels
through the enums' ``label(lang)``, refusals through ``ValidationError.sentence(lang)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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
        for t, loaded in ((qt, qt_ok), (ours, ok)):
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
        return command.text  # type: ignore[no-any-return]


def enum_label(value: Any) -> str:
    """The label of an enum member (EntityKind, FlowKind, PoolType, PoolRule) in the UI language."""
    if isinstance(value, LabelledEnum):
        return value.label(current_language())
    return str(value)


def error_text(exc: BaseException) -> str:
    """A refusal as one sentence in the UI language."""
    if isinstance(exc, ValidationError):
        return exc.sentence(current_language())
    sentence = getattr(exc, "sentence", None)  # the store's ProjectFileError speaks zh too
    if callable(sentence):
        try:
            return str(sentence(current_language()))
        except TypeError:
            pass
    return str(exc)


def field_label(name: str) -> str:
    """A model field's label in the UI language (context ``fields``)."""
    return QCoreApplication.translate("fields", FIELD_LABELS.get(name, name))


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


#: Every model field shown in the inspector or the tables (context ``fields``).
FIELD_LABELS: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("fields", "ID"),
    "name": QT_TRANSLATE_NOOP("fields", "Name"),
    "kind": QT_TRANSLATE_NOOP("fields", "Kind"),
    "industry": QT_TRANSLATE_NOOP("fields", "Industry"),
    "ecosystems": QT_TRANSLATE_NOOP("fields", "Ecosystems"),
    "demand": QT_TRANSLATE_NOOP("fields", "Demand"),
    "risk": QT_TRANSLATE_NOOP("fields", "Risk"),
    "revenue": QT_TRANSLATE_NOOP("fields", "Revenue"),
    "notes": QT_TRANSLATE_NOOP("fields", "Notes"),
    "x": QT_TRANSLATE_NOOP("fields", "X"),
    "y": QT_TRANSLATE_NOOP("fields", "Y"),
    "color": QT_TRANSLATE_NOOP("fields", "Colour"),
    "category": QT_TRANSLATE_NOOP("fields", "Category"),
    "owner": QT_TRANSLATE_NOOP("fields", "Owner"),
    "fixed_cost": QT_TRANSLATE_NOOP("fields", "Fixed cost"),
    "unit_cost": QT_TRANSLATE_NOOP("fields", "Unit cost"),
    "capacity": QT_TRANSLATE_NOOP("fields", "Capacity"),
    "source": QT_TRANSLATE_NOOP("fields", "Source"),
    "target": QT_TRANSLATE_NOOP("fields", "Target"),
    "volume": QT_TRANSLATE_NOOP("fields", "Volume"),
    "unit_value": QT_TRANSLATE_NOOP("fields", "Unit value"),
    "value": QT_TRANSLATE_NOOP("fields", "Value"),
    "capability": QT_TRANSLATE_NOOP("fields", "Capability"),
    "standalone_cost": QT_TRANSLATE_NOOP("fields", "Standalone cost"),
    "entity": QT_TRANSLATE_NOOP("fields", "Entity"),
    "type": QT_TRANSLATE_NOOP("fields", "Type"),
    "amount": QT_TRANSLATE_NOOP("fields", "Amount"),
    "members": QT_TRANSLATE_NOOP("fields", "Members"),
    "rule": QT_TRANSLATE_NOOP("fields", "Rule"),
    "weights": QT_TRANSLATE_NOOP("fields", "Weights"),
    "floors": QT_TRANSLATE_NOOP("fields", "Floors"),
    "tiers": QT_TRANSLATE_NOOP("fields", "Tiers"),
    "claims": QT_TRANSLATE_NOOP("fields", "Claims"),
    "scale_exponent": QT_TRANSLATE_NOOP("fields", "Scale exponent β"),
    "currency": QT_TRANSLATE_NOOP("fields", "Currency"),
    "period": QT_TRANSLATE_NOOP("fields", "Period"),
    "member_count": QT_TRANSLATE_NOOP("fields", "Members"),
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

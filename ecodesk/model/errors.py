"""Model layer: the typed errors every refusal raises, naming the object and the field."""

from __future__ import annotations

from ecodesk.model.labels import field_label, what_label


class EcodeskError(Exception):
    """Base of every error ecodesk reports to a user as one clear sentence."""


class ValidationError(EcodeskError, ValueError):
    """An object or edit that would make the model invalid.

    ``what`` is the kind of object ('entity', 'flow' …), ``obj_id`` its id, ``field`` the
    offending field; ``message`` is an English sentence and ``message_zh`` its Chinese twin.

    Two renderings: :meth:`sentence` names the field by its code name (``str(exc)``, the
    command line, files and logs keep it stable); :meth:`readable` names it by its label
    ("Revenue", "收入") for the people using the app.
    """

    def __init__(self, what: str, obj_id: str, field: str, message: str, message_zh: str = "") -> None:
        self.what = what
        self.obj_id = obj_id
        self.field = field
        self.message = message
        self.message_zh = message_zh or message
        super().__init__(self.sentence())

    def sentence(self, lang: str = "en") -> str:
        """The refusal with the field's code name: "Entity 'e1', field 'risk': …"."""
        zh = lang.startswith("zh")
        label = what_label(self.what, "zh") if zh else self.what
        ident = f" '{self.obj_id}'" if self.obj_id else ""
        if zh:
            return f"{label}{ident} 的字段 {self.field}：{self.message_zh}"
        return f"{label.capitalize()}{ident}, field '{self.field}': {self.message}"

    def readable(self, lang: str = "en") -> str:
        """The refusal as a planner reads it, with the field's label: "Entity 'e1', Risk: …"
        / "主体 'e1' 的风险：…"."""
        if not self.what:  # no object to name (a subclass's own sentence, e.g. a place in a file)
            return self.sentence(lang)
        zh = lang.startswith("zh")
        label = what_label(self.what, lang)
        ident = f" '{self.obj_id}'" if self.obj_id else ""
        if not self.field:
            return f"{label}{ident}：{self.message_zh}" if zh else f"{label.capitalize()}{ident}: {self.message}"
        name = field_label(self.field, lang, self.what)
        if zh:
            return f"{label}{ident}{' ' if ident else ''}的{name}：{self.message_zh}"
        return f"{label.capitalize()}{ident}, {name}: {self.message}"

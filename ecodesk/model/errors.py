"""Model layer: the typed errors every refusal raises, naming the object and the field."""

from __future__ import annotations


class EcodeskError(Exception):
    """Base of every error ecodesk reports to a user as one clear sentence."""


class ValidationError(EcodeskError, ValueError):
    """An object or edit that would make the model invalid.

    ``what`` is the kind of object ('entity', 'flow' …), ``obj_id`` its id, ``field`` the
    offending field; ``message`` is an English sentence and ``message_zh`` its Chinese twin.
    """

    def __init__(self, what: str, obj_id: str, field: str, message: str, message_zh: str = "") -> None:
        self.what = what
        self.obj_id = obj_id
        self.field = field
        self.message = message
        self.message_zh = message_zh or message
        super().__init__(self.sentence())

    def sentence(self, lang: str = "en") -> str:
        label = _WHAT_ZH.get(self.what, self.what) if lang.startswith("zh") else self.what
        ident = f" '{self.obj_id}'" if self.obj_id else ""
        if lang.startswith("zh"):
            return f"{label}{ident} 的字段 {self.field}：{self.message_zh}"
        return f"{label.capitalize()}{ident}, field '{self.field}': {self.message}"


_WHAT_ZH = {
    "entity": "主体",
    "flow": "资源流",
    "capability": "能力",
    "ecosystem": "生态",
    "need": "需求",
    "pool": "共享安排",
    "scenario": "情景",
    "project": "项目",
}

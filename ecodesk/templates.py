"""Project templates: interchange JSON files in ``resources/templates`` (SPEC §4 form)
with an extra ``template`` object giving ``title`` and ``title_zh``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecodesk.io.errors import FormatError
from ecodesk.io.jsonio import project_from_json, read_json_file
from ecodesk.model.scenario import Project
from ecodesk.paths import templates_dir


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    title_zh: str
    path: Path

    def label(self, lang: str = "en") -> str:
        return self.title_zh if lang.startswith("zh") and self.title_zh else self.title


def list_templates() -> list[Template]:
    """Every template, the blank one first, then by name."""
    out: list[Template] = []
    for path in sorted(templates_dir().glob("*.json")):
        try:
            data = read_json_file(path)
        except FormatError:
            continue
        meta = data.get("template", {}) if isinstance(data, dict) else {}
        out.append(Template(path.stem, str(meta.get("title", path.stem)), str(meta.get("title_zh", "")), path))
    out.sort(key=lambda t: (t.name != "blank", t.name))
    return out


def load_template(name: str) -> Project:
    """A new project built from template ``name``; FormatError if there is none."""
    for t in list_templates():
        if t.name == name:
            data = read_json_file(t.path)
            data.pop("template", None)
            return project_from_json(data, source=t.path.name)
    known = ", ".join(t.name for t in list_templates())
    raise FormatError(name, [f"there is no template called '{name}' (templates: {known})."])

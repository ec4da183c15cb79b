"""I/O refusals of issue 13: JSON with nothing ecodesk recognises is not an empty project, and a
write into a folder that does not exist names that folder (not the hidden temporary file)."""

from __future__ import annotations

import pytest

from ecodesk.io import import_file
from ecodesk.io.atomic import atomic_write
from ecodesk.io.errors import FormatError
from ecodesk.io.jsonio import project_from_json


@pytest.mark.parametrize("data", [{"a": 1}, {}, {"nodes": [], "edges": []}])
def test_json_with_nothing_recognisable_is_refused(data):
    with pytest.raises(FormatError) as info:
        project_from_json(data, source="odd.json")
    assert info.value.problems[0].startswith("'odd.json' holds nothing ecodesk can import")


@pytest.mark.parametrize("data, entities", [({"entities": [{"id": "a"}]}, 1), ({"name": "Only a name"}, 0),
                                            ({"format": "ecodesk", "version": 1, "scenarios": [{"name": "S"}]}, 0)])
def test_recognisable_json_still_imports(data, entities):
    project = project_from_json(data, source="ok.json")
    assert len(project.scenarios) == 1 and len(project.scenarios[0].entities) == entities


def test_import_file_refuses_unrecognisable_json(tmp_path):
    src = tmp_path / "a.json"
    src.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(FormatError, match="holds nothing ecodesk can import"):
        import_file(src)


def test_atomic_write_into_a_missing_folder_names_the_folder(tmp_path):
    dest = tmp_path / "missing" / "out.json"
    with pytest.raises(FileNotFoundError) as info, atomic_write(dest) as fh:
        fh.write("{}")
    assert info.value.filename == str(tmp_path / "missing") and ".tmp" not in str(info.value)
    assert not (tmp_path / "missing").exists()


def test_report_sentences_say_one_in_the_singular():
    from ecodesk.io.report_text import Words

    en, zh = Words("en"), Words("zh")
    assert en("f_gaps", n=1) == "1 need is not met yet." and en("f_gaps", n=2) == "2 needs are not met yet."
    assert en("f_redundant", n=1, x="5").startswith("1 capability category is built more than once")
    assert en("core_no", n=1).startswith("The Shapley split is not stable: 1 group of partners would pay less on its own")
    assert "(s)" not in en("core_no", n=3) and "3 groups" in en("core_no", n=3)
    assert zh("f_gaps", n=1) == "有 1 项需求尚未满足。" and zh("f_gaps", n=2) == "有 2 项需求尚未满足。"

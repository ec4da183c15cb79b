"""Importers on hostile files: numbers of hundreds of digits and deep nesting give one sentence
naming the limit (never OverflowError or RecursionError as "internal error"). The attack files
are fixtures in tests/robustness/fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecodesk.io.errors import FormatError
from ecodesk.io.gexf import import_gexf
from ecodesk.io.graphml import MAX_DEPTH, MAX_DIGITS, import_gml, import_graphml

FIXTURES = Path(__file__).resolve().parents[1] / "robustness" / "fixtures"


def test_limits_are_what_the_messages_say() -> None:
    assert (MAX_DEPTH, MAX_DIGITS) == (200, 300)


@pytest.mark.parametrize("name, reader", [("graphml_long_int.graphml", import_graphml),
                                          ("gexf_long_int.gexf", import_gexf)])
def test_integer_attributes_of_310_digits_are_kept_as_text(name: str, reader) -> None:
    # Before: float(int('9' * 310)) raised OverflowError ("internal error").
    project = reader(FIXTURES / name)
    entity = next(e for e in project.scenario().entities if e.id == "a")
    assert entity.demand == 0.0
    assert f"demand: {'9' * 310}" in entity.notes
    assert f"size: {'9' * 310}" in entity.notes


@pytest.mark.parametrize("name, reader, where", [
    ("graphml_deep.graphml", import_graphml, "XML"),
    ("gexf_deep.gexf", import_gexf, "XML"),
    ("gml_deep.gml", import_gml, "GML lists"),
])
def test_nesting_of_1000_levels_is_one_sentence(name: str, reader, where: str) -> None:
    # Before: RecursionError.
    with pytest.raises(FormatError) as info:
        reader(FIXTURES / name)
    assert str(info.value) == f"{name}: has more than 200 levels of nesting in its {where} (ecodesk reads at most 200)."
    assert info.value.sentences("zh") == [f"{name}: {where} 嵌套超过 200 层（ecodesk 最多读取 200 层）。"]


def test_gml_number_of_310_digits_is_one_sentence() -> None:
    # Before: OverflowError (networkx made a 310-digit int, float() of it overflowed).
    with pytest.raises(FormatError) as info:
        import_gml(FIXTURES / "gml_long_number.gml")
    assert str(info.value) == ("gml_long_number.gml: holds a number of 310 digits (ecodesk reads numbers of at most "
                               "300 digits).")


def test_gml_of_4300_digits_names_our_limit_not_pythons(tmp_path: Path) -> None:
    path = tmp_path / "g.gml"
    path.write_text(f"graph [ node [ id 1 demand {'1' * 5000} ] ]")
    with pytest.raises(FormatError, match="a number of 5000 digits"):
        import_gml(path)


def test_nesting_up_to_the_limit_still_reads(tmp_path: Path) -> None:
    depth = 60  # <graph><node> pairs: 2 levels each, under the 200 limit
    xml = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
           + "".join(f'<node id="n{i}"><graph>' for i in range(depth)) + "</graph></node>" * depth
           + "</graph></graphml>")
    path = tmp_path / "nested.graphml"
    path.write_text(xml)
    assert len(import_graphml(path).scenario().entities) == depth
    gml = tmp_path / "ok.gml"
    gml.write_text(f"graph [ node [ id 1 label \"a\" demand {'9' * 12} deep " + "[ a " * 150 + "1" + " ]" * 150 + " ] ]")
    assert [e.demand for e in import_gml(gml).scenario().entities] == [999_999_999_999.0]


def test_graphml_with_a_huge_name_is_refused_naming_the_limit(tmp_path: Path) -> None:
    # Before: a 200 MB name imported, and every export then took minutes and 6 GB. 20 MB shows it.
    from ecodesk.model.objects import MAX_TEXT_LENGTH

    path = tmp_path / "huge.graphml"
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="l" for="node" attr.name="label" '
                    f'attr.type="string"/><graph><node id="a"><data key="l">{"N" * 20_000_000}</data></node></graph>'
                    "</graphml>")
    with pytest.raises(FormatError) as info:
        import_graphml(path)
    assert info.value.problems == [f"huge.graphml: graph 'Base', node 'a': Entity 'a', field 'name': is "
                                   f"20,000,000 characters long (at most {MAX_TEXT_LENGTH:,})."]
    assert MAX_TEXT_LENGTH == 10_000


def test_text_limits_of_the_model() -> None:
    from ecodesk.model import Entity
    from ecodesk.model.errors import ValidationError
    from ecodesk.model.objects import MAX_NOTES_LENGTH, MAX_TEXT_LENGTH

    assert MAX_NOTES_LENGTH == 4_000_000
    long_name = "名" * MAX_TEXT_LENGTH
    assert Entity("a", name=long_name, industry=long_name, notes="n" * MAX_NOTES_LENGTH).name == long_name
    with pytest.raises(ValidationError) as info:
        Entity("a", industry="x" * (MAX_TEXT_LENGTH + 1))
    assert info.value.sentence("en") == "Entity 'a', field 'industry': is 10,001 characters long (at most 10,000)"
    assert info.value.sentence("zh") == "主体 'a' 的字段 industry：长 10,001 个字符（最多 10,000 个）"
    with pytest.raises(ValidationError, match="is 4,000,001 characters long"):
        Entity("a", notes="n" * (MAX_NOTES_LENGTH + 1))


# -- what the importer fuzzer (tests/robustness/fuzzing.py, import_campaign) found -------------


def test_xml_declaring_an_unknown_encoding_is_one_sentence(tmp_path: Path) -> None:
    # Before: LookupError from expat ("internal error").
    path = tmp_path / "enc.graphml"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8inf"?><graphml><graph/></graphml>')
    with pytest.raises(FormatError) as info:
        import_graphml(path)
    assert str(info.value).startswith("enc.graphml: is not readable XML (")
    gexf = tmp_path / "enc.gexf"
    gexf.write_bytes(b'<?xml version="1.0" encoding="UTF745"?><gexf><graph/></gexf>')
    with pytest.raises(FormatError, match=r"enc\.gexf: is not readable XML"):
        import_gexf(gexf)


def _zip(path: Path, files: dict[str, bytes]) -> bytes:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path.read_bytes()


def test_damaged_zips_are_one_sentence(tmp_path: Path) -> None:
    from ecodesk.io import import_file

    path = tmp_path / "t.zip"
    raw = bytearray(_zip(path, {"entities.csv": b"id,name\n" + b"".join(b"e%d,n%d\n" % (i, i) for i in range(300))}))
    data_start = 30 + len("entities.csv")
    raw[data_start + 5: data_start + 25] = b"\xff" * 20  # the deflate stream: zlib.error before
    path.write_bytes(bytes(raw))
    with pytest.raises(FormatError, match=r"^t.zip: is not a readable zip file \("):
        import_file(path, "csv")
    raw = bytearray(_zip(path, {"entities.csv": b"id\na\n"}))
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 6] = 117  # "version needed to extract" 11.7: NotImplementedError before
    path.write_bytes(bytes(raw))
    with pytest.raises(FormatError, match=r"^t.zip: is not a readable zip file \(zip file version 11.7\)"):
        import_file(path, "csv")
    raw = bytearray(_zip(path, {"entities.csv": b"id\na\n"}))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # the 'encrypted' flag: RuntimeError before
        at = raw.find(header)
        raw[at + (6 if header == b"PK\x03\x04" else 8)] |= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(FormatError, match=r"is encrypted"):
        import_file(path, "csv")


def test_an_unnamed_row_refused_by_the_model_does_not_break_naming_the_others(tmp_path: Path) -> None:
    # Before: IndexError in _name_unnamed (the refused row kept a slot in the naming list).
    from ecodesk.io import import_file

    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "entities.csv").write_text("id\na\nb\n")
    (folder / "flows.csv").write_text("source,target,volume\na,b,1\na,b,2\nb,a,1e16\n")
    with pytest.raises(FormatError) as info:
        import_file(folder, "csv")
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith("flows.csv: row 4: ")
    assert "volume" in info.value.problems[0] and "too large" in info.value.problems[0]


def test_gml_networkx_cannot_read_is_one_sentence(tmp_path: Path) -> None:
    # Before: TypeError (unhashable type: 'list') from networkx's parser.
    path = tmp_path / "k.gml"
    path.write_text("graph [ multigraph 1 node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 key [ a 1 ] ] ]")
    with pytest.raises(FormatError) as info:
        import_gml(path)
    assert str(info.value).startswith("k.gml: is not valid GML (networkx cannot read it: TypeError: ")


def test_ids_of_millions_of_characters_are_refused_in_a_short_sentence(tmp_path: Path) -> None:
    # Before: a 2 MB node id became an entity id (every export and drawing slowed by it) and a
    # problem naming the node repeated it in full.
    from ecodesk.io import import_file

    nid = "i" * 2_000_000
    path = tmp_path / "id.graphml"
    path.write_text(f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="{nid}"/>'
                    '<node id="b"/></graph></graphml>')
    with pytest.raises(FormatError) as info:
        import_graphml(path)
    (sentence,) = info.value.problems
    assert sentence.startswith("id.graphml: graph 'Base', node 'iiii")
    assert sentence.endswith("…: 'id' holds an id of 2,000,000 characters (at most 10,000).")
    assert len(sentence) < 400
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,notes\na," + "n" * 300_000 + "\n")
    (folder / "flows.csv").write_text(f"source,target\na,{'b' * 10_001}\n")
    with pytest.raises(FormatError) as info:
        import_file(folder, "csv")
    assert info.value.problems == ["flows.csv: row 2: 'target' holds an id of 10,001 characters (at most 10,000)."]


def test_a_cell_of_400_digits_names_the_limit(tmp_path: Path) -> None:
    # Before: "'999…(400 digits)…' is too large", quoting the whole number.
    from ecodesk.io import import_file

    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "entities.csv").write_text(f"id,demand\na,{'9' * 400}\n")
    with pytest.raises(FormatError) as info:
        import_file(folder, "csv")
    assert info.value.problems == ["entities.csv: row 2, column 'demand': a number of 400 digits is too long "
                                   "(at most 300)."]
    (folder / "entities.csv").write_text(f"id,demand\na,{'1' + '0' * 14}\n")
    assert [e.demand for e in import_file(folder, "csv").scenario().entities] == [1e14]


def test_graph_files_beyond_the_size_limit_are_refused_unread(tmp_path: Path, monkeypatch) -> None:
    import ecodesk.io.graphml as graphml

    assert graphml.MAX_FILE_BYTES == 256 * 1024 * 1024
    monkeypatch.setattr(graphml, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.graphml"
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>' + "<node id='a'/>" * 100
                    + "</graph></graphml>")
    with pytest.raises(FormatError) as info:
        import_graphml(path)
    assert str(info.value) == ("big.graphml: is too large (more than 1,000 bytes; ecodesk reads graph files of at "
                               "most that).")
    gml = tmp_path / "big.gml"
    gml.write_text("graph [ " + "node [ id 1 ] " * 100 + "]")
    with pytest.raises(FormatError, match="is too large"):
        import_gml(gml)


def test_json_files_beyond_the_size_limit_are_refused_unread(tmp_path: Path, monkeypatch) -> None:
    import ecodesk.io.jsonio as jsonio
    from ecodesk.io.kumu import import_kumu

    assert jsonio.MAX_JSON_BYTES == 256 * 1024 * 1024
    monkeypatch.setattr(jsonio, "MAX_JSON_BYTES", 100)
    path = tmp_path / "k.json"
    path.write_text('{"elements": [' + ", ".join(f'{{"_id": "a{i}"}}' for i in range(20)) + "]}")
    with pytest.raises(FormatError) as info:
        import_kumu(path)
    assert str(info.value) == "'k.json' is too large (more than 100 bytes; ecodesk reads JSON files of at most that)."


def test_deep_json_inside_csv_cells_and_graph_attributes_is_one_sentence(tmp_path: Path) -> None:
    # Found by the long import fuzz run: RecursionError from json.loads of a cell or attribute.
    from ecodesk.io import export_file, import_file
    from ecodesk.model import Entity, Project, Scenario

    deep = "[" * 100_000 + "]" * 100_000
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "project.csv").write_text(f'name,settings\nP,"{{""a"": {deep}}}"\n')
    (folder / "entities.csv").write_text(f"id,ecosystems\na,{deep}\n")
    with pytest.raises(FormatError) as info:
        import_file(folder, "csv")
    settings, ecosystems = info.value.problems
    assert settings == "project.csv: row 2, column 'settings': not valid JSON (it is nested too deeply)."
    assert ecosystems.startswith("entities.csv: row 2, column 'ecosystems': '[[[")
    assert ecosystems.endswith("is not valid JSON (it is nested too deeply).")
    (folder / "project.csv").unlink()
    (folder / "entities.csv").write_text(f"id,ecosystems\na,[{'1' * 310}]\n")
    with pytest.raises(FormatError, match=r"a number of 310 digits is too long \(at most 300\)"):
        import_file(folder, "csv")
    s = Scenario("Base")
    s.add(Entity("a"))
    export_file(Project("P", scenarios=[s]), tmp_path / "own.graphml", "graphml")
    own = (tmp_path / "own.graphml").read_text()
    (tmp_path / "own.graphml").write_text(own.replace('<data key="g_needs">[]</data>',
                                                      f'<data key="g_needs">{deep}</data>'))
    with pytest.raises(FormatError, match=r"'ecodesk_needs' is not valid JSON \(it is nested too deeply\)"):
        import_graphml(tmp_path / "own.graphml")

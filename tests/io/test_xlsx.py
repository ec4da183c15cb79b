"""Excel workbooks (SPEC §4 "Spreadsheets"): sheets named and laid out like the CSV tables,
text always as string cells (never a formula), numbers as numbers with every digit, an exact
round trip (templates and hostile text), located problems, and bounded reading (rows, cells,
zip bombs, files that are no workbook)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ecodesk.io import FormatError, export_file, import_file, xlsxio
from ecodesk.io.csvio import project_tables
from ecodesk.io.tabular import FIELDS
from ecodesk.model import Entity, EntityKind, Flow, FlowKind, Project, Scenario
from ecodesk.templates import list_templates, load_template
from tests.io.workbooks import write_workbook

HOSTILE = ['=HYPERLINK("http://example.com/?leak","click")', "=1+1", "+3*7", "-2+5", "@SUM(1,2)", "\tTAB",
           "\rCR", "'=already quoted", "''@two quotes", "_x0041_ literal", "ctrl\x01\x1f", "a\r\nb", " spaced ",
           "平台；供应商", "-5", "+3", "1e5"]


def _project(texts: list[str]) -> Project:
    s = Scenario("Base")
    for i, text in enumerate(texts):
        s.add(Entity(f"e{i}", text, EntityKind.SUPPLIER, text, notes=text, risk=0.30000000000000004, x=i * 1.1,
                     y=-1e-7 * i, demand=1e15 - i))
    for i in range(1, len(texts)):
        s.add(Flow(f"f{i}", f"e{i - 1}", f"e{i}", FlowKind.GOODS, volume=0.1 + 0.2, unit_value=2.5e-300,
                   notes=texts[i], label=texts[i][:50]))
    p = Project(texts[0] if texts[0].strip() else "P", notes=texts[1])
    p.add_scenario(s)
    return p


def test_sheets_are_named_and_laid_out_like_the_csv_tables(rich_project, tmp_path):
    dest = tmp_path / "book.xlsx"
    assert export_file(rich_project, dest) == []
    wb = load_workbook(dest)
    assert wb.sheetnames == ["project", "ecosystems", "entities", "capabilities", "flows", "needs", "pools",
                             "annotations", "views"]
    tables = project_tables(rich_project)
    for sheet in wb.sheetnames:
        rows = [[("" if v is None else v) for v in row] for row in wb[sheet].iter_rows(values_only=True)]
        expected = tables[f"{sheet}.csv"]
        assert rows[0] == expected[0] and len(rows) == len(expected)
        numeric = [FIELDS.get(sheet, {}).get(h) == "number" or (sheet == "views" and h in ("x", "y", "width", "height"))
                   for h in expected[0]]
        for got, want in zip(rows[1:], expected[1:]):
            for value, text, is_number in zip(got, want, numeric):
                if is_number and text != "":
                    assert isinstance(value, (int, float)) and value == float(text)
                else:
                    assert xlsxio.unescape_text(value) == text  # "\r" is written as OOXML's _x000D_
    assert wb["entities"]["A1"].value == "scenario"


def test_every_template_round_trips_exactly(tmp_path):
    for template in list_templates():
        project = load_template(template.name)
        dest = tmp_path / f"{template.name}.xlsx"
        export_file(project, dest)
        back = import_file(dest)
        assert back.content_equals(project), template.name
        assert back.meta_dict() == project.meta_dict()
        assert [s.name for s in back.scenarios] == [s.name for s in project.scenarios]


def test_text_is_always_a_string_cell_and_numbers_keep_every_digit(tmp_path):
    project = _project(HOSTILE)
    dest = tmp_path / "hostile.xlsx"
    export_file(project, dest, "xlsx")
    wb = load_workbook(dest)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # never a formula
    names = {ws.title: ws for ws in wb.worksheets}
    entities = names["entities"]
    header = [c.value for c in entities[1]]
    name_col, risk_col, demand_col = (header.index(h) for h in ("name", "risk", "demand"))
    row2 = [c for c in entities[2]]
    assert row2[name_col].data_type == "s" and row2[name_col].value == HOSTILE[0]
    assert row2[risk_col].data_type == "n" and row2[risk_col].value == 0.30000000000000004  # not 0.3
    assert row2[demand_col].value == 1e15
    assert names["project"]["A2"].value == HOSTILE[0] and names["project"]["A2"].data_type == "s"
    # a control character is written in OOXML's escape (what Excel shows as the character)
    ctrl = next(c for c in cells if isinstance(c.value, str) and c.value.startswith("ctrl"))
    assert ctrl.value == "ctrl_x0001__x001F_" and xlsxio.unescape_text(ctrl.value) == "ctrl\x01\x1f"
    back = import_file(dest)
    assert back.content_equals(project) and back.meta_dict() == project.meta_dict()


def test_escape_is_exact_for_texts_that_look_escaped():
    for text in ("_x0041_", "_x005F_x0041_", "a\rb", "_x00", "\x00", "_X0041_", "x_x1234_y\x0b"):
        assert xlsxio.unescape_text(xlsxio.escape_text(text)) == text
    assert xlsxio.escape_text("a\rb") == "a_x000D_b"


TEXT = st.lists(st.one_of(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"),
                          st.sampled_from(["=", "+", "-", "@", "'", "\t", "\r", "_x0041_", "平台", ";", "\n"])),
                max_size=8).map("".join)


@given(st.lists(TEXT, min_size=2, max_size=5), st.floats(0, 1), st.floats(-1e9, 1e9))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_hostile_text_and_number_round_trips(texts, risk, x):
    project = _project(texts)
    s = project.scenario()
    s.replace(s.entities["e0"].evolve(risk=risk, x=x))
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "p.xlsx"
        export_file(project, dest)
        back = import_file(dest)
        assert back.content_equals(project) and back.meta_dict() == project.meta_dict()
        wb = load_workbook(dest)
        assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_a_cell_longer_than_excel_allows_is_refused_and_nothing_written(tmp_path):
    project = _project(["a", "b"])
    s = project.scenario()
    s.replace(s.entities["e1"].evolve(notes="n" * 40_000))
    dest = tmp_path / "long.xlsx"
    dest.write_bytes(b"old")
    with pytest.raises(FormatError) as info:
        export_file(project, dest)
    assert info.value.problems == ["long.xlsx [entities]: row 3, column 'notes': holds 40,000 characters, more than "
                                   "an Excel cell can (32,767); export as CSV instead."]
    assert dest.read_bytes() == b"old"


def test_problems_in_our_own_workbook_name_sheet_row_and_column(tmp_path):
    book = write_workbook(tmp_path / "book.xlsx", {
        "entities": [["id", "name", "risk"], ["a", "A", 0.1], [], ["b", "B", "abc"]],
        "flows": [["source", "target", "volume"], ["a", "zz", 5]],
    })
    with pytest.raises(FormatError) as info:
        import_file(book)
    text = "\n".join(info.value.problems)
    assert "book.xlsx [entities]: row 4, column 'risk': 'abc' is not a number" in text
    assert "book.xlsx [flows]: row 2" in text and "zz" in text
    zh = "\n".join(info.value.sentences("zh"))
    assert "book.xlsx [entities]: 第 4 行，列 'risk'" in zh


def test_own_workbook_typed_by_hand_with_numbers_as_cells(tmp_path):
    book = write_workbook(tmp_path / "hand.xlsx", {
        "entities": [["id", "name", "kind", "demand"], ["s", "星河传感", "供应商", 1200], ["u", "用户", "user", "3万"]],
        "flows": [["source", "target", "volume"], ["s", "u", 2.5]],
    })
    p = import_file(book)
    s = p.scenario()
    assert p.name == "hand" and [e.kind.value for e in s.entities] == ["supplier", "user"]
    assert [e.demand for e in s.entities] == [1200.0, 30000.0] and s.flows.at(0).volume == 2.5


def test_too_many_rows_are_refused_with_the_limit(tmp_path, monkeypatch):
    project = _project([f"n{i}" for i in range(30)])
    dest = tmp_path / "big.xlsx"
    export_file(project, dest)
    monkeypatch.setattr(xlsxio, "MAX_ROWS", 20)
    with pytest.raises(FormatError) as info:
        import_file(dest)
    assert "big.xlsx [entities]: has more than 20 rows (ecodesk reads at most that many in one table)." in \
        info.value.problems
    monkeypatch.setattr(xlsxio, "MAX_ROWS", 100_000)
    monkeypatch.setattr(xlsxio, "MAX_CELLS", 100)
    with pytest.raises(FormatError, match=r"more than 100 cells"):
        import_file(dest)


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path):
    dest = tmp_path / "bomb.xlsx"
    export_file(_project(["a", "b"]), dest)
    with zipfile.ZipFile(dest, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet99.xml", b"<a>" + b" " * (40 << 20) + b"</a>")
    assert dest.stat().st_size < 200_000
    with pytest.raises(FormatError) as info:
        import_file(dest)
    [sentence] = info.value.problems
    assert "bomb.xlsx: holds a part (xl/worksheets/sheet99.xml) that unpacks to 41,943,047 bytes" in sentence
    assert "zip bomb" in sentence


def test_files_that_are_no_workbook_are_refused_in_one_sentence(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("id,name\na,b\n")
    with pytest.raises(FormatError) as info:
        import_file(fake)
    assert info.value.problems == ["fake.xlsx: is not an Excel workbook (.xlsx); a .xls file must be saved as .xlsx "
                                   "first."]
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    with pytest.raises(FormatError, match=r"broken\.xlsx: is not a readable Excel workbook"):
        import_file(broken)


def test_read_sheets_gives_text_and_stops_at_max_rows(tmp_path):
    book = write_workbook(tmp_path / "t.xlsx", {"节点": [["名称", "数量"], ["甲", 3], ["乙", 2.5], ["丙", True]],
                                           "empty": []})
    assert xlsxio.read_sheets(book) == {"节点": (["名称", "数量"], [["甲", "3"], ["乙", "2.5"], ["丙", "true"]]),
                                        "empty": ([], [])}
    assert xlsxio.read_sheets(book, max_rows=1)["节点"] == (["名称", "数量"], [["甲", "3"]])
    assert not xlsxio.is_own_workbook(book) and xlsxio.is_own_workbook(
        write_workbook(tmp_path / "own.xlsx", {"Entities ": [["id"], ["a"]]}))


def test_a_formula_in_a_foreign_workbook_is_never_run_only_its_saved_value_read(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "nodes"
    ws.append(["id", "name"])
    ws.append(["a", "=1+1"])  # a formula cell that no spreadsheet has calculated: no value
    wb.save(tmp_path / "f.xlsx")
    assert xlsxio.read_sheets(tmp_path / "f.xlsx")["nodes"] == (["id", "name"], [["a"]])


def test_only_rows_with_content_count_towards_the_limit(tmp_path, monkeypatch):
    wb = Workbook()
    ws = wb.active
    ws.title = "edges"
    ws.append(["source", "target"])
    ws.append(["a", "b"])
    ws.cell(row=150_000, column=1, value="c")  # a stray cell far below: the sheet is still small
    ws.cell(row=150_000, column=2, value="a")
    wb.save(tmp_path / "far.xlsx")
    assert xlsxio.sheet_records(tmp_path / "far.xlsx")["edges"][-1] == (150_000, ["c", "a"])
    s = import_file(tmp_path / "far.xlsx").scenario()
    assert [(f.source, f.target) for f in s.flows] == [("a", "b"), ("c", "a")]
    monkeypatch.setattr(xlsxio, "MAX_ROWS", 2)
    with pytest.raises(FormatError, match=r"far\.xlsx \[edges\]: has more than 2 rows"):
        import_file(tmp_path / "far.xlsx")


# -- ranges (SPEC §3.7) ----------------------------------------------------------------------


def test_ranges_are_a_text_column_and_round_trip(tmp_path):
    s = Scenario("Base")
    s.add(Entity("a", demand=10.0, risk=0.1, ranges={"demand": (5, 20), "risk": (0.05, 0.2)}))
    s.add(Entity("b"))
    s.add(Flow("f", "a", "b", volume=0.1 + 0.2, ranges={"volume": (0.1, 1e15)}))
    project = Project("p", scenarios=[s])
    export_file(project, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    ws = wb["entities"]
    header = [c.value for c in ws[1]]
    col = header.index("ranges")
    cells = [row[col] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ["demand=5..20;risk=0.05..0.2", None]
    assert cells[0].data_type == "s"  # text, never a formula
    flows = wb["flows"]
    assert flows.cell(2, [c.value for c in flows[1]].index("ranges") + 1).value == "volume=0.1..1000000000000000"
    assert import_file(tmp_path / "r.xlsx").content_equals(project)


def test_a_range_typed_into_a_sheet_and_a_bad_one_named_by_sheet_row_and_column(tmp_path):
    book = write_workbook(tmp_path / "hand.xlsx", {
        "entities": [["id", "demand", "ranges"], ["a", "10万", "demand=8万..12万"], ["b", 5, "demand=6..9"]],
    })
    with pytest.raises(FormatError) as info:
        import_file(book)
    assert info.value.problems == [
        "hand.xlsx [entities]: row 3: Entity 'b', field 'ranges[demand]': the low end 6 is above the value 5."]
    book = write_workbook(tmp_path / "hand2.xlsx", {
        "entities": [["id", "demand", "ranges"], ["a", "10万", "demand=8万..12万"]],
    })
    assert import_file(book).scenario().entities["a"].ranges == {"demand": (8e4, 1.2e5)}

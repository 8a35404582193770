"""The catalogue: header parsing, typed parameters, analyst folders, name clashes, running.

Parsing and binding need no server; the few run tests use the real small fixture store.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gkg.catalogue import (
    PARAM_TYPES,
    Catalogue,
    builtin_dir,
    convert,
    parse_assignments,
    parse_query,
)
from gkg.errors import QueryError, StoreError
from gkg.runner import run_query

GOOD = """\
// name: demo
// title: A demo query
// description: First line of the description,
//   and its continuation.
// param: who (entity) = national-ai-data-center; example: 국가AI데이터센터
//   The entity to start from.
// param: year (int) = 2025
// param: since (date) = 2024
// param: ratio (float) = 0.5; example: 1.5
// param: flag (bool) = false
// param: label (str) = null; example: Company
// param: needed (str)
//   A required parameter.
// result: graph
// engine: cypher
MATCH (n:Entity)
WHERE toLower($who) IN n.lookupKeys AND ($label IS NULL OR $label IN labels(n))
  AND n.asOf >= $since AND $year > 0 AND $ratio > 0 AND $flag = false AND $needed <> ''
RETURN n  // a trailing comment with $notAParam in it
"""


@pytest.fixture(autouse=True)
def no_analyst_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the built-in queries only, whatever the user's GKG_QUERIES says."""
    monkeypatch.delenv("GKG_QUERIES", raising=False)


def write(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def query_text(name: str, body: str = "MATCH (n:Entity) RETURN n.id AS id", **header: str) -> str:
    lines = [f"// name: {name}", f"// title: {header.pop('title', name.title())}"]
    lines += [f"// {key}: {value}" for key, value in header.items()]
    return "\n".join(lines) + "\n" + body + "\n"


# --- parsing ------------------------------------------------------------------------------


def test_a_header_is_parsed_into_fields_and_typed_params() -> None:
    query = parse_query(GOOD, Path("themes/demo.cypher"), "themes")
    assert (query.name, query.title, query.category) == ("demo", "A demo query", "themes")
    assert query.description == "First line of the description, and its continuation."
    assert (query.result, query.engine) == ("graph", "cypher")
    assert query.text.startswith("MATCH (n:Entity)")
    params = {p.name: p for p in query.params}
    assert [p.name for p in query.params] == [
        "who", "year", "since", "ratio", "flag", "label", "needed",
    ]  # fmt: skip
    who = params["who"]
    assert (who.type, who.default, who.example, who.required) == (
        "entity", "national-ai-data-center", "국가AI데이터센터", False,
    )  # fmt: skip
    assert who.description == "The entity to start from."
    assert params["year"].default == 2025 and params["year"].example == "2025"
    assert params["since"].default == "2024-01-01"
    assert params["ratio"].default == 0.5 and params["flag"].default is False
    assert params["label"].default is None and not params["label"].required
    assert params["needed"].required and params["needed"].description == "A required parameter."
    assert params["label"].signature() == "label: str = null"
    assert params["needed"].signature() == "needed: str"


def test_result_and_engine_default_to_table_and_cypher() -> None:
    query = parse_query(query_text("plain"), Path("plain.cypher"))
    assert (query.result, query.engine, query.params, query.description) == (
        "table", "cypher", (), "",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (query_text("other"), "must match the file name"),
        ("// title: no name\nRETURN 1\n", "lacks '// name: ...'"),
        ("// name: bad\nRETURN 1\n", "lacks '// title: ...'"),
        (query_text("bad", tilte="typo"), "unknown header field 'tilte'"),
        (query_text("bad", result="chart"), "result 'chart' must be one of"),
        (query_text("bad", engine="spark"), "engine 'spark' must be one of"),
        (query_text("bad", param="x (list) = 1"), "type 'list' must be one of"),
        (query_text("bad", param="x int = 1"), "a param reads"),
        (query_text("bad", param="x (int) = many"), "bad default: expected a whole number"),
        (query_text("bad", body="MATCH (n) WHERE n.id = $ghost RETURN n"), "uses $ghost"),
        ("// name: bad\n// title: t\n// just words\nRETURN 1\n", "header lines are"),
        ("// name: bad\n// title: t\n", "no Cypher"),
        ("// name: bad\n// name: bad\n// title: t\nRETURN 1\n", "'name' is given twice"),
        (query_text("Bad"), "lower-case"),
    ],
)
def test_a_bad_header_is_an_error_naming_the_file(text: str, message: str) -> None:
    name = "Bad" if "name: Bad" in text else "bad"
    with pytest.raises(QueryError) as caught:
        parse_query(text, Path(f"/q/{name}.cypher"))
    assert message in str(caught.value)
    assert f"/q/{name}.cypher" in str(caught.value)


def test_a_duplicate_param_is_an_error() -> None:
    text = "// name: bad\n// title: t\n// param: a (int) = 1\n// param: a (int) = 2\nRETURN $a\n"
    with pytest.raises(QueryError, match="declared twice"):
        parse_query(text, Path("bad.cypher"))


def test_dollar_signs_in_strings_and_comments_are_not_parameters() -> None:
    body = "MATCH (n:Entity) WHERE n.name <> '$price' // costs $money\nRETURN n.id AS id"
    assert parse_query(query_text("ok", body=body), Path("ok.cypher")).params == ()


# --- typed values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("int", "42", 42),
        ("int", " -3 ", -3),
        ("int", 7, 7),
        ("float", "88.5", 88.5),
        ("float", 3, 3.0),
        ("bool", "yes", True),
        ("bool", "FALSE", False),
        ("bool", True, True),
        ("date", "2024", "2024-01-01"),
        ("date", "2024-06", "2024-06-01"),
        ("date", "2024-06-05", "2024-06-05"),
        ("str", " text ", "text"),
        ("entity", "ASICLAND", "ASICLAND"),
    ],
)
def test_values_are_converted_to_their_type(kind: str, raw: object, value: object) -> None:
    assert convert(kind, raw) == value


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("int", "4.5"),
        ("int", "ten"),
        ("int", True),
        ("float", "abc"),
        ("bool", "maybe"),
        ("date", "2024-13-01"),
        ("date", "yesterday"),
        ("entity", "  "),
        ("str", 5),
    ],
)
def test_ill_typed_values_are_refused(kind: str, raw: object) -> None:
    with pytest.raises(ValueError, match="expected"):
        convert(kind, raw)


def test_assignments_parse_and_refuse_malformed_pairs() -> None:
    assert parse_assignments(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    for bad in (["novalue"], ["=1"], ["a b=1"]):
        with pytest.raises(QueryError, match="key=value"):
            parse_assignments(bad)
    with pytest.raises(QueryError, match="given twice"):
        parse_assignments(["a=1", "a=2"])


# --- the catalogue ------------------------------------------------------------------------


def demo_catalogue(tmp_path: Path) -> Catalogue:
    write(tmp_path, "mine/demo.cypher", GOOD)
    return Catalogue.from_dirs([tmp_path])


def test_bind_fills_defaults_and_converts_given_values(tmp_path: Path) -> None:
    catalogue = demo_catalogue(tmp_path)
    bound = catalogue.bind("demo", {"needed": "x", "year": "2020", "flag": "true"})
    assert bound == {
        "who": "national-ai-data-center",
        "year": 2020,
        "since": "2024-01-01",
        "ratio": 0.5,
        "flag": True,
        "label": None,
        "needed": "x",
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "needs parameter 'needed' (str), e.g. --param needed="),
        ({"needed": "x", "year": "soon"}, "parameter 'year': expected a whole number"),
        ({"needed": "x", "colour": "red"}, "has no parameter 'colour'"),
    ],
)
def test_bind_refuses_missing_ill_typed_and_unknown_params(
    tmp_path: Path, raw: dict, message: str
) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        demo_catalogue(tmp_path).bind("demo", raw)


def test_an_unknown_name_suggests_the_closest() -> None:
    catalogue = Catalogue.load()
    with pytest.raises(
        QueryError, match=r"unknown query 'data-centre'; did you mean 'data-center'"
    ):
        catalogue.get("data-centre")
    with pytest.raises(QueryError, match="gkg queries"):
        catalogue.get("zzzzzz")


def test_folders_give_categories_and_the_catalogue_is_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b-theme/zeta.cypher", query_text("zeta"))
    write(tmp_path, "a-theme/deep/alpha.cypher", query_text("alpha"))
    write(tmp_path, "top.cypher", query_text("top"))
    catalogue = Catalogue.from_dirs([tmp_path])
    assert [q.name for q in catalogue] == ["alpha", "top", "zeta"]
    assert {q.name: q.category for q in catalogue} == {
        "alpha": "a-theme",
        "top": tmp_path.name,
        "zeta": "b-theme",
    }
    assert len(catalogue) == 3 and "top" in catalogue


def test_a_name_clash_is_an_error_naming_both_files(tmp_path: Path) -> None:
    first = write(tmp_path, "one/data-center.cypher", query_text("data-center"))
    with pytest.raises(QueryError) as caught:
        Catalogue.load([tmp_path])
    message = str(caught.value)
    assert "two queries are named 'data-center'" in message
    assert str(first) in message and "infrastructure/data-center.cypher" in message


def test_analyst_folders_come_from_gkg_queries_and_extra_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    write(tmp_path / "env-a", "x/from-env-a.cypher", query_text("from-env-a"))
    write(tmp_path / "env-b", "from-env-b.cypher", query_text("from-env-b"))
    write(tmp_path / "extra", "from-extra.cypher", query_text("from-extra"))
    joined = os.pathsep.join([str(tmp_path / "env-a"), "", str(tmp_path / "env-b")])
    monkeypatch.setenv("GKG_QUERIES", joined)
    catalogue = Catalogue.load([tmp_path / "extra"])
    builtins = len(BUILTIN)
    assert len(catalogue) == builtins + 3
    assert {"from-env-a", "from-env-b", "from-extra", "data-center"} <= set(catalogue.names())


def test_the_same_file_twice_is_one_query_and_hidden_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "theme/one.cypher", query_text("one"))
    write(tmp_path, "theme/.ipynb_checkpoints/one.cypher", query_text("one"))
    catalogue = Catalogue.from_dirs([tmp_path, tmp_path / "theme", builtin_dir()])
    assert "one" in catalogue and len(catalogue) == len(BUILTIN) + 1
    assert len(Catalogue.load([builtin_dir()])) == len(BUILTIN)


def test_a_missing_folder_or_a_non_cypher_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="does not exist"):
        Catalogue.from_dirs([tmp_path / "nowhere"])
    with pytest.raises(QueryError, match=r"must end in \.cypher"):
        Catalogue.from_dirs([write(tmp_path, "notes.txt", "hello")])
    single = write(tmp_path, "solo/one.cypher", query_text("one"))
    assert Catalogue.from_dirs([single]).names() == ["one"]


# --- the shipped queries ------------------------------------------------------------------

BUILTIN = list(Catalogue.from_dirs([builtin_dir()]))


def test_at_least_25_queries_ship_each_with_title_description_and_theme() -> None:
    assert len(BUILTIN) >= 25
    for query in BUILTIN:
        assert query.title and query.description and query.category, query.name
        assert query.path.parent.parent.name == "queries", query.path


@pytest.mark.parametrize("query", BUILTIN, ids=lambda q: q.name)
def test_every_shipped_query_runs_with_defaults_and_documents_its_params(query) -> None:
    for param in query.params:
        assert not param.required, f"{query.name}: {param.name} needs a default"
        assert param.type in PARAM_TYPES
        assert param.description, f"{query.name}: {param.name} lacks a description"
        assert param.example, f"{query.name}: {param.name} lacks an example"
    for param in query.params:  # examples are well-typed values too
        convert(param.type, param.example)
    if query.engine == "networkx":
        assert "networkx" in query.note, f"{query.name}: say in the header that networkx answers"


#: A pattern comprehension's new node variable: ``[(x:Label)`` or ``-(x:Label)`` inside one.
_COMPREHENSION = re.compile(r"\[\((?P<body>[^|\]]*?)\|")
_NEW_NODE = re.compile(r"\((\w+):")


@pytest.mark.parametrize("query", BUILTIN, ids=lambda q: q.name)
def test_pattern_comprehensions_do_not_reuse_new_variables(query) -> None:
    """FalkorDB silently returns wrong lists when two pattern comprehensions in one clause
    introduce a node variable of the same name; each new variable must be unique."""
    for branch in re.split(r"\bUNION\b", query.text):
        names = [
            name
            for match in _COMPREHENSION.finditer(branch)
            for name in _NEW_NODE.findall("(" + match["body"].split(" WHERE ")[0])
        ]
        repeated = sorted({n for n in names if names.count(n) > 1})
        assert not repeated, f"{query.path}: rename {repeated} in one of the comprehensions"


# --- running on a real store ---------------------------------------------------------------


def test_run_binds_checks_entities_and_answers(small_store, tmp_path: Path) -> None:
    catalogue = Catalogue.load()
    result = run_query(small_store, catalogue, "data-center", {"center": "국가AI데이터센터"})
    record = result.records()[0]
    assert (record["computePetaflops"], record["builtBy"]) == (88.5, ["NHN Cloud"])
    with pytest.raises(QueryError, match=r"parameter 'center': no entity .* 'nhn cluod'"):
        run_query(small_store, catalogue, "data-center", {"center": "nhn cluod"})
    with pytest.raises(QueryError, match="did you mean 'NHN Cloud'"):
        run_query(small_store, catalogue, "partners", {"org": "nhn clouds"})


def test_run_on_an_empty_store_says_to_load_first(make_store) -> None:
    empty = make_store("empty-catalogue")
    for name in ("overview", "data-center"):
        with pytest.raises(StoreError, match="gkg load"):
            run_query(empty, Catalogue.load(), name)

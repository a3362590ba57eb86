"""The comparison engine on the built graph: compare, rank, diff, resolve city names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.analysis import compare as c
from kg.cli import app
from kg.errors import NotFoundError, QueryError
from kg.store.embedded import Store
from kg.store.queries import load_query, open_built_store

HEADLINE = "village-doctor-licensed-share"


@pytest.fixture(scope="module")
def store(built_data: Path) -> Store:
    return open_built_store(built_data)


def test_compare_shows_each_city_with_quote_offsets_and_comparability(store: Store) -> None:
    rows = c.compare(store, HEADLINE)
    assert {(r["city"], r["value"], r["comparator"], r["deadline"]) for r in rows} == {
        ("laiyang", 50, ">=", "2025-12-31"),
        ("qingdao", 60, ">=", "2025-12-31"),
    }
    for r in rows:
        assert r["quote"] and r["end"] > r["start"] and r["clause"] and r["doc_number"]
        assert "乡村全科执业助理医师" in r["comparability"]


def test_compare_filters_cities_by_chinese_or_pinyin_name(store: Store) -> None:
    assert {r["city"] for r in c.compare(store, HEADLINE, cities=["莱阳"])} == {"laiyang"}
    assert {r["city"] for r in c.compare(store, HEADLINE, cities=["Qingdao"])} == {"qingdao"}


def test_compare_cities_filter_gives_the_full_comparisons_rows_of_those_cities(
    store: Store,
) -> None:
    """For every indicator and jurisdiction of the corpus, and for all of them at once: the
    walk from the jurisdictions (compare_cities.rq) answers the rows of the whole comparison
    for those jurisdictions, in the same order."""
    places = [r["city"] for r in c.documented_cities(store)]
    for meta in c.indicators(store):
        whole = c.compare(store, meta["indicator"])
        for chosen in [[p] for p in places] + [places]:
            picked = [r for r in whole if r["city"] in chosen]
            if picked:
                assert c.compare(store, meta["indicator"], cities=chosen) == picked


def test_compare_page_keeps_a_comparability_note_whatever_it_holds(built_data: Path) -> None:
    """The page's rows come as a string for each note, a line a row (compare_page.rq): a
    note with spaces, line breaks, quotes and Chinese comes back as written, and rows
    without a note have none."""
    note = 'a b\nc = 100% "q" \\ 中文\t'
    lines = (built_data / "graph.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    laiyang = next(r["target"] for r in c.compare(open_built_store(built_data), HEADLINE))
    noted = f"<{laiyang}> <https://w3id.org/policy-kg/ontology#comparabilityNote> "
    kept = [line for line in lines if not line.startswith(noted)]
    assert len(kept) == len(lines) - 1
    graph = f" <https://w3id.org/policy-kg/graph/{laiyang.split('/')[-3]}> .\n"
    escaped = json.dumps(note, ensure_ascii=False)
    edited = Store.open(None)
    edited.load_nquads("".join(kept) + noted + escaped + graph)
    rows = c.compare(edited, HEADLINE)
    assert [(r["target"], r["comparability"]) for r in rows][:1] == [(laiyang, note)]
    assert "乡村全科执业助理医师" in rows[1]["comparability"]
    without = Store.open(None)
    without.load_nquads("".join(kept))
    assert [r["comparability"] for r in c.compare(without, HEADLINE)][:1] == [None]


def test_compare_returns_a_dataframe_on_request(store: Store) -> None:
    frame = c.compare(store, HEADLINE, as_frame=True)
    assert list(frame["city"]) == ["laiyang", "qingdao"]


def test_compare_rejects_an_unknown_indicator_and_city_with_a_fix(store: Store) -> None:
    with pytest.raises(NotFoundError, match="kg indicators"):
        c.compare(store, "no-such-indicator")
    with pytest.raises(NotFoundError, match="laiyang"):
        c.resolve_city(store, "Atlantis")


def test_compare_ranks_cities_by_ambition(store: Store) -> None:
    ranked = c.ranking(store, HEADLINE)
    assert [(r["rank"], r["city"]) for r in ranked] == [(1, "qingdao"), (2, "laiyang")]
    quality = c.ranking(store, "township-hospital-quality-standard-share")
    assert [r["city"] for r in quality] == ["laiyang", "yantai"]


def test_compare_refuses_to_rank_an_indicator_without_direction(store: Store) -> None:
    with pytest.raises(QueryError):
        c.ranking(store, "staffing-adjustment-cycle")


def test_compare_diff_lists_shared_and_single_city_indicators(store: Store) -> None:
    result = c.diff(store, "laiyang", "青岛")
    shared = {s["indicator"]: s for s in result["shared"]}
    headline = shared[HEADLINE]
    assert (headline["a"]["value"], headline["b"]["value"]) == (50, 60)
    assert headline["more_ambitious"] == "qingdao"
    assert headline["deadline_difference_days"] == 0
    assert "county-primary-outpatient-share" in shared
    assert {o["indicator"] for o in result["only_b"]} >= {"gp-per-10k"}
    assert all(d["lead_functions_a"] != d["lead_functions_b"] for d in result["lead_differences"])


def test_compare_diff_child_and_parent_share_indicators(store: Store) -> None:
    assert c.parent_of(store, "laiyang") == "yantai"
    shared = {s["indicator"]: s for s in c.diff(store, "laiyang", "yantai")["shared"]}
    quality = shared["township-hospital-quality-standard-share"]
    assert (quality["a"]["value"], quality["b"]["value"], quality["more_ambitious"]) == (
        50,
        35,
        "laiyang",
    )


def test_compare_with_values_escapes_quotes_against_injection() -> None:
    query = c.with_values('SELECT * WHERE { VALUES ?x { "a" } }', "x", ['b" } ?s ?p ?o {'])
    assert '"b\\" } ?s ?p ?o {"' in query


def test_compare_cli_prints_the_headline_with_the_comparability_note(built_data: Path) -> None:
    result = CliRunner().invoke(
        app, ["compare", HEADLINE, "--format", "json", "--data-dir", str(built_data)]
    )
    assert result.exit_code == 0, result.output
    assert "乡村全科执业助理医师" in result.stdout


def test_compare_cli_diff_accepts_chinese_and_pinyin(built_data: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["diff", "laiyang", "青岛", "--data-dir", str(built_data)])
    assert table.exit_code == 0, table.output
    assert "shared indicators: laiyang vs qingdao" in table.stdout
    result = runner.invoke(
        app, ["diff", "莱阳", "qingdao", "--json", "--data-dir", str(built_data)]
    )
    shared = {s["indicator"] for s in json.loads(result.stdout)["shared"]}
    assert "village-doctor-licensed-share" in shared


def test_compare_matrix_default_choice_is_the_first_documented_jurisdictions(
    store: Store,
) -> None:
    """With no jurisdictions chosen, the matrix shows the first MATRIX_DEFAULT_CITIES of the
    jurisdictions that issued documents, by id, and says how many there are
    (documented_head.rq agrees with documented_jurisdictions.rq)."""
    documented = [r["city"] for r in c.documented_cities(store)]
    shown = c.matrix(store)
    assert [j["id"] for j in shown["cities"]] == documented[: c.MATRIX_DEFAULT_CITIES]
    assert shown["documented_cities"] == len(documented) == 4
    assert "LIMIT 12" in load_query("documented_head") and c.MATRIX_DEFAULT_CITIES == 12

"""The national division table and how a document finds its jurisdiction; a county never seen
before gets its place in the graph's hierarchy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import InputError
from kg.graph import ns
from kg.graph.build import division_triples
from kg.ingest import jurisdictions as juris
from kg.pipeline import add


def test_jurisdictions_table_holds_every_level_with_parents() -> None:
    table = juris.divisions()
    assert len(table) > 3000
    assert all(d.parent is None or d.parent in table for d in table.values())
    levels = {d.level for d in table.values()}
    assert {
        "province",
        "prefecture-level city",
        "county",
        "district",
        "county-level city",
    } <= levels
    assert sum(d.parent is None for d in table.values()) == 33  # 34 less Taiwan (no codes)


def test_jurisdictions_county_lineage_reaches_its_province() -> None:
    chain = juris.lineage("210921")
    assert [(d.code, d.name) for d in chain] == [
        ("210921", "阜新蒙古族自治县"),
        ("210900", "阜新市"),
        ("210000", "辽宁省"),
    ]
    assert [d.level for d in chain] == ["autonomous county", "prefecture-level city", "province"]


@pytest.mark.parametrize(
    ("issuer", "code"),
    [
        ("阜新蒙古族自治县人民政府办公室", "210921"),
        ("长春市朝阳区卫生健康局", "220104"),  # 朝阳区 alone is ambiguous; 长春市 decides
        ("北京市朝阳区人民政府", "110105"),
        ("中共莱阳市委办公室", "370682"),
        ("广西壮族自治区卫生健康委员会", "450000"),
        ("湖北省仙桃市人民政府", "429004"),  # a county-level city directly under a province
    ],
)
def test_jurisdictions_issuer_resolves_as_chain_of_names(issuer: str, code: str) -> None:
    found = juris.resolve_issuer(issuer)
    assert found is not None and found.code == code


def test_jurisdictions_national_bodies_and_placeless_names_resolve_to_none() -> None:
    assert juris.is_national("国务院办公厅") and juris.resolve_issuer("国务院办公厅") is None
    assert juris.resolve_issuer("市卫生健康委") is None


def test_jurisdictions_ambiguous_name_lists_candidates_and_the_fix() -> None:
    with pytest.raises(juris.AmbiguousJurisdictionError) as caught:
        juris.resolve("朝阳区")
    message = caught.value.message
    assert "110105" in message and "北京市" in message
    assert "220104" in message and "长春市" in message
    assert "--jurisdiction" in (caught.value.fix or "")


def test_jurisdictions_corpus_names_keep_their_ids() -> None:
    assert juris.jurisdiction_id(juris.division("370682")) == "laiyang"
    assert juris.from_name("Laiyang") == juris.division("370682")
    assert juris.from_id("china") is None
    with pytest.raises(InputError, match="six-digit"):
        juris.from_id("atlantis")


def test_jurisdictions_english_names_come_from_pinyin() -> None:
    assert juris.english_name(juris.division("210921")) == "Fuxin Menggu Autonomous County"
    assert juris.english_name(juris.division("220104")) == "Chaoyang District"
    assert juris.english_name(juris.division("210900")) == "Fuxin"


def test_graph_places_a_new_county_under_the_corpus_ids_where_they_meet() -> None:
    triples = division_triples(["370687", "laiyang"])  # 海阳市, a county-level city of Yantai
    parent = {str(s): o for s, p, o in triples if p == ns.POL.parentJurisdiction}
    assert parent == {str(ns.jurisdiction_iri("370687")): ns.jurisdiction_iri("yantai")}
    assert not any(s == ns.jurisdiction_iri("laiyang") for s, _, _ in triples)


def test_graph_places_a_new_county_with_all_its_ancestors() -> None:
    triples = division_triples(["210921"])
    chain = {
        str(s).rsplit("/", 1)[1]: str(o).rsplit("/", 1)[1]
        for s, p, o in triples
        if p == ns.POL.parentJurisdiction
    }
    assert chain == {"210921": "210900", "210900": "210000", "210000": "china"}


def test_add_county_and_prefecture_compare_as_parent_and_child(
    corpus: Path, notice_txt: Path, prefecture_txt: Path, tmp_path: Path
) -> None:
    from kg.analysis.hierarchy import compare_with_parent
    from kg.store.queries import open_built_store

    data = tmp_path / "data"
    add([notice_txt, prefecture_txt], ingest=corpus, data_dir=data)

    result = compare_with_parent(open_built_store(data), "阜新蒙古族自治县")

    assert result["ancestors"] == ["210900"]
    assert result["city_a"] == "210921" and result["city_b"] == "210900"


def test_cli_stats_lists_jurisdictions_levels_and_parents(
    corpus: Path, notice_txt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.cli import app

    monkeypatch.setenv("KG_INGEST", str(corpus))
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    runner = CliRunner()
    added = runner.invoke(app, ["add", str(notice_txt)])
    assert added.exit_code == 0, added.output
    assert (corpus / "data" / "graph.nq").is_file()  # the corpus folder's own build

    stats = runner.invoke(app, ["stats", "--format", "json"])

    assert stats.exit_code == 0, stats.output
    [doc, total] = json.loads(stats.output)
    assert doc["jurisdiction"] == "210921" and doc["level"] == "autonomous county"
    assert doc["within"] == "阜新市 → 辽宁省 → 中国"
    assert doc["reader"] == "txt" and total["doc"] == "all quads"


def test_cli_add_ambiguous_city_exits_with_candidates(
    corpus: Path, notice_txt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.cli import app

    monkeypatch.setenv("KG_INGEST", str(corpus))
    result = CliRunner().invoke(app, ["add", str(notice_txt), "--city", "朝阳区"])
    assert result.exit_code == 2
    assert "110105" in result.output and "--jurisdiction" in result.output
    assert not (corpus / "sources.toml").exists()


def test_jurisdictions_english_names_read_polyphones_as_the_place_is_called() -> None:
    assert juris.english_name(juris.division("140400")) == "Changzhi"  # not Zhangzhi
    assert juris.english_name(juris.division("141024")) == "Hongtong County"
    assert juris.english_name(juris.division("211300")) == "Chaoyang"

"""Responsibility networks: who leads, who co-signs, which functions share tasks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.analysis.network import (
    compare_networks,
    lead_counts,
    leads_by_indicator,
    network_summary,
    responsibility_network,
)
from kg.cli import app
from kg.errors import NotFoundError
from kg.store.embedded import Store
from kg.store.queries import open_built_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(built_data: Path) -> Store:
    return open_built_store(built_data)


def _by_city(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["city"], []).append(r)
    return out


def test_network_counts_roles_and_shared_tasks_of_a_tiny_store(tiny_store: Store) -> None:
    # qingdao-test: 一(一) health leads, HR co-signs, 各区、市政府 implicit;
    # 一(二) medical insurance leads, health co-signs
    graph = responsibility_network(tiny_store, "青岛")
    assert graph.graph == {"city": "qingdao", "tasks": 2}
    health = graph.nodes["health"]
    assert (health["led"], health["co_signed"], health["implicit"]) == (1, 1, 0)
    assert graph.nodes["local-government"]["implicit"] == 2
    assert graph.nodes["medical-insurance"]["led"] == 1
    assert sorted(tuple(sorted(e)) for e in graph.edges) == [
        ("health", "human-resources"),
        ("health", "medical-insurance"),
    ]
    assert graph.edges["health", "human-resources"]["weight"] == 1
    assert graph.edges["health", "human-resources"]["lead_co"] == {"health": 1}
    assert graph.edges["health", "medical-insurance"]["lead_co"] == {"medical-insurance": 1}


def test_network_health_leads_most_tasks_in_cities_that_name_their_leads(store: Store) -> None:
    by_city = _by_city(lead_counts(store))
    assert set(by_city) == {"laiyang", "qingdao", "xiamen", "yantai"}
    for city in ("laiyang", "qingdao", "yantai"):
        rows = by_city[city]
        health = next(r for r in rows if r["function"] == "health")
        assert all(health["led"] > r["led"] for r in rows if r is not health), city
        assert health["lead_share"] > 0.75, city


def test_network_xiamen_leads_are_the_district_governments_listed_first(store: Store) -> None:
    # Xiamen writes 责任单位：各区人民政府，市卫健委、… with no lead rule: the graph's lead is
    # the first listed unit, so the district governments lead (inferred) and health co-signs
    rows = _by_city(lead_counts(store))["xiamen"]
    top = rows[0]
    assert top["function"] == "local-government"
    assert top["led"] == top["led_inferred"] > 20
    health = next(r for r in rows if r["function"] == "health")
    assert health["led"] == 0
    assert health["co_signed"] == max(r["co_signed"] for r in rows)
    pair = network_summary(store, "xiamen", top=1)["pairs"][0]
    assert (pair["a"], pair["b"]) == ("local-government", "health")
    assert pair["a_led_b_co"] == pair["shared_tasks"] == top["led"]


def test_network_village_doctor_measures_are_led_by_health_in_both_cities(store: Store) -> None:
    rows = {r["city"]: r for r in leads_by_indicator(store, "village-doctor-licensed-share")}
    assert set(rows) == {"laiyang", "qingdao"}
    laiyang, qingdao = rows["laiyang"], rows["qingdao"]
    assert (laiyang["doc"], laiyang["measure"]) == ("laiyang-2024-28", "(九)")
    assert laiyang["lead"] == ["市卫生健康局"]
    assert laiyang["lead_functions"] == ["health"]
    assert laiyang["co_functions"] == [
        "establishment",
        "human-resources",
        "administrative-approval",
    ]
    assert (qingdao["doc"], qingdao["measure"]) == ("qingdao-2024-49", "四(三)")
    assert qingdao["lead"] == ["市卫生健康委"]
    assert qingdao["co_functions"] == ["human-resources", "administrative-approval"]
    assert qingdao["implicit_functions"] == ["local-government"]


def test_network_leads_by_indicator_rejects_an_unknown_indicator(store: Store) -> None:
    with pytest.raises(NotFoundError) as info:
        leads_by_indicator(store, "no-such-indicator")
    assert info.value.fix


def test_network_compare_lines_cities_up_on_the_same_functions(store: Store) -> None:
    rows = compare_networks(store, ["莱阳", "qingdao"], top=3)
    assert [r["city"] for r in rows] == ["laiyang", "qingdao"]
    assert list(rows[0]["lead_share"]) == list(rows[1]["lead_share"])
    assert next(iter(rows[0]["lead_share"])) == "health"  # most tasks led over both cities
    counts = {(r["city"], r["function"]): r for r in lead_counts(store)}
    for row in rows:
        health = counts[(row["city"], "health")]
        assert row["lead_share"]["health"] == round(health["led"] / row["tasks"], 3)
        assert len(row["top_pairs"]) == 3
        assert row["top_pairs"][0]["shared_tasks"] >= row["top_pairs"][-1]["shared_tasks"]


def test_network_cli_takes_a_chinese_city_name(built_data: Path) -> None:
    result = runner.invoke(
        app, ["network", "莱阳", "--format", "json", "--data-dir", str(built_data)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["city"] == "laiyang"
    assert summary["functions"][0]["function"] == "health"
    assert summary["pairs"][0]["a"] == "health"


def test_network_cli_table_and_unknown_city(built_data: Path) -> None:
    result = runner.invoke(app, ["network", "laiyang", "--data-dir", str(built_data)])
    assert result.exit_code == 0, result.output
    assert "卫生健康" in result.output and "human-resources" in result.output
    result = runner.invoke(app, ["network", "atlantis", "--data-dir", str(built_data)])
    assert result.exit_code == 2
    assert "fix:" in result.output


def test_network_cli_has_help() -> None:
    result = runner.invoke(app, ["network", "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and "pinyin or Chinese" in result.output

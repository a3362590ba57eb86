"""`import kg; g = kg.load()`: the notebook entry point returns DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kg
from kg.workbench import Workbench


@pytest.fixture(scope="module")
def g(built_data: Path) -> Workbench:
    return kg.load(data_dir=built_data)


def test_workbench_compare_is_a_dataframe_with_the_headline(g: Workbench) -> None:
    frame = g.compare("village-doctor-licensed-share")
    assert isinstance(frame, pd.DataFrame)
    assert dict(zip(frame["city"], frame["value"], strict=True)) == {"laiyang": 50, "qingdao": 60}


def test_workbench_tasks_filter_by_city_and_unit(g: Workbench) -> None:
    tasks = g.tasks("莱阳", unit="市行政审批服务局")
    assert list(tasks["measure"]) == ["(九)"]
    assert tasks.loc[0, "lead"] == ["市卫生健康局"]


def test_workbench_targets_diff_and_query(g: Workbench) -> None:
    assert set(g.targets(indicator="gp-per-10k")["city"]) == {"qingdao", "yantai"}
    shared = g.diff("laiyang", "yantai")["shared"]
    assert "township-hospital-quality-standard-share" in set(shared["indicator"])
    assert list(g.query("village_doctor_share")["value"]) == [50, 60]


def test_workbench_load_builds_a_missing_graph(tmp_path: Path) -> None:
    g = kg.load(data_dir=tmp_path / "fresh")
    assert (tmp_path / "fresh" / "graph.nq").is_file()
    assert len(g.indicators()) > 20

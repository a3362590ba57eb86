"""The three corpus documents without development gold: figures checked by hand against the
texts, so that a change to a rule shows up here before it reaches unseen documents."""

from __future__ import annotations

import pytest

from kg.model import ExtractedDocument

Row = tuple[float, float | None, str, str, str | None]

QINGDAO_49: list[Row] = [
    (15, None, "分钟", "=", "2025-12-31"),
    (2, None, "个", "<=", None),
    (65, None, "%", ">=", "2025-12-31"),
    (30000, 100000, "人", "range", None),
    (1, 2, "所", "range", None),
    (100, None, "%", "=", "2030-12-31"),
    (1000, None, "人", ">=", None),
    (100, None, "平方米", ">=", None),
    (5000, None, "平方米", ">=", None),
    (1, 2, "个", "range", None),
    (6, None, "类", ">=", "2025-12-31"),
    (10, None, "项", ">=", "2025-12-31"),
    (4, None, "类", ">=", "2025-12-31"),
    (6, None, "项", ">=", "2025-12-31"),
    (50, None, "%", "=", "2025-12-31"),
    (20, None, "%", "=", "2025-12-31"),
    (90, None, "%", "=", "2025-12-31"),
    (5, None, "年", "=", None),
    (1, 1.5, "‰", "range", "2025-12-31"),
    (1, None, "‰", "<=", "2025-12-31"),
    (90, None, "%", ">=", "2025-12-31"),
    (5, 10, "%", "range", None),
    (2, None, "年", ">=", None),
    (25, None, "%", ">=", "2025-12-31"),
    (4, None, "人/万人口", "=", "2025-12-31"),
    (1, 1.5, "‰", "range", None),
    (60, None, "%", ">=", "2025-12-31"),
    (100, None, "%", "=", None),
    (70, None, "%", ">=", None),
    (60, None, "%", ">=", None),
    (3000, None, "元", ">=", None),
    (16000, None, "元", "=", None),
    (30, None, "工作日", "<=", None),
    (20, None, "个", ">=", "2025-12-31"),
]
QINGDAO_YGT: list[Row] = [
    (65, None, "%", ">=", None),
    (1, None, "次", ">=", None),
    (2, None, "次", ">=", None),
    (2, None, "个", "<=", None),
    (1, None, "名", ">=", None),
    (1, None, "个", "=", None),
    (20, None, "%", ">=", None),
    (1, 2, "%", "range", None),
]
XIAMEN: list[Row] = [
    (15, None, "分钟", "=", None),
    (10000, None, "平方米", "=", None),
    (1, 2, "个", "range", None),
    (1, None, "名/千常住人口", "=", None),  # 配备一名乡村医生: the measure word as written
    (1, None, "名/500常住人口", "=", None),
    (100, None, "%", "=", None),
]


def _rows(doc: ExtractedDocument) -> list[Row]:
    return [(t.value, t.value_max, t.unit, t.comparator, t.deadline) for t in doc.targets]


@pytest.mark.parametrize(
    ("doc_id", "expected", "exact"),
    [
        ("qingdao-2024-49", QINGDAO_49, False),
        ("qingdao-2025-ygt", QINGDAO_YGT, True),
        ("xiamen-2024-2", XIAMEN, True),
    ],
)
def test_corpus_regression_targets_as_read_by_hand(
    corpus_docs: dict[str, ExtractedDocument], doc_id: str, expected: list[Row], exact: bool
) -> None:
    found = _rows(corpus_docs[doc_id])
    missing = [row for row in expected if row not in found]
    assert not missing
    if exact:
        assert sorted(found, key=repr) == sorted(expected, key=repr)


def test_corpus_regression_no_scope_condition_is_read_as_a_target(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    quotes = [t.value_text for d in corpus_docs.values() for t in d.targets]
    assert "10万人" not in quotes and "1:3" not in quotes and "5万" not in quotes


def test_corpus_regression_tasks_of_the_documents_without_gold(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    ygt = corpus_docs["qingdao-2025-ygt"].responsibilities
    assert len(ygt) == 17 and all(r.implicit == "各区市政府" for r in ygt)
    assert ygt[0].lead == ("市卫生健康委",) and ygt[0].lead_basis == "stated-order"
    xiamen = {r.measure_ref: r for r in corpus_docs["xiamen-2024-2"].responsibilities}
    assert len(xiamen) == 30
    assert xiamen["(一)"].co == ("市卫健委", "市资源规划局")
    assert xiamen["(十五)"].co == ("市卫健委", "市市场监督管理局")
    qd = {r.measure_ref: r for r in corpus_docs["qingdao-2024-49"].responsibilities}
    assert qd["三(二)2"].lead == ("市卫生健康委",)
    assert qd["五(二)2"].lead == ("市人力资源社会保障局",)

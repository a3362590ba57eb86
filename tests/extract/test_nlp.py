"""The spaCy pipeline: blank zh with jieba, and rule components that declare their data."""

from __future__ import annotations

from kg.extract.nlp import PIPELINE, get_nlp


def test_nlp_uses_jieba_and_the_rule_components_in_order() -> None:
    nlp = get_nlp()
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    assert tuple(nlp.pipe_names) == PIPELINE


def test_nlp_components_declare_what_they_read_and_write() -> None:
    nlp = get_nlp()
    assert "doc._.quantities" in nlp.get_pipe_meta("kg_quantities").assigns
    assert "doc._.time_phrases" in nlp.get_pipe_meta("kg_quantities").requires
    assert set(nlp.get_pipe_meta("kg_targets").requires) == {
        "doc._.time_phrases",
        "doc._.quantities",
    }
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in PIPELINE}


def test_nlp_marks_time_phrases_quantities_targets_and_notes() -> None:
    doc = get_nlp()(
        "到2025年，县域内基层门急诊人次占比达到65%以上。（责任单位：市卫生健康局、市医保局）"
    )
    assert [s.text for s in doc.spans["time"]] == ["到2025年"]
    assert [s.text for s in doc.spans["quantity"]] == ["65%以上"]
    assert [(t.value, t.comparator, t.deadline) for t in doc._.targets] == [
        (65, ">=", "2025-12-31")
    ]
    assert doc._.note is not None and doc._.note.content.startswith("责任单位")

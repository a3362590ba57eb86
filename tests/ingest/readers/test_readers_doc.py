"""The .doc reader (antiword): the legacy Word bulletin of the development set reads cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import MissingToolError
from kg.ingest.readers import read_file, reader_for

BULLETIN = "foshan-2025-dengue-cases-bulletin.doc"


def test_readers_doc_reads_the_bulletin_in_utf8(antiword: None, shared_documents: Path) -> None:
    result = read_file(shared_documents / BULLETIN)
    assert result.reader == "doc" and result.reader_version.startswith("antiword ")
    assert "佛山市卫生健康局关于近期我市登革热" in result.text
    assert "在接收样本后5小时内完成登革病毒核酸检测" in result.text  # catdoc garbles this part
    assert "\ufffd" not in result.text


def test_readers_doc_drops_what_antiword_prints_after_the_body(
    antiword: None, shared_documents: Path
) -> None:
    result = read_file(shared_documents / BULLETIN)
    assert result.text.splitlines()[-1] == "2025年5月9日"
    assert "— 1 —" not in result.text and "-----" not in result.text
    assert any("after the body" in note for note in result.notes)


def test_readers_doc_without_antiword_names_the_package(
    shared_documents: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / BULLETIN
    shutil.copy(shared_documents / BULLETIN, copy)
    monkeypatch.setenv("PATH", str(tmp_path))  # no antiword on it
    assert reader_for(copy) == "doc"
    with pytest.raises(MissingToolError) as error:
        read_file(copy)
    assert "apt-get install antiword" in (error.value.fix or "")

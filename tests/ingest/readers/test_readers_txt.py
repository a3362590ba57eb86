"""The .txt reader: encodings detected (BOM, UTF-8, GB18030), said in a note, form feeds paged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.readers import read_file

TEXT = "到2025年，全市居民健康素养水平达到30%以上。\n各区要落实属地责任。"


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (TEXT.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 byte-order mark"),
        (TEXT.encode("gb18030"), "GB18030"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "UTF-16-LE"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16-BE"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_readers_txt_detects_the_encoding(tmp_path: Path, data: bytes, note: str | None) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    result = read_file(path)
    assert result.reader == "txt" and result.text == TEXT
    if note:
        assert any(note in n for n in result.notes)
    else:
        assert result.notes == ()


def test_readers_txt_form_feeds_start_pages(tmp_path: Path) -> None:
    path = tmp_path / "pages.txt"
    path.write_text("第一页\f第二页\f第三页", encoding="utf-8")
    result = read_file(path)
    assert result.page_starts == (0, 4, 8)
    assert result.page_of(result.text.index("第三页")) == 3


def test_readers_txt_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(" \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_file(path)

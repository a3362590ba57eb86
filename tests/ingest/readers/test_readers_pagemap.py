"""The page map covers every character: page_starts start at 0, never decrease, stay in the text."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.readers import ReadResult, read_file
from kg.ingest.readers.base import join_pages
from kg.ingest.readers.pages import drop_furniture

page_text = st.text(alphabet=st.sampled_from("健康中国2030—\n "), max_size=30)


def _assert_covers(result: ReadResult) -> None:
    starts = result.page_starts
    assert starts[0] == 0
    assert all(a <= b for a, b in itertools.pairwise(starts))
    assert all(0 <= s <= len(result.text) for s in starts)
    for offset in range(len(result.text)):
        page = result.page_of(offset)
        assert 1 <= page <= len(starts) and starts[page - 1] <= offset


@given(st.lists(page_text, min_size=1, max_size=8))
def test_readers_pagemap_joined_pages_cover_every_character(pages: list[str]) -> None:
    text, starts = join_pages(pages)
    result = ReadResult(text=text, page_starts=starts, reader="test", reader_version="0")
    _assert_covers(result)
    for number, (page, start) in enumerate(zip(pages, starts, strict=True), start=1):
        assert text[start : start + len(page)] == page
        if page:
            assert result.page_of(start) == number


@given(
    st.lists(
        st.lists(st.sampled_from(["— 1 —", "某市文件", "正文一行。", "2"]), max_size=6),
        min_size=1,
        max_size=6,
    )
)
def test_readers_pagemap_furniture_keeps_lines_in_order(pages: list[list[str]]) -> None:
    kept, _ = drop_furniture(pages)
    assert len(kept) == len(pages)
    for lines, keep in zip(pages, kept, strict=True):
        assert keep == sorted(set(keep)) and all(0 <= i < len(lines) for i in keep)
        assert all(
            i in keep
            for i, line in enumerate(lines)
            if line == "正文一行。" and 3 <= i < len(lines) - 3
        )


def test_readers_pagemap_of_a_read_pdf_covers_its_text(make_pdf: Callable[..., Path]) -> None:
    _assert_covers(read_file(make_pdf()))


def test_readers_pagemap_item_numbers_at_page_edges_are_not_a_running_header() -> None:
    words = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地"
    body = [[f"正文{words[p * 8 + k]}。" for k in range(8)] for p in range(3)]
    pages = [
        ["某市文件", *body[0], "3."],
        ["某市文件", "4.", *body[1]],
        ["某市文件", "12.", *body[2]],
    ]
    kept, notes = drop_furniture(pages)
    assert [[pages[p][i] for i in keep] for p, keep in enumerate(kept)] == [
        [*body[0], "3."],
        ["4.", *body[1]],
        ["12.", *body[2]],
    ]
    assert notes and "某市文件" in notes[0]

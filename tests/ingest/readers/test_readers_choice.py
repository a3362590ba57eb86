"""Which reader reads a file: content first (magic bytes, the PDF's text layer), suffix second."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import InputError, UnreadableFileError, UnsupportedFormatError
from kg.ingest.readers import read_file, reader_for, registry


def test_readers_choice_every_reader_is_registered_under_its_name() -> None:
    readers = registry.get_all()
    assert set(readers) == {"txt", "docx", "doc", "pdf", "ocr", "html"}
    assert all(reader.name == name for name, reader in readers.items())


def test_readers_choice_content_beats_the_suffix(
    make_pdf: Callable[..., Path], tmp_path: Path
) -> None:
    pdf = make_pdf()
    misnamed = tmp_path / "notice.txt"
    misnamed.write_bytes(pdf.read_bytes())
    assert reader_for(misnamed) == "pdf"


def test_readers_choice_unknown_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_bytes(b"\x00\x01binary\x02")
    with pytest.raises(UnsupportedFormatError) as error:
        read_file(path)
    assert str(path) in error.value.message and ".pdf" in (error.value.fix or "")


def test_readers_choice_spreadsheet_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match="not a Word document"):
        reader_for(path)


def test_readers_choice_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "absent.pdf")


def test_readers_choice_a_parser_failure_is_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(path, "w") as archive:  # a Word part that is not XML
        archive.writestr("word/document.xml", b"\x00\xff not xml")
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert reader_for(path) == "docx"
    with pytest.raises(UnreadableFileError) as error:
        read_file(path)
    assert str(path) in error.value.message

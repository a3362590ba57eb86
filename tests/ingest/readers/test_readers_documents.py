"""Every development document (../shared/documents) reads to Chinese text with its reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.ingest.readers import read_file, reader_for

SCANS = {"foshan-2025-mosquito-hq-scanned.pdf", "guangdong-2025-dengue-notice-scanned.pdf"}
EXPECTED = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
NAMES = sorted(
    [
        f"{n}.pdf"
        for n in (
            "foshan-2024-dengue-plan",
            "foshan-2025-dengue-case-reporting",
            "foshan-2025-dengue-readiness-inspection",
            "foshan-2025-mosquito-hotline",
            "foshan-2025-mosquito-hq-scanned",
            "guangdong-2025-dengue-notice-scanned",
            "healthy-china-2030-outline",
            "shunde-2024-dengue-reminder",
            "shunde-2024-dengue-schools-inspection",
            "shunde-2024-dengue-schools-notice",
            "shunde-2024-dengue-sites-inspection",
            "shunde-2025-lecong-hq",
            "shunde-2025-mosquito-squads",
            "shunde-2025-supplies-group",
        )
    ]
    + ["fuxin-2020-3-hiap.docx", "jurong-2022-hiap.docx", "yunyang-2024-news.docx"]
    + ["foshan-2025-dengue-cases-bulletin.doc"]
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def test_readers_documents_are_the_eighteen(shared_documents: Path) -> None:
    present = sorted(p.name for p in shared_documents.iterdir() if p.suffix != ".md")
    assert present == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_readers_documents_read_to_chinese_text(
    name: str, shared_documents: Path, request: pytest.FixtureRequest
) -> None:
    path = shared_documents / name
    expected = "ocr" if name in SCANS else EXPECTED[path.suffix]
    if expected == "ocr":
        request.getfixturevalue("tesseract_chi_sim")
    if expected == "doc":
        request.getfixturevalue("antiword")
    assert reader_for(path) == expected
    result = read_file(path)
    assert result.reader == expected
    han = len(_HAN.findall(result.text))
    assert han >= 300 and han / len("".join(result.text.split())) > 0.6
    if expected == "ocr":
        assert result.ocr is not None and result.ocr.mean_confidence > 70

"""POST /extract: an uploaded file's targets and tasks in the export contract, with pages;
limits and errors in the one error shape; the graph unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from conftest import NOTICE, write_docx


@pytest.fixture(scope="module")
def extract_client(built_data: Path):
    settings = Settings(
        store=built_data / "store", workers=1, extract_max_bytes=200_000, extract_timeout=60
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def _post(client: TestClient, path: Path, **form: str):
    with path.open("rb") as fh:
        return client.post("/extract", files={"file": (path.name, fh)}, data=form)


def test_extract_generated_docx_returns_contract_records_with_pages(
    extract_client: TestClient, tmp_path: Path, built_data: Path
) -> None:
    before = (built_data / "graph.nq").read_bytes()
    upload = write_docx(tmp_path / "notice.docx", NOTICE)

    response = _post(extract_client, upload, doc_id="try-1")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reader"] == "docx" and body["ocr"] is None
    assert body["metadata"]["doc_number"] == "阜蒙政办发〔2024〕12号"
    targets = [r for r in body["records"] if r["type"] == "target"]
    tasks = [r for r in body["records"] if r["type"] == "task"]
    assert targets and tasks
    for record in body["records"]:
        assert record["doc"] == "try-1" and record["page"] == 1
    assert {"quote", "value", "unit", "comparator", "deadline"} <= set(targets[0])
    assert "县卫生健康局" in tasks[0]["lead"]
    assert (built_data / "graph.nq").read_bytes() == before  # nothing stored


def test_extract_too_large_file_is_refused_before_reading(
    extract_client: TestClient, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(NOTICE * 400, encoding="utf-8")  # about 275 kB, over the 200 kB limit

    response = _post(extract_client, big)

    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "request_too_large" and "KG_EXTRACT_MAX_BYTES" in error["fix"]


def test_extract_unknown_format_answers_in_the_error_shape(
    extract_client: TestClient, tmp_path: Path
) -> None:
    odd = tmp_path / "sheet.xlsx"
    odd.write_bytes(b"PK\x03\x04" + b"\0" * 200)

    response = _post(extract_client, odd)

    assert response.status_code == 415
    error = response.json()["error"]
    assert "sheet.xlsx" in error["message"] and "/tmp" not in error["message"]
    assert error["fix"]


def test_extract_scan_is_refused_when_the_operator_switched_ocr_off(
    built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    monkeypatch.setenv("KG_EXTRACT_OCR", "0")
    settings = Settings(store=built_data / "store", workers=1)
    assert settings.extract_ocr is False
    scan = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(scan)

    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = _post(client, scan)

    assert response.status_code == 422
    assert "OCR is switched off" in response.json()["error"]["message"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_extract_rendered_scan_is_marked_as_ocr_with_confidence(
    extract_client: TestClient, tmp_path: Path
) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if not Path(font_path).is_file():
        pytest.skip(f"no CJK font at {font_path} to render the test image")
    font = ImageFont.truetype(font_path, 40)
    lines = ["一、工作目标", "到2025年，全县居民健康素养水平达到25%以上。"]
    image = Image.new("RGB", (1400, 60 * len(lines) + 80), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 60 * i), line, fill="black", font=font)
    scan = tmp_path / "scan.png"
    image.save(scan)

    response = _post(extract_client, scan)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reader"] == "ocr" and body["ocr"]["mean_confidence"] > 0
    for record in body["records"]:
        assert record["ocr"] is True and record["page"] == 1 and "confidence" in record

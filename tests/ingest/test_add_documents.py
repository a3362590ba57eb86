"""kg add of every development document (../shared/documents) into a corpus folder of the
test's own: all go in, the scans by OCR, and the build is SHACL-valid. Slow (OCR)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import add
from kg.store.queries import graph_stats

DOCUMENTS = Path(__file__).resolve().parents[3] / "shared" / "documents"


@pytest.mark.slow
@pytest.mark.skipif(not DOCUMENTS.is_dir(), reason=f"{DOCUMENTS} is absent")
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_add_every_development_document_builds_valid_graph(tmp_path: Path) -> None:
    originals = sorted(p for p in DOCUMENTS.iterdir() if p.suffix != ".md")

    outcome = add([DOCUMENTS], ingest=tmp_path / "corpus", data_dir=tmp_path / "data")

    assert outcome.build is not None  # built and validated against ontology/shapes.ttl
    assert outcome.build.documents == len(originals) == 18
    assert [p.name for p, _ in outcome.plan.skipped] == ["SOURCES.md"]
    readers = {
        d.originals[0][0].name: d.entry["parts"][0]["reader"] for d in outcome.plan.documents
    }
    assert {n for n, r in readers.items() if r == "ocr"} == {
        "foshan-2025-mosquito-hq-scanned.pdf",
        "guangdong-2025-dengue-notice-scanned.pdf",
    }
    rows = {r["doc"]: r for r in graph_stats(data_dir=tmp_path / "data")}
    levels = {r["jurisdiction"]: r["level"] for r in rows.values() if r["doc"] != "all quads"}
    assert levels["210921"] == "autonomous county" and levels["440606"] == "district"
    assert levels["china"] == "country"

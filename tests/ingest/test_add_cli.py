"""`kg add` on a folder of PDFs, as the README shows it: KG_INGEST names a corpus folder of
one's own, the PDFs' pages are kept, and `kg stats` lists them with their jurisdictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import NOTICE, PREFECTURE
from kg.cli import app

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def _pdf(path: Path, text: str, *, lines_per_page: int) -> Path:
    """A text PDF (fpdf2, CJK font), ``lines_per_page`` lines of ``text`` on each page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=str(FONT), collection_font_number=2)
    pdf.set_font("cjk", size=12)
    lines = text.splitlines()
    for start in range(0, len(lines), lines_per_page):
        pdf.add_page()
        for line in lines[start : start + lines_per_page]:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.skipif(not FONT.is_file(), reason=f"no CJK font at {FONT} (fonts-noto-cjk)")
def test_cli_add_folder_of_pdfs_into_corpus_of_ones_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    _pdf(downloads / "county.pdf", NOTICE, lines_per_page=7)
    _pdf(downloads / "prefecture.pdf", PREFECTURE, lines_per_page=20)
    corpus = tmp_path / "policy-corpus"
    monkeypatch.setenv("KG_INGEST", str(corpus))
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    runner = CliRunner()

    dry = runner.invoke(app, ["add", str(downloads), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "nothing written" in dry.output and not corpus.exists()

    added = runner.invoke(app, ["add", str(downloads)])
    assert added.exit_code == 0, added.output
    assert "built 2 documents" in added.output

    stats = runner.invoke(app, ["stats", "--format", "json"])
    rows = {r["jurisdiction"]: r for r in json.loads(stats.output) if r["doc"] != "all quads"}
    assert rows["210921"]["within"] == "阜新市 → 辽宁省 → 中国"
    assert {r["reader"] for r in rows.values()} == {"pdf"}
    county = next(corpus.glob("corpus/fuxin-2024-*.pages.json"))
    pages = json.loads(county.read_text(encoding="utf-8"))["pages"]
    assert [p["page"] for p in pages] == [1, 2]

    again = runner.invoke(app, ["add", str(downloads / "county.pdf")])
    assert again.exit_code == 0 and "already in the corpus" in again.output

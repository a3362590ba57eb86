"""Tests of kg.ingest: manifest, decoding, self-stated metadata, cross-check, errata."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from kg import paths
from kg.errors import InputError, ManifestError
from kg.ingest import (
    check_structure,
    crosscheck,
    extract_metadata,
    find_erratum_spans,
    load_errata,
    load_manifest,
    normalize_doc_number,
    read_source_text,
)
from kg.model import DocMetadata

INGEST = paths.ingest_dir()
SOURCES = {s.id: s for s in load_manifest()}

EXPECTED = {
    "qingdao-2024-49": DocMetadata(
        doc_number=None,  # the text begins mid-sentence
        date="2024-11-26",
        issuer="青岛市人民政府办公厅",
        title="青岛市进一步深化改革促进基层医疗卫生体系高质量发展若干措施",
        cites=(),
    ),
    "qingdao-2025-ygt": DocMetadata(
        doc_number=None,
        date="2025-01-26",
        issuer="青岛市卫生健康委员会",
        title="青岛市全面深化紧密型县域医疗卫生共同体建设实施方案",
        cites=("国卫基层发〔2023〕41号", "鲁卫发〔2024〕2号", "青政办字〔2024〕49号"),
    ),
    "laiyang-2024-28": DocMetadata(
        doc_number="莱政办字〔2024〕28号",
        date="2024-10-28",
        issuer="莱阳市人民政府办公室",
        title="关于进一步深化改革促进乡村医疗卫生体系高质量健康发展的实施意见",
        cites=("厅字〔2023〕3号", "鲁政办字〔2023〕205号", "烟政办字〔2024〕59号"),
    ),
    "yantai-2024-42": DocMetadata(
        doc_number="烟政办字〔2024〕42号",
        date="2024-05-30",
        issuer="烟台市人民政府办公室",
        title="关于进一步完善医疗卫生服务体系的实施意见",
        cites=("中办发〔2023〕10号", "鲁政办字〔2023〕202号"),
    ),
    "xiamen-2024-2": DocMetadata(
        doc_number="厦府办〔2024〕2号",
        date="2024-01-08",
        issuer="厦门市人民政府办公厅",
        title="厦门市进一步提升基层医疗卫生服务能力实施方案",
        cites=(),
    ),
}

MINIMAL_TEXT = "一、总体要求\n到2025年，覆盖率达到90%以上。\n"


def corpus_text(doc_id: str) -> str:
    return read_source_text(INGEST / SOURCES[doc_id].path).text


def write_manifest(tmp_path: Path, body: str) -> Path:
    """A manifest in tmp_path whose entries may point at corpus/a.txt and corpus/b.txt."""
    (tmp_path / "corpus").mkdir(exist_ok=True)
    for name in ("a.txt", "b.txt"):
        (tmp_path / "corpus" / name).write_text(MINIMAL_TEXT, encoding="utf-8")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(body, encoding="utf-8")
    return manifest


def doc_entry(ident: str = "a", path: str = "corpus/a.txt", **extra: str) -> str:
    fields = {
        "id": ident,
        "city": "青岛",
        "jurisdiction": "qingdao",
        "issuer": "青岛市人民政府办公厅",
        "title": "某某方案",
        "path": path,
        **extra,
    }
    lines = "".join(f'{k} = "{v}"\n' for k, v in fields.items())
    return "[[document]]\n" + lines + "\n"


# -- manifest ------------------------------------------------------------------------------


def test_ingest_real_manifest_loads_five_entries() -> None:
    sources = load_manifest()
    assert [s.id for s in sources] == [
        "qingdao-2024-49",
        "qingdao-2025-ygt",
        "laiyang-2024-28",
        "yantai-2024-42",
        "xiamen-2024-2",
    ]
    laiyang = SOURCES["laiyang-2024-28"]
    assert laiyang.doc_number == "莱政办字〔2024〕28号"
    assert laiyang.date == "2024-10-28"
    assert laiyang.cites == ("厅字〔2023〕3号", "鲁政办字〔2023〕205号", "烟政办字〔2024〕59号")
    assert SOURCES["qingdao-2025-ygt"].doc_number is None
    assert all((INGEST / s.path).is_file() for s in sources)


def test_ingest_manifest_duplicate_id_names_the_entry(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, doc_entry("a") + doc_entry("a", "corpus/b.txt"))
    with pytest.raises(ManifestError) as info:
        load_manifest(manifest)
    message = str(info.value)
    assert str(manifest) in message
    assert "entry #2 (id 'a')" in message
    assert "entry #1" in message
    assert "'id'" in message
    assert "Fix: give every document a unique id" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            doc_entry().replace('title = "某某方案"\n', ""),
            ["entry #1 (id 'a')", "'title' is missing", 'Fix: add title = "..."'],
        ),
        (
            doc_entry(date="2024-13-01"),
            ["entry #1 (id 'a')", "'date'", "'2024-13-01'", "YYYY-MM-DD", "Fix: "],
        ),
        (doc_entry(date="2024/10/28"), ["'date'", "'2024/10/28'", "not an ISO date"]),
        (doc_entry(titel="x"), ["'titel' is not a known field", "Fix: remove it"]),
        (
            doc_entry(path="corpus/missing.txt"),
            ["'path'", "'corpus/missing.txt'", "does not exist", "Fix: correct the file name"],
        ),
        (
            "[[documents]]\nid = 'a'\n",
            ["unknown top-level key(s) 'documents'", "Fix: every entry must be a [[document]]"],
        ),
        ("[[document]\nid = 'a'\n", ["not valid TOML", "Fix: correct the syntax"]),
        (doc_entry() + "cites = '厅字〔2023〕3号'\n", ["'cites'", "not a list of strings"]),
    ],
    ids=[
        "missing-field",
        "impossible-date",
        "slashed-date",
        "unknown-key",
        "missing-path",
        "unknown-table",
        "toml-syntax",
        "cites-not-list",
    ],
)
def test_ingest_manifest_errors_name_file_entryfield_and_fix(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    manifest = write_manifest(tmp_path, body)
    with pytest.raises(ManifestError) as info:
        load_manifest(manifest)
    message = str(info.value)
    assert str(manifest) in message
    for fragment in expected:
        assert fragment in message


def test_ingest_manifest_accepts_optional_fields_and_unquoted_date(tmp_path: Path) -> None:
    manifest = write_manifest(
        tmp_path,
        doc_entry(doc_number="青政办字〔2024〕49号", url="https://example.org/a")
        + "date = 2024-11-26\ncites = ['鲁卫发〔2024〕2号']\n",
    )
    (source,) = load_manifest(manifest)
    assert source.date == "2024-11-26"
    assert source.doc_number == "青政办字〔2024〕49号"
    assert source.url == "https://example.org/a"
    assert source.cites == ("鲁卫发〔2024〕2号",)


def test_ingest_missing_manifest_is_a_manifest_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"nope\.toml: the manifest file does not exist"):
        load_manifest(tmp_path / "nope.toml")


# -- decoding ------------------------------------------------------------------------------


def test_ingest_corpus_texts_are_plain_utf8() -> None:
    for source in SOURCES.values():
        decoded = read_source_text(INGEST / source.path)
        raw = (INGEST / source.path).read_bytes()
        assert decoded.encoding == "utf-8"
        assert decoded.notes == []
        assert decoded.text == raw.decode("utf-8")
        assert re.fullmatch(r"[0-9a-f]{64}", decoded.sha256)


def test_ingest_gb18030_copy_decodes_to_identical_text_with_a_note(tmp_path: Path) -> None:
    original = corpus_text("laiyang-2024-28")
    copy = tmp_path / "laiyang-gb.txt"
    copy.write_bytes(original.encode("gb18030"))
    decoded = read_source_text(copy)
    assert decoded.text == original
    assert decoded.encoding == "gb18030"
    assert decoded.notes == [
        "laiyang-gb.txt: decoded as GB18030; convert to UTF-8 with `iconv -f GB18030 -t UTF-8`"
    ]
    assert decoded.sha256 != read_source_text(INGEST / SOURCES["laiyang-2024-28"].path).sha256


def test_ingest_utf8_bom_is_stripped_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_TEXT.encode("utf-8"))
    decoded = read_source_text(path)
    assert decoded.text == MINIMAL_TEXT  # offsets start at the text, not at the BOM
    assert decoded.encoding == "utf-8-sig"
    assert any("byte-order mark stripped" in note for note in decoded.notes)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_ingest_utf16_with_bom_is_decoded_with_a_note(tmp_path: Path, codec: str) -> None:
    original = corpus_text("xiamen-2024-2")
    path = tmp_path / "x16.txt"
    bom = b"\xfe\xff" if codec == "utf-16-be" else b""  # "utf-16" writes its own BOM
    path.write_bytes(bom + original.encode(codec))
    decoded = read_source_text(path)
    assert decoded.text == original
    assert decoded.encoding.startswith("utf-16")
    assert "iconv -f UTF-16" in decoded.notes[0]


def test_ingest_crlf_is_kept_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(MINIMAL_TEXT.replace("\n", "\r\n").encode("utf-8"))
    decoded = read_source_text(path)
    assert "\r\n" in decoded.text
    assert any("CRLF" in note for note in decoded.notes)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "doc.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            ["looks like a PDF", "pdftotext -layout"],
        ),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["PNG image", "tesseract"]),
        ("doc.docx", b"PK\x03\x04\x14\x00\x06\x00", ["ZIP archive", "pandoc"]),
        ("blob.bin", "一、总体\x00\x00".encode(), ["NUL bytes", "extract the document's text"]),
        ("empty.txt", b"", ["is empty", "put the document's text in the file"]),
        ("blank.txt", " \n\t\u3000\n".encode(), ["is empty", "Fix: "]),
        ("latin1.txt", "Café crème, très générale".encode("latin-1"), ["neither UTF-8", "iconv"]),
        ("ctrl.txt", b"abc\x01\x02\x03def", ["control characters", "Fix: "]),
    ],
    ids=["pdf", "png", "zip", "nul", "empty", "whitespace", "latin1", "control"],
)
def test_ingest_unusable_files_raise_input_error_naming_file_and_fix(
    tmp_path: Path, name: str, content: bytes, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_source_text(path)
    message = str(info.value)
    assert str(path) in message
    assert "Fix: " in message
    for fragment in expected:
        assert fragment in message


def test_ingest_missing_file_raises_input_error_naming_file_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "corpus" / "absent.txt"
    with pytest.raises(InputError) as info:
        read_source_text(path)
    assert str(path) in str(info.value)
    assert "no such file" in str(info.value)
    assert "Fix: check the path" in str(info.value)


def test_ingest_gb18030_is_accepted_only_when_it_reads_as_chinese(tmp_path: Path) -> None:
    # Bytes that decode as GB18030 but read as rare symbols, not Chinese text.
    path = tmp_path / "odd.txt"
    path.write_bytes(("①②③④⑤ ÀÁÂ " * 5).encode("gb18030"))
    with pytest.raises(InputError, match="neither UTF-8"):
        read_source_text(path)


def test_ingest_check_structure_refuses_text_without_numbering_or_full_stop() -> None:
    check_structure(corpus_text("yantai-2024-42"), path="yantai.txt")
    check_structure("一、总体要求\n", path="x.txt")
    check_structure("（一）加强领导\n", path="x.txt")
    check_structure("只有一句话。", path="x.txt")
    with pytest.raises(InputError) as info:
        check_structure("Lorem ipsum dolor sit amet\n第一页", path="notes.txt")
    assert "notes.txt" in str(info.value)
    assert "no recognisable document structure" in str(info.value)
    assert "pdftotext -layout" in str(info.value)


# -- metadata and cross-check --------------------------------------------------------------


@pytest.mark.parametrize("doc_id", list(EXPECTED))
def test_ingest_corpus_metadata_is_extracted(doc_id: str) -> None:
    assert extract_metadata(corpus_text(doc_id)) == EXPECTED[doc_id]


@pytest.mark.parametrize("doc_id", list(EXPECTED))
def test_ingest_corpus_crosschecks_without_warnings(doc_id: str) -> None:
    source = SOURCES[doc_id]
    assert crosscheck(source, extract_metadata(corpus_text(doc_id))) == []


def test_ingest_value_missing_from_text_is_not_a_mismatch() -> None:
    # qingdao-2024-49 begins mid-sentence: its 文号 is only in the manifest.
    source = SOURCES["qingdao-2024-49"]
    meta = extract_metadata(corpus_text("qingdao-2024-49"))
    assert meta.doc_number is None and source.doc_number is not None
    assert crosscheck(source, DocMetadata()) == []


def test_ingest_manifest_with_wrong_date_yields_warning_naming_both(tmp_path: Path) -> None:
    real = (INGEST / "sources.toml").read_text(encoding="utf-8")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(real.replace('date = "2024-10-28"', 'date = "2024-10-18"'), "utf-8")
    (tmp_path / "corpus").symlink_to(INGEST / "corpus")
    warnings = {
        s.id: crosscheck(s, extract_metadata(read_source_text(tmp_path / s.path).text))
        for s in load_manifest(manifest)
    }
    assert warnings.pop("laiyang-2024-28") == [
        "laiyang-2024-28 (corpus/laiyang-2024-28.txt): date differs: the text states 2024-10-28,"
        " sources.toml has 2024-10-18"
    ]
    assert all(w == [] for w in warnings.values())


def test_ingest_crosscheck_names_both_values_for_every_field() -> None:
    source = dataclasses.replace(
        SOURCES["yantai-2024-42"],
        doc_number="烟政办字［2024］43号",
        issuer="烟台市卫生健康委员会",
        title="关于印发烟台市某某方案的通知",
        cites=("中办发(2023)10号", "鲁政发〔2020〕1号"),
    )
    warnings = crosscheck(source, extract_metadata(corpus_text("yantai-2024-42")))
    assert len(warnings) == 5
    text = "\n".join(warnings)
    assert "document number differs: the text states 烟政办字〔2024〕42号" in text
    assert "sources.toml has 烟政办字［2024］43号" in text
    assert "issuer differs: the text states 烟台市人民政府办公室," in text
    assert "sources.toml has 烟台市卫生健康委员会" in text
    assert "title differs: the text states 关于进一步完善医疗卫生服务体系的实施意见" in text
    assert "the text cites 鲁政办字〔2023〕202号, which is not in its cites" in text
    assert "sources.toml cites 鲁政发〔2020〕1号, which the text does not cite" in text
    assert "中办发" not in text  # the same number with other brackets is no mismatch


def test_ingest_crosscheck_reports_a_number_the_manifest_lacks() -> None:
    source = dataclasses.replace(SOURCES["laiyang-2024-28"], doc_number=None)
    warnings = crosscheck(source, extract_metadata(corpus_text("laiyang-2024-28")))
    assert warnings == [
        "laiyang-2024-28 (corpus/laiyang-2024-28.txt): the text states document number"
        " 莱政办字〔2024〕28号, sources.toml has none (add it)"
    ]


def test_ingest_crosscheck_compares_titles_without_wrapper_and_whitespace() -> None:
    source = dataclasses.replace(
        SOURCES["xiamen-2024-2"], title="关于印发《进一步提升 基层医疗卫生服务能力实施方案》的通知"
    )
    meta = DocMetadata(title="厦门市进一步提升基层医疗卫生服务能力实施方案")
    assert crosscheck(source, meta) == []


HEADER_TEXT = """青岛市人民政府办公厅文件

青政办发 [2024] 1 2号

**青岛市人民政府办公厅
关于印发《青岛市某某
工作方案》的通知**

各区、市人民政府：
现将《青岛市某某工作方案》印发给你们。根据国办发（2023）5号文件和《山东省某某意见》（鲁政发［2022］3号），请认真贯彻。

青岛市人民政府办公厅
二〇二四年十二月三十一日

（此件公开发布）

青岛市某某工作方案

一、总体要求
按照鲁政发〔2022〕3号要求，到２０２５年达到。

青岛市人民政府办公厅
2025年1月3日印发
"""


def test_ingest_metadata_rules_are_general() -> None:
    meta = extract_metadata(HEADER_TEXT)
    assert meta == DocMetadata(
        doc_number="青政办发〔2024〕12号",  # half-width brackets, space inside the number
        date="2024-12-31",  # Chinese-numeral signature date wins over the print date
        issuer="青岛市人民政府办公厅",
        title="青岛市某某工作方案",  # the plan's own title, not the 关于印发 wrapper
        cites=("国办发〔2023〕5号", "鲁政发〔2022〕3号"),  # lead-in 根据 dropped; deduplicated
    )


def test_ingest_metadata_labelled_number_and_print_date_fallback() -> None:
    text = (
        "发文字号：厦府〔２０２３〕１０号\n厦门市人民政府\n关于加强某某工作的意见\n"
        "一、总体要求。\n厦门市人民政府办公厅\n2023年5月8日印发\n"
    )
    assert extract_metadata(text) == DocMetadata(
        doc_number="厦府〔2023〕10号",
        date="2023-05-08",
        issuer="厦门市人民政府办公厅",
        title="关于加强某某工作的意见",
    )


def test_ingest_metadata_number_after_a_cited_title_is_not_our_own() -> None:
    text = "关于转发《某某办法》（国发〔2023〕1号）的通知\n各区：\n请贯彻。\n"
    meta = extract_metadata(text)
    assert meta.doc_number is None
    assert meta.cites == ("国发〔2023〕1号",)


def test_ingest_metadata_of_a_text_stating_nothing() -> None:
    assert extract_metadata("到2025年，覆盖率达到90%以上。") == DocMetadata()


@pytest.mark.parametrize(
    "written",
    [
        "鲁政办字〔2023〕205号",
        "鲁政办字[2023]205号",
        "鲁政办字［2023］205号",
        "鲁政办字(2023)205号",
        "鲁政办字（2023）205号",
        "鲁政办字 〔 2023 〕 2 05 号",
        "鲁政办字〔2023〕第205号",
    ],
)
def test_ingest_normalize_doc_number(written: str) -> None:
    assert normalize_doc_number(written) == "鲁政办字〔2023〕205号"


# -- errata --------------------------------------------------------------------------------


def test_ingest_real_errata_load() -> None:
    entries = load_errata(doc_ids=SOURCES)
    assert [(e.doc, e.erratum.id) for e in entries] == [
        ("qingdao-2024-49", "qingdao-2024-49-e1"),
        ("qingdao-2024-49", "qingdao-2024-49-e2"),
    ]
    first = entries[0].erratum
    assert (first.field, first.as_written, first.corrected) == ("value_max", 15.0, 1.5)
    assert first.date == "2026-11-23"
    assert first.author and first.reason


def test_ingest_errata_quotes_are_all_found_in_their_documents() -> None:
    for entry in load_errata():
        raw = corpus_text(entry.doc)
        spans = find_erratum_spans(raw, entry.erratum.quote)
        assert len(spans) == 1, entry.erratum.id
        start, end = spans[0]
        assert re.sub(r"\s", "", raw[start:end]) == entry.erratum.quote
        assert not raw[start].isspace() and not raw[end - 1].isspace()
    e1 = next(e for e in load_errata() if e.erratum.id == "qingdao-2024-49-e1")
    ((start, end),) = find_erratum_spans(corpus_text(e1.doc), e1.erratum.quote)
    assert "\n" in corpus_text(e1.doc)[start:end]  # the quote crosses a line break in the raw


def test_ingest_find_erratum_spans_all_occurrences_and_none() -> None:
    raw = "甲按照常住\n人口1—15‰，乙按照 常住人口1—15‰。"
    spans = find_erratum_spans(raw, "常住人口1—15‰")
    assert spans == [(3, 13), (18, 27)]
    assert [raw[a:b] for a, b in spans] == ["常住\n人口1—15‰", "常住人口1—15‰"]
    assert find_erratum_spans(raw, "常住人口1—1.5‰") == []
    assert find_erratum_spans(raw, " \n") == []


ERRATUM = """[[erratum]]
id = "x-e1"
doc = "qingdao-2024-49"
quote = "1—15‰"
field = "value_max"
as_written = 15
corrected = 1.5
reason = "lost decimal point"
author = "tester"
date = "2026-11-23"
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (ERRATUM.replace('"value_max"', '"unit"'), ["'field' is 'unit'", 'field = "value_max"']),
        (ERRATUM.replace("corrected = 1.5", 'corrected = "1.5"'), ["'corrected'", "not a number"]),
        (ERRATUM.replace('author = "tester"\n', ""), ["'author' is missing"]),
        (ERRATUM.replace('"2026-11-23"', '"23.11.2026"'), ["'date'", "YYYY-MM-DD"]),
        (ERRATUM + ERRATUM, ["entry #2 (id 'x-e1')", "duplicates the id of entry #1"]),
        (ERRATUM.replace('"qingdao-2024-49"', '"nowhere"'), ["'nowhere'", "use one of: "]),
        (ERRATUM + 'note = "x"\n', ["'note' is not a known field"]),
    ],
    ids=["field", "number", "missing", "date", "duplicate", "unknown-doc", "unknown-key"],
)
def test_ingest_malformed_errata_raise_manifest_error(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    path = tmp_path / "errata.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load_errata(path, doc_ids=SOURCES)
    message = str(info.value)
    assert str(path) in message and "[[erratum]] entry #" in message and "Fix: " in message
    for fragment in expected:
        assert fragment in message


def test_ingest_empty_errata_file_means_no_errata(tmp_path: Path) -> None:
    path = tmp_path / "errata.toml"
    path.write_text("# nothing to correct\n", encoding="utf-8")
    assert load_errata(path) == []

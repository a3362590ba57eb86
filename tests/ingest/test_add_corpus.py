"""kg add / kg remove on a corpus folder of the test's own: what is written, what is refused,
and that a failing add changes nothing."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

import pytest

from conftest import ATTACHMENT, NOTICE, tree, write_docx
from kg.errors import InputError, KgError, ValidationError
from kg.ingest import load_manifest
from kg.ingest.add import plan_add
from kg.pipeline import add, remove


def _manifest(corpus: Path) -> dict:
    return tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))


def test_add_text_file_into_empty_corpus_stores_text_pages_and_manifest(
    corpus: Path, notice_txt: Path, tmp_path: Path
) -> None:
    outcome = add([notice_txt], ingest=corpus, data_dir=tmp_path / "data")

    assert outcome.build is not None and outcome.build.documents == 1
    assert outcome.build.targets >= 1 and outcome.build.tasks >= 1
    [entry] = _manifest(corpus)["document"]
    assert entry["jurisdiction"] == "210921"
    assert entry["city"] == "阜新蒙古族自治县"
    assert entry["doc_number"] == "阜蒙政办发〔2024〕12号"
    assert entry["date"] == "2024-11-26"  # 二〇二四年十一月二十六日
    assert entry["issuer"] == "阜新蒙古族自治县人民政府办公室"
    part, plan = entry["parts"]  # the notice, and the plan it transmits, from one file
    assert (part["start"], plan["start"]) == (
        0,
        NOTICE.index("阜新蒙古族自治县健康促进工作方案\n一"),
    )
    assert plan["title"] == "阜新蒙古族自治县健康促进工作方案"
    assert plan["original"] == part["original"] and plan["sha256"] == part["sha256"]
    assert part["sha256"] == hashlib.sha256(notice_txt.read_bytes()).hexdigest()
    assert part["reader"] == "txt" and part["reader_version"]
    assert (corpus / part["original"]).read_bytes() == notice_txt.read_bytes()
    assert (corpus / entry["path"]).read_text(encoding="utf-8") == NOTICE
    pages = json.loads((corpus / entry["pages"]).read_text(encoding="utf-8"))
    assert pages["pages"][0] == {"start": 0, "part": 1, "page": 1}
    graph = (tmp_path / "data" / "graph.nq").read_text(encoding="utf-8")
    assert f'ontology#sha256> "{part["sha256"]}"' in graph  # the original, in the graph
    assert 'ontology#reader> "txt"' in graph and "ontology#page>" in graph


def test_add_generated_docx_with_city_option(
    corpus: Path, notice_docx: Path, tmp_path: Path
) -> None:
    outcome = add([notice_docx], ingest=corpus, data_dir=tmp_path / "data", city="莱阳")

    [doc] = outcome.plan.documents
    assert doc.entry["jurisdiction"] == "laiyang"  # the corpus's own id, not its code
    assert doc.entry["parts"][0]["reader"] == "docx"
    assert "二〇二四年十一月二十六日" in (corpus / doc.entry["path"]).read_text(encoding="utf-8")
    assert [s.id for s in load_manifest(corpus / "sources.toml")] == [doc.id]


def test_add_same_file_again_says_so_and_changes_nothing(
    corpus: Path, notice_txt: Path, tmp_path: Path
) -> None:
    first = add([notice_txt], ingest=corpus, data_dir=tmp_path / "data")
    before = tree(corpus)
    copy = tmp_path / "renamed-copy.txt"
    copy.write_bytes(notice_txt.read_bytes())

    again = add([copy], ingest=corpus, data_dir=tmp_path / "data")

    assert again.plan.duplicates == [(copy, first.plan.documents[0].id)]
    assert again.plan.documents == [] and again.build is None
    assert tree(corpus) == before


def test_add_dry_run_reads_but_writes_nothing(
    corpus: Path, notice_txt: Path, tmp_path: Path
) -> None:
    outcome = add([notice_txt], ingest=corpus, data_dir=tmp_path / "data", dry_run=True)

    assert [d.entry["jurisdiction"] for d in outcome.plan.documents] == ["210921"]
    assert outcome.build is None
    assert tree(corpus) == {}
    assert not (tmp_path / "data").exists()


def test_remove_takes_entry_text_and_original_out(
    corpus: Path, notice_txt: Path, prefecture_txt: Path, tmp_path: Path
) -> None:
    outcome = add([notice_txt, prefecture_txt], ingest=corpus, data_dir=tmp_path / "data")
    gone, kept = (d.id for d in outcome.plan.documents)
    stored = [corpus / rel for _, rel in outcome.plan.documents[0].originals]

    result = remove(gone, ingest=corpus, data_dir=tmp_path / "data")

    assert result.documents == 1
    assert [s.id for s in load_manifest(corpus / "sources.toml")] == [kept]
    assert not any(p.exists() for p in stored)
    assert not (corpus / "corpus" / f"{gone}.txt").exists()
    with pytest.raises(InputError, match=f"no document '{gone}'"):
        remove(gone, ingest=corpus, data_dir=tmp_path / "data")


def test_remove_last_document_leaves_an_empty_corpus_that_builds(
    corpus: Path, notice_txt: Path, tmp_path: Path
) -> None:
    [doc] = add([notice_txt], ingest=corpus, data_dir=tmp_path / "data").plan.documents
    assert remove(doc.id, ingest=corpus, data_dir=tmp_path / "data").documents == 0
    again = add([notice_txt], ingest=corpus, data_dir=tmp_path / "data")  # appendable again
    assert again.build is not None and again.build.documents == 1


def test_add_file_without_structure_names_it_and_changes_nothing(
    corpus: Path, notice_txt: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    add([notice_txt], ingest=corpus, data_dir=data)
    before_corpus, before_data = tree(corpus), tree(data)
    hollow = tmp_path / "in" / "hollow.txt"  # reads fine, but has nothing to extract
    hollow.write_text("阜新蒙古族自治县人民政府办公室\n会议纪要\n", encoding="utf-8")

    with pytest.raises(KgError, match=r"hollow\.txt"):
        add([hollow], ingest=corpus, data_dir=data)

    assert tree(corpus) == before_corpus
    assert tree(data) == before_data


def test_add_failing_rebuild_leaves_manifest_and_data_unchanged(
    corpus: Path, notice_txt: Path, prefecture_txt: Path, tmp_path: Path, monkeypatch
) -> None:
    import kg.pipeline

    data = tmp_path / "data"
    add([notice_txt], ingest=corpus, data_dir=data)
    before_corpus, before_data = tree(corpus), tree(data)

    def invalid(*_: object, **__: object) -> None:
        raise ValidationError("The built graph breaks 1 SHACL constraint.", fix="fix it")

    monkeypatch.setattr(kg.pipeline, "raise_violations", invalid)
    with pytest.raises(ValidationError):
        add([prefecture_txt], ingest=corpus, data_dir=data)

    assert tree(corpus) == before_corpus  # the staged manifest and new files are gone too

    def built(files: dict) -> dict:  # the shard cache may keep a shard; the graph is as it was
        return {k: v for k, v in files.items() if not k.startswith("shards/")}

    assert built(tree(data)) == built(before_data)


def test_add_unreadable_file_names_it_and_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    odd = tmp_path / "table.xlsx"
    odd.write_bytes(b"PK\x03\x04" + b"\0" * 64)

    with pytest.raises(InputError) as caught:
        add([odd], ingest=corpus, data_dir=tmp_path / "data")

    assert str(odd) in caught.value.message and caught.value.fix
    assert tree(corpus) == {}


def test_add_unknown_place_asks_for_city_or_jurisdiction(corpus: Path, tmp_path: Path) -> None:
    text = tmp_path / "nowhere.txt"
    text.write_text(
        "关于加强健康教育的通知\n一、工作要求\n各单位要加强健康教育。\n", encoding="utf-8"
    )

    with pytest.raises(InputError) as caught:
        plan_add([text], ingest=corpus)

    assert "nowhere.txt" in caught.value.message
    assert "--city" in (caught.value.fix or "") and "--jurisdiction" in (caught.value.fix or "")


def test_add_folder_adds_every_readable_file_and_skips_the_rest(
    corpus: Path, notice_txt: Path, prefecture_txt: Path
) -> None:
    (notice_txt.parent / "README.md").write_text("# notes\n", encoding="utf-8")

    plan = plan_add([notice_txt.parent], ingest=corpus)

    assert sorted(d.entry["jurisdiction"] for d in plan.documents) == ["210900", "210921"]
    assert [p.name for p, _ in plan.skipped] == ["README.md"]


def test_add_as_one_joins_notice_and_attachment_with_part_headings(
    corpus: Path, notice_docx: Path, attachment_docx: Path, tmp_path: Path
) -> None:
    plain = write_docx(
        tmp_path / "in" / "attachment-2.docx", "建设清单\n一、清单\n每个乡镇至少1个。"
    )

    plan = plan_add([notice_docx, attachment_docx, plain], ingest=corpus, as_one=True)

    [doc] = plan.documents
    notice, transmitted, first, second = doc.entry["parts"]
    assert notice["start"] < transmitted["start"] < first["start"] < second["start"]
    assert doc.text[first["start"] :].startswith("附件1\n健康主题公园建设标准")
    assert doc.text[second["start"] :].startswith("附件2\n建设清单")  # heading supplied
    assert first["title"].startswith("附件1") and second["title"].startswith("附件2")
    assert len({p["original"] for p in doc.entry["parts"]}) == 3
    assert {p["part"] for p in doc.pages["pages"]} == {1, 2, 3}
    assert ATTACHMENT.splitlines()[1] in doc.text


def test_add_refuses_to_write_inside_the_installed_package(notice_txt: Path) -> None:
    import kg

    with pytest.raises(InputError, match="KG_INGEST"):
        plan_add([notice_txt], ingest=Path(kg.__file__).parent / "_data" / "ingest")


def test_rebuild_reads_stored_text_never_the_original(
    corpus: Path, notice_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.ingest.readers
    from kg.pipeline import build

    [doc] = add([notice_docx], ingest=corpus, data_dir=tmp_path / "data").plan.documents

    def unread(*_: object, **__: object) -> None:
        raise AssertionError("a rebuild read an original")

    monkeypatch.setattr(kg.ingest.readers, "read_file", unread)
    assert build(data_dir=tmp_path / "again", manifest=corpus / "sources.toml").warnings == []
    (corpus / doc.entry["parts"][0]["original"]).write_bytes(b"changed")
    changed = build(data_dir=tmp_path / "again", manifest=corpus / "sources.toml")
    assert any("has changed since it was read" in w for w in changed.warnings)


def test_rebuild_hashes_only_the_originals_whose_stat_changed(
    corpus: Path, notice_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from kg.ingest import hashes
    from kg.pipeline import build

    [doc] = add([notice_docx], ingest=corpus, data_dir=tmp_path / "data").plan.documents
    original = corpus / doc.entry["parts"][0]["original"]
    monkeypatch.setattr(hashes, "time_ns", lambda: time.time_ns() + 60 * 10**9)  # a minute on
    manifest = corpus / "sources.toml"
    assert build(data_dir=tmp_path / "data", manifest=manifest).warnings == []
    real = hashes.file_sha256

    def unread(path: Path) -> str:
        raise AssertionError(f"{path} was hashed again")

    monkeypatch.setattr(hashes, "file_sha256", unread)
    assert build(data_dir=tmp_path / "data", manifest=manifest).warnings == []
    data = bytearray(original.read_bytes())
    data[-1] ^= 1  # the same size, another byte
    original.write_bytes(bytes(data))
    later = original.stat().st_mtime_ns + 10**9
    os.utime(original, ns=(later, later))
    monkeypatch.setattr(hashes, "file_sha256", real)
    changed = build(data_dir=tmp_path / "data", manifest=manifest)
    assert any("has changed since it was read" in w for w in changed.warnings)

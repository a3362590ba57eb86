"""What a text says about itself, in the shapes real notices take: 文号 in any brackets, dates
in Chinese numerals, release marks, signatures that wrap, an issuer named only by the title."""

from __future__ import annotations

import pytest

from kg.ingest.metadata import extract_metadata, normalize_doc_number


@pytest.mark.parametrize(
    "written",
    [
        "阜蒙健促办发[2020] 3 号",
        "阜蒙健促办发〔2020〕3号",
        "阜蒙健促办发（2020）3号",
        "阜蒙健促办发﹝2020﹞第3号",
        "阜蒙健促办发【２０２０】3号",
    ],
)
def test_metadata_doc_number_in_every_bracket_shape_normalizes(written: str) -> None:
    assert normalize_doc_number(written) == "阜蒙健促办发〔2020〕3号"


def test_metadata_doc_number_alone_on_its_line_after_web_furniture() -> None:
    text = (
        "某县工作指导方案\n日期： 2020-06-18 浏览量：1283 文字大小： 大 中 小\n"
        "阜蒙健促办发[2020] 3 号\n各乡镇：\n现印发给你们。\n"
    )
    assert extract_metadata(text).doc_number == "阜蒙健促办发〔2020〕3号"


def test_metadata_release_and_urgency_marks_are_not_part_of_the_number() -> None:
    text = (
        "某某市卫生健康局\n不公开 佛公卫办函〔2024〕37 号\n特 急\n关于做好防控工作的通知\n各区：\n"
    )
    assert extract_metadata(text).doc_number == "佛公卫办函〔2024〕37号"


def test_metadata_date_in_chinese_numerals() -> None:
    text = "关于X的通知\n各单位：\n请落实。\n某县人民政府办公室\n二〇二四年十一月二十六日\n"
    meta = extract_metadata(text)
    assert meta.date == "2024-11-26"
    assert meta.issuer == "某县人民政府办公室"


def test_metadata_signature_wrapping_over_lines_with_stamp_note() -> None:
    text = (
        "关于建立工单办理机制的通知\n各区：\n现通知如下。\n附件：清单\n问题清单\n"
        "佛山市蚊媒传染病疫情防控指挥部\n办公室环境整治组\n（代章）\n2025 年 7 月 23 日\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "佛山市蚊媒传染病疫情防控指挥部办公室环境整治组"
    assert meta.date == "2025-07-23"


def test_metadata_issuer_from_the_title_when_there_is_no_signature() -> None:
    text = (
        "佛山市疾病预防控制中心关于进一步规范\n病例监测报告工作的通知\n"
        "各区疾控中心：\n现提出以下要求。\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "佛山市疾病预防控制中心"
    assert meta.title == "关于进一步规范病例监测报告工作的通知"


def test_metadata_published_text_names_its_issuer_date_and_title() -> None:
    text = (
        "中共中央 国务院印发《“健康中国 2030”规划\n纲要》\n"
        "(2016 年 10 月 25 日 中共中央、国务院发布)\n目录\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "中共中央"
    assert meta.date == "2016-10-25"
    assert meta.title == "“健康中国2030”规划纲要"


@pytest.mark.parametrize("kind", ["通报", "提醒函"])
def test_metadata_notices_and_letters_have_titles(kind: str) -> None:
    text = (
        f"某区卫生健康局\n依申请公开\n某区卫生健康局关于登革热防控工作的{kind}\n"
        "各镇：\n现通报如下。\n"
    )
    assert extract_metadata(text).title == f"关于登革热防控工作的{kind}"


def test_metadata_cited_numbers_keep_out_the_own_number() -> None:
    text = (
        "某县文件\n阜蒙政办发〔2024〕12号\n各乡镇：\n"
        "按照《方案》（阜蒙政办发〔2019〕75号）要求，印发。\n"
    )
    meta = extract_metadata(text)
    assert meta.doc_number == "阜蒙政办发〔2024〕12号"
    assert meta.cites == ("阜蒙政办发〔2019〕75号",)


@pytest.mark.parametrize(
    "text",
    [
        "X通知\n发布日期：2021-03-05\n正文。",
        "X通知\n成文日期：2021年3月5日\n正文。",
        "X通知\n发布时间：2021/3/5 10:00\n",
    ],
)
def test_metadata_date_of_a_web_page_s_labelled_line(text: str) -> None:
    assert extract_metadata(text).date == "2021-03-05"

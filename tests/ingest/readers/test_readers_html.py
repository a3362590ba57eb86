"""The .html reader: the article body, without navigation, counters and footers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import UnreadableFileError
from kg.ingest.readers import read_file, reader_for

PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312">
<title>关于印发某市健康行动实施方案的通知</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<div class="tools">字体大小：【大】【中】【小】 浏览量：1234 打印本页 关闭窗口</div>
<div class="article"><h1>关于印发某市健康行动实施方案的通知</h1>
<p>各区人民政府，市政府各部门：</p>
<p>为贯彻落实健康中国战略，到2025年，全市居民健康素养水平达到30%以上。现将方案印发给你们，请认真贯彻执行。</p>
<p>一、总体要求</p><p>坚持预防为主，推动全民健康。到2030年，人均预期寿命达到80岁。</p>
<table><tr><td>指标</td><td>2025年</td></tr><tr><td>健康素养水平</td><td>30%</td></tr></table>
<p>访问量：5678</p>
<p>某市人民政府办公室</p><p>2024年3月1日</p></div>
<div class="footer">版权所有：某市人民政府 主办单位：某市人民政府办公室 网站标识码：1234</div>
</body></html>"""

INDEX_PAGE = """<html><head><title>某市人民政府门户网站</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">政务公开</a> <a href="/b">办事服务</a></div>
<ul><li><a href="/1">通知一</a></li><li><a href="/2">通知二</a></li></ul>
<div class="footer">版权所有：某市人民政府 网站标识码：1234</div></body></html>"""


@pytest.fixture
def saved_page(tmp_path: Path) -> Path:
    path = tmp_path / "notice.html"
    path.write_bytes(PAGE.encode("gb2312"))
    return path


def test_readers_html_keeps_the_article_in_order(saved_page: Path) -> None:
    result = read_file(saved_page)
    assert result.reader == "html" and result.reader_version.startswith("trafilatura ")
    lines = result.text.splitlines()
    assert lines[0] == "关于印发某市健康行动实施方案的通知"
    assert "到2025年，全市居民健康素养水平达到30%以上" in result.text
    assert "健康素养水平\t30%" in lines
    assert lines.index("一、总体要求") < lines.index("2024年3月1日")


def test_readers_html_drops_counters_and_footers(saved_page: Path) -> None:
    text = read_file(saved_page).text
    for furniture in ("访问量", "浏览量", "字体大小", "打印本页", "关闭窗口", "版权所有", "首页"):
        assert furniture not in text


def test_readers_html_is_sniffed_whatever_its_name(saved_page: Path) -> None:
    assert reader_for(saved_page.rename(saved_page.with_suffix(".txt"))) == "html"


@pytest.mark.parametrize(("charset", "bom"), [("gb18030", b""), ("utf-16-le", b"\xff\xfe")])
def test_readers_html_decodes_gb18030_and_utf16(tmp_path: Path, charset: str, bom: bytes) -> None:
    path = tmp_path / "notice.dat"
    page = PAGE.replace('charset="gb2312"', f'charset="{charset.removesuffix("-le")}"')
    path.write_bytes(bom + page.encode(charset))
    assert reader_for(path) == "html"
    assert "到2025年，全市居民健康素养水平达到30%以上" in read_file(path).text


def test_readers_html_without_an_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(INDEX_PAGE, encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="no article") as error:
        read_file(path)
    assert str(path) in error.value.message and "正文" in (error.value.fix or "")


def test_readers_html_drops_a_breadcrumb_inside_the_article(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='article'><p>当前位置：首页 > 政务公开 > 通知公告</p>"
        "<h1>关于做好夏季传染病防控工作的通知</h1>"
        "<p>各区要于7月1日前完成培训，培训覆盖率达到100%，确保工作落实到位。</p>"
        "</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read_file(path).text
    assert "首页" not in text and "培训覆盖率达到100%" in text


def test_readers_html_table_header_rule_line_is_not_a_row(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>{'第一段正文内容，说明工作安排和具体要求。' * 3}</p>" for _ in range(3))
    page.write_text(
        "<html><head><title>关于印发工作方案的通知</title></head><body><div class='article'>"
        f"{body}<table border='1'><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>"
        "<tr><td>1</td><td>开展达标创建工作任务第1项</td><td>市卫生健康委</td></tr></table>"
        "</div></body></html>",
        encoding="utf-8",
    )
    text = read_file(page).text
    assert "---" not in text
    assert "序号\t任务\t牵头单位" in text and "1\t开展达标创建工作任务第1项\t市卫生健康委" in text

"""read_layout on pages converted from print: where items begin, join and end."""

from __future__ import annotations

from newsfacts.curation.layout import read_layout

#: A report in sections, a second report under a long heading, a photo caption, a feature that
#: jumps (its second part after another report, under a heading like its sections).
PAGE = """## 全省经济运行情况

**本报讯** 11月14日,省里举行发布会,介绍了全省经济运行情况。

## 工业稳中有进

工业增加值增长6.2%,规上企业达到8231家。

## 服务业加快发展

服务业增加值增长5.1%。

## 多项措施推动中小企业加快发展

已有超2500家企业享受该项政策。

(陈嘉欣)

11月14日,卫生院举行主题义诊活动,为患者进行医学指导。

李学军 杨晓勇 摄影报道

聚焦银龄需求 优化为老服务
——并州风采系列报道之四

“大字版填单范例,可移动填单台……”这些细节对老年人特别友好。

## 老年友好氛围可感可触

营业部设立了服务专区,开展了多场活动。

**本报讯** 11月13日晚,原创音乐剧在省话剧院上演。

(陈辛华)

## 助力老人跨越数字鸿沟

营业部持续开展数字助老服务,帮助老人使用手机银行。

记者 弓风飞
"""


def test_items_of_a_printed_page() -> None:
    blocks = read_layout(PAGE)
    assert [b.headline for b in blocks] == [
        ["全省经济运行情况"],
        ["多项措施推动中小企业加快发展"],
        [],
        ["聚焦银龄需求 优化为老服务"],
        [],
    ]
    report, measures, photo, feature, play = blocks
    assert report.sections == ["工业稳中有进", "服务业加快发展"]
    assert (report.byline, measures.byline, measures.dateline) == (None, "(陈嘉欣)", None)
    assert (photo.genre, photo.byline) == ("photo", "李学军 杨晓勇 摄影报道")
    assert feature.subheadline == "——并州风采系列报道之四"
    # the feature's second part, after the play's report, is joined to it with its credit
    assert feature.byline == "记者 弓风飞" and play.byline == "(陈辛华)"
    (start, end), *more = feature.continuation
    assert not more
    assert PAGE[start:end].startswith("## 助力老人跨越数字鸿沟") and PAGE[start:end].endswith(
        "手机银行。"
    )
    assert feature.sections == ["老年友好氛围可感可触", "助力老人跨越数字鸿沟"]


def test_a_heading_unlike_the_sections_of_an_article_with_a_credit_is_not_joined() -> None:
    page = PAGE.replace("记者 弓风飞", "").replace("## 老年友好氛围可感可触\n\n", "")
    blocks = read_layout(page)
    # without sections to compare with, the last part is an item of its own
    assert blocks[-1].headline == ["助力老人跨越数字鸿沟"]
    assert blocks[3].continuation == []

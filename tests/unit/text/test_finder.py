"""find_quantities: every quantity a text states, with span, kind, counted noun and time; and
the numbers it leaves out, with why. Worked by hand."""

from __future__ import annotations

import pytest

from newsfacts import find_quantities, load

BASE = "2025-11-14"


def _found(text: str) -> list[tuple[str, float | None, str, str]]:
    return [(f.exact, f.quantity.value, f.quantity.unit, f.kind) for f in find_quantities(text)]


def _skipped(text: str) -> list[tuple[str, str]]:
    _, skipped = find_quantities(text, explain=True)
    return [(s.exact, s.reason) for s in skipped]


def test_quantities_in_order_with_their_spans() -> None:
    text = "全市新增企业343家，同比增长6.2%，占全省的30%，居全国第3位。"
    found = find_quantities(text)
    assert [(f.exact, f.kind, f.direction) for f in found] == [
        ("343家", "quantity", None),
        ("6.2%", "change", "up"),
        ("30%", "share", None),
        ("第3位", "rank", None),
    ]
    assert all(text[f.start : f.end] == f.exact for f in found)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("同比增长8.5%", "up"),
        ("比上年提高2个百分点", "up"),
        ("收入减少300元", "down"),
        ("能耗下降了3.1%", "down"),
        ("价格回落0.5%", "down"),
    ],
)
def test_changes_carry_their_direction(text: str, direction: str) -> None:
    (found,) = find_quantities(text)
    assert (found.kind, found.direction) == ("change", direction)


def test_a_count_of_new_things_is_no_change() -> None:
    (found,) = find_quantities("新增企业343家")
    assert found.kind == "quantity"


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("建成5G基站1.2万个", "个"),
        ("全市343家企业参与", "家企业"),
        ("建成12个基站", "个基站"),
        ("接待游客120万人次", "人次"),
        ("指导太原、长治、晋中3市推进", "市"),
    ],
)
def test_the_counted_noun(text: str, counted: str) -> None:
    found = find_quantities(text)[-1]
    assert found.counted == counted


@pytest.mark.parametrize(
    ("text", "exact", "reason"),
    [
        ("2025年11月14日上午", "2025年", "date"),
        ("11月14日", "14", "date"),
        ("9时30分开幕", "30", "date"),
        ("第十三届运动会", "第十三届", "ordinal"),
        ("第三场比赛", "第三场", "ordinal"),
        ("《中老年人必知的365个养生法》出版", "365个", "title"),
        ("“双11”期间", "11", "name"),
        ("建设5G网络", "5", "name"),
        ("C919大飞机", "C919", "name"),
        ("十四五期间，新增就业60万人", "十四五期", "name"),  # the plan, unquoted
        ("学习二十届三中全会精神", "二十届", "name"),  # a congress's session, without 第
        ("咨询电话0351-1234567", "0351-1234567", "code"),
        ("邮编030001", "030001", "code"),
        ("邮编100086", "100086", "code"),  # six digits, no leading zero: the word says
        ("拨打12345热线", "12345", "code"),
        ("第 04 版", "04", "page"),
        ("A3版", "A3", "page"),
        ("一批批秋裤发往全国", "一批", "phrase"),
        ("一个个村庄", "一个", "phrase"),
        ("呈现了一场视听盛宴", "一场", "phrase"),
        ("居中部六省首位", "六省", "phrase"),
    ],
)
def test_numbers_that_state_no_quantity_are_left_out_with_why(
    text: str, exact: str, reason: str
) -> None:
    assert (exact, reason) in _skipped(text)
    assert all(f.exact != exact for f in find_quantities(text))


def test_list_markers_are_left_out() -> None:
    text = "1. 新建道路12公里\n2、改造管网3.5公里\n（三）新增绿地20公顷"
    assert [f.exact for f in find_quantities(text)] == ["12公里", "3.5公里", "20公顷"]
    assert [(s.exact, s.reason) for s in find_quantities(text, explain=True)[1]] == [
        ("1", "list"),
        ("2", "list"),
    ]


def test_the_time_of_the_sentence_or_of_the_paragraph_opening() -> None:
    text = (
        "今年前三季度，全市规上工业增加值增长6.2%；截至10月底，累计新增企业343家。\n"
        "全年投资增长5%。"
    )
    found = find_quantities(text, base=BASE)
    times = [(f.exact, f.time and (f.time.kind, f.time.first, f.time.last)) for f in found]
    assert times == [
        ("6.2%", ("period", "2025-01", "2025-09")),
        ("343家", ("as_of", None, "2025-10-31")),
        ("5%", None),
    ]


def test_a_time_of_its_own_phrase_overrides_now_but_not_an_as_of_date() -> None:
    text = (
        "目前外资企业超6万家，2024年实际使用外资约占全国1/4，实现生产总值16.9万亿元。"
        "截至10月底，今年累计接待游客500万人次。"
    )
    found = find_quantities(text, base=BASE)
    times = [(f.exact, f.time and (f.time.kind, f.time.first, f.time.last)) for f in found]
    assert times == [
        ("超6万家", ("as_of", None, BASE)),
        ("1/4", ("period", "2024", "2024")),  # 2024年 stands in its own phrase
        ("16.9万亿元", ("as_of", None, BASE)),  # a phrase of its own without a time
        ("500万人次", ("as_of", None, "2025-10-31")),  # 截至 governs, not 今年
    ]


def test_rank_words_without_a_numeral() -> None:
    found = find_quantities("综合实力居中部六省首位")
    assert [(f.exact, f.kind) for f in found] == [("首位", "rank")]


def test_real_sentences_of_the_seed_page() -> None:
    articles = {a.id: a.text for a in load().articles}
    text = articles["a-bcfbe062-01"]
    sentence = text[text.index("企业数量从2021年") :].split("。")[0]
    assert _found(sentence) == [
        ("6859家", 6859.0, "count", "quantity"),
        ("8231家", 8231.0, "count", "quantity"),
        ("343家", 343.0, "count", "change"),
    ]
    assert _skipped(sentence) == [("2021年", "date"), ("2024年", "date")]


def test_every_found_quantity_is_a_reading_of_its_span() -> None:
    for article in load().articles:
        for found in find_quantities(article.text):
            assert article.text[found.start : found.end] == found.exact == found.quantity.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a level at a year is as of that year; a change between two years spans them
        (
            "企业数量从2021年的6859家增至2024年的8231家,年均增长343家。",
            [
                ("6859家", ("as_of", None, "2021")),
                ("8231家", ("as_of", None, "2024")),
                ("343家", ("period", "2021", "2024")),
            ],
        ),
        ("到2024年占制造业比重提升至44%。", [("44%", ("as_of", None, "2024"))]),
        # a baseline year opens a period that runs to the page's time
        ("先进产能占比较2021年提高了5.6个百分点。", [("5.6个百分点", ("period", "2021", None))]),
        ("2022年起,重点打造了16条产业链。", [("16条", ("period", "2022", None))]),
        # a time stated in another clause of the sentence (after a ；) does not carry over
        (
            "产能占比较2021年提高了5.6个百分点;焦化行业关停4.3米焦炉。",
            [("5.6个百分点", ("period", "2021", None)), ("4.3米", None)],
        ),
        # the sentence's opening time governs it; 今年11月 is a month
        ("今年11月,俱乐部策划了3场活动。", [("3场", ("date", "2025-11", "2025-11"))]),
        (
            "3年来累计慰问20余人次。",
            [("3年", ("period", "2022", "2025")), ("20余人次", ("period", "2022", "2025"))],
        ),
        (
            "截至7月底,建成基站11.5万个,居中部六省首位。",
            [("11.5万个", ("as_of", None, "2025-07-31")), ("首位", ("as_of", None, "2025-07-31"))],
        ),
    ],
)
def test_the_time_each_quantity_is_read_with(
    text: str, expected: list[tuple[str, tuple[str, str | None, str | None] | None]]
) -> None:
    found = find_quantities(text, base=BASE)
    assert [
        (f.exact, f.time and (f.time.kind, f.time.first, f.time.last)) for f in found
    ] == expected


def test_a_count_per_ten_thousand_people() -> None:
    (base_stations, per) = find_quantities("累计建成5G基站11.5万个,每万人拥有33个。")
    assert (base_stations.rate, per.exact, per.rate) == (None, "33个", "per_10000_people")


def test_ranks_listed_after_the_first_and_counts_of_kinds() -> None:
    found = find_quantities("三家单位分获知识竞赛的第一、二、三名,介绍了两大服务。")
    assert [(f.exact, f.kind, f.quantity.value, f.quantity.unit) for f in found] == [
        ("三家", "quantity", 3.0, "count"),
        ("第一", "rank", 1.0, "ordinal"),
        ("二", "rank", 2.0, "ordinal"),
        ("三", "rank", 3.0, "ordinal"),
        ("两", "quantity", 2.0, "count"),
    ]
    assert found[-1].counted == "大服务"
    assert find_quantities("这是一个大项目。") == []  # 一 with a classifier is an article


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("与婴童座椅产品相关的所有零部件", "phrase"),
        ("位于昆山陆家镇", "phrase"),
        ("四处传来游客们的欢声笑语", "phrase"),
        ("亿万人民的智慧和力量", "phrase"),
        ("五年一个规划,五年一个台阶", "phrase"),
        ("7年前,美国政府突然加征关税", "date"),
        ("上世纪80年代起", "date"),
        ("以上一年支出为基数", "date"),
        ("这两天,也有一些车主吐槽", "date"),
        ("近3年,昆山累计实际使用外资", "date"),
        ("座椅可360度旋转", "unit"),
        ("用时可以缩短到20分钟左右", "unit"),
        ("8K画质芯片", "name"),
    ],
)
def test_numerals_that_count_nothing(text: str, reason: str) -> None:
    found, skipped = find_quantities(text, explain=True)
    assert found == []
    assert reason in {s.reason for s in skipped}


@pytest.mark.parametrize(
    ("text", "value", "unit", "counted"),
    [
        ("建成180吉瓦时储能", 180_000_000.0, "kWh", None),
        ("全国每3度电就有1度是绿电", 3.0, "kWh", None),
        ("他家的梨园产了12万斤鲜果", 60_000.0, "kg", None),
        ("过去一年,31万中国家庭选择了百英寸电视", 310_000.0, "count", "中国家庭"),
    ],
)
def test_units_read_in_base_units(text: str, value: float, unit: str, counted: str | None) -> None:
    first = find_quantities(text)[0]
    assert (first.quantity.value, first.quantity.unit, first.counted) == (value, unit, counted)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("均占全国约1/4", [("约1/4", 0.25, "approximately", "share")]),
        ("三分之二的企业实现增长", [("三分之二", 2 / 3, "exact", "quantity")]),
        (
            "学费仅为国外同行的1/10到1/20",
            [("1/10", 0.1, "exact", "quantity"), ("1/20", 0.05, "exact", "quantity")],
        ),
        ("2025/11/14发布", []),  # a date's slashes divide nothing
    ],
)
def test_fractions(text: str, found: list[tuple[str, float, str, str]]) -> None:
    got = find_quantities(text)
    assert [(f.exact, f.quantity.value, f.quantity.qualifier, f.kind) for f in got] == found
    assert all(f.quantity.unit == "dimensionless" for f in got)


def test_what_a_review_of_the_draft_found() -> None:
    """Each case a reviewer of the draft tool reproduced, read right."""

    def times(text: str) -> list[tuple[str, object]]:
        return [
            (f.exact, f.time and (f.time.kind, f.time.first, f.time.last))
            for f in find_quantities(text, base="2025-05-20")
        ]

    # a time of the next sentence is not the paragraph's opening time
    assert times("全市共有企业856家。4月1日，新增企业12家。") == [
        ("856家", None),
        ("12家", ("date", "2025-04-01", "2025-04-01")),
    ]
    # a baseline is not the period where the clause states its own; no period runs backwards
    assert times("2024年全市企业营收较2021年增长15%。") == [("15%", ("period", "2024", "2024"))]
    # the day a dateline was filed dates no figure
    assert times("本报北京5月19日电  全市有企业33家。") == [("33家", None)]
    # a congress, 一大批 and 一大早 count nothing; 十分之一 and 千万元 are numbers
    assert [f.exact for f in find_quantities("党的二十大以来，一大批企业一大早落户。")] == []
    assert [f.exact for f in find_quantities("十分之一的家庭，投资千万元。")] == [
        "十分之一",
        "千万元",
    ]
    # a count per ten thousand people with its noun before the number
    (rate,) = find_quantities("每万人拥有5G基站33个。")
    assert rate.rate == "per_10000_people"

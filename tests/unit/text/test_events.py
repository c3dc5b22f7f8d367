"""find_events: dated happenings, worked by hand against a page of 2025-11-15."""

from __future__ import annotations

import pytest

from newsfacts.text.events import find_events

BASE = "2025-11-15"


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "date", "precision", "place"),
    [
        (
            "11月12日,太原市河湖长制主题知识竞赛在市水务局举办。",
            "太原市河湖长制主题知识竞赛",
            "举办",
            "2025-11-12",
            "day",
            "市水务局",
        ),
        (
            "原创音乐剧《开心农场》,11月13日晚在山西省话剧院院场上演。",
            "原创音乐剧《开心农场》",
            "上演",
            "2025-11-13",
            "day",
            "山西省话剧院院场",
        ),
        ("去年,我省成功获批设立专板。", "我省成功", "获批设立专板", "2024", "year", None),
        (
            "西山示范区是2019年4月组建运行的开发区。",
            "西山示范区",
            "组建运行的开发区",
            "2019-04",
            "month",
            None,
        ),
        (
            "诵读活动自10月份启动后,全市学校积极响应。",
            "诵读活动",
            "启动后",
            "2025-10",
            "month",
            None,
        ),
        ("本报讯 近日,全市举办了一场招聘会。", "全市", "举办了一场招聘会", "2025", "year", None),
        (
            "近日,在中国消防救援学院主办的全国大赛上,支队获得佳绩。",
            "中国消防救援学院",
            "主办的全国大赛上",
            "2025",
            "year",
            None,
        ),
        (
            "今年年初以来,营业部已累计开展老年主题活动40余场。",
            "营业部已累计",
            "开展老年主题活动40余场",
            "2025",
            "year",
            None,
        ),
        (
            "今年11月,俱乐部为老年客户策划了3场特色活动。",
            "俱乐部为老年客户",
            "策划了3场特色活动",
            "2025-11",
            "month",
            None,
        ),
        (
            "“服务真贴心。”11月13日,在营业部,老客户薛女士对这里的适老服务赞不绝口。",
            "老客户薛女士对这里的适老服务赞不绝口",
            "记述",
            "2025-11-13",
            "day",
            "营业部",
        ),
        (
            "去年12月17日,国家移民管理局全面放宽优化过境免签政策。",
            "国家移民管理局全面",
            "放宽优化过境免签政策",
            "2024-12-17",
            "day",
            None,
        ),
        ("苏州工业园区设立于1994年。", "苏州工业园区", "设立于", "1994", "year", None),
        (
            "4月25日召开的中共中央政治局会议强调,要稳就业。",
            "中共中央政治局会议强调",
            "召开的中共中央政治局会议强调",
            "2025-04-25",
            "day",
            None,
        ),
    ],
)
def test_a_happening_with_its_date_and_place(
    text: str, subject: str, predicate: str, date: str, precision: str, place: str | None
) -> None:
    (event,) = find_events(text, BASE)
    assert (event.subject, event.predicate, event.date, event.precision, event.place) == (
        subject,
        predicate,
        date,
        precision,
        place,
    )
    assert text[event.start : event.end] == event.exact


def test_no_happening_without_a_time_or_a_verb() -> None:
    assert find_events("全市举办了一场招聘会。", BASE) == []  # no time
    assert find_events("11月12日,天气晴朗。", BASE) == []  # no event verb
    assert find_events("截至10月底,累计举办活动30场。", BASE) == []  # an as-of date dates a count
    # a day that opens a sentence of how the news was learnt dates no happening
    assert find_events("11月14日,记者从尖草坪区了解到,该区持续推进综治中心建设。", BASE) == []
    # what did not happen, a process over years, the date a dateline was filed
    assert find_events("去年,该药因为没有满足条件,没能开展集采。", BASE) == []
    assert find_events("近年来,相关部门持续开展专项行动。", BASE) == []
    assert find_events("本报南宁5月19日电  广西实施改革。", BASE) == []
    # a period across years dates no one happening
    assert find_events("2021年至2024年,全省累计举办展会30场。", BASE) == []


def test_a_year_inside_a_name_is_no_second_happening() -> None:
    events = find_events("5月18日，2025年中国国际服务贸易交易会在北京开幕。", BASE)
    assert [(e.date, e.precision) for e in events] == [("2025-05-18", "day")]
    (scene,) = find_events("近日，在市图书馆，一场别开生面的读书分享活动吸引了众多市民。", BASE)
    assert scene.vague

"""Value checks of one fact: its value text reads as its value and qualifier, its value text
lies in its evidence, and a derived fact's formula over its inputs gives its value.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from newsfacts.models import Fact
from newsfacts.text.quantity import read_quantity
from newsfacts.validation.formulas import FormulaError, evaluate
from newsfacts.validation.identity import Index, check_ref
from newsfacts.validation.report import Report
from newsfacts.validation.rows import Row
from newsfacts.validation.texts import check_span

__all__ = ["PLAIN", "SCALES", "Reading", "cached_reading", "check_fact"]

PLAIN = re.compile(
    r"(?P<number>[0-9]{1,12}(?:\.[0-9]{1,6})?)(?P<scale>万亿|亿|万)?"
    r"(?:%|个百分点|元|家|个|户|支|场|人次|人|平方公里|件|所|名|条|项|次)"
)
SCALES = {None: 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


@dataclass(frozen=True)
class Reading:
    value: float | None
    qualifier: str


@functools.lru_cache(maxsize=1 << 16)
def cached_reading(text: str) -> Reading | None:
    """What a value_text reads as: value and qualifier (the plain forms directly)."""
    plain = PLAIN.fullmatch(text)
    if plain:
        scale = SCALES[plain.group("scale")]
        return Reading(float(Decimal(plain.group("number")) * scale), "exact")
    reading = read_quantity(text)
    return None if reading is None else Reading(reading.value, reading.qualifier)


def check_fact(report: Report, row: Row, fact: Fact, index: Index) -> None:
    check_ref(report, row, "$.article_id", fact.article_id, index)
    check_ref(report, row, "$.subject_entity", fact.subject_entity, index)
    check_ref(report, row, "$.object_entity", fact.object_entity, index)
    for i, target in enumerate(fact.inputs):
        check_ref(report, row, f"$.inputs[{i}]", target, index)
    article = index.articles.get(fact.article_id)
    if article is not None:
        check_span(report, row, "$.evidence", fact.evidence, article.text)
    where = row.at()
    if fact.value_text is not None:
        if fact.value_text not in fact.evidence.exact:
            report.add(
                "value-mismatch",
                f"$.value_text {fact.value_text!r} does not occur in the evidence",
                **where,
                field="$.value_text",
            )
        elif fact.value is not None:
            reading = cached_reading(fact.value_text)
            read = None if reading is None else reading.value
            if read is None or not math.isclose(read, fact.value, rel_tol=1e-9):
                report.add(
                    "value-mismatch",
                    f"$.value is {fact.value:g} but $.value_text {fact.value_text!r} "
                    + ("states no number" if read is None else f"reads as {read:g}"),
                    **where,
                    field="$.value",
                )
            elif reading is not None and reading.qualifier != fact.qualifier:
                report.add(
                    "value-mismatch",
                    f"$.qualifier is {fact.qualifier} but $.value_text {fact.value_text!r} "
                    f"reads as {reading.qualifier}",
                    **where,
                    field="$.qualifier",
                )
    if fact.formula is not None and fact.value is not None:
        inputs = [index.facts.get(ref) for ref in fact.inputs]
        values = [f.value for f in inputs if f is not None and f.value is not None]
        if len(values) == len(inputs):
            try:
                result = evaluate(fact.formula, values)
            except FormulaError as exc:
                report.add("value-error", f"$.formula: {exc}", **where, field="$.formula")
            else:
                if not math.isclose(result, fact.value, rel_tol=1e-9):
                    report.add(
                        "value-mismatch",
                        f"$.value is {fact.value:g} but {fact.formula} over the inputs "
                        f"gives {result:g}",
                        **where,
                        field="$.value",
                    )

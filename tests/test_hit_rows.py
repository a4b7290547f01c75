"""A hit read back from a cached or saved row is the hit that was written."""

from __future__ import annotations

import pytest

from leaderscan.model import Hit


def hit(**changes: object) -> Hit:
    fields: dict[str, object] = dict(
        organisation="Talis",
        document="Talis/lijn/vacature.pdf",
        kind="vacancy",
        cell="lijn",
        page=2,
        section="Wie ben jij?",
        orientation="Verkenner",
        competence_id="netwerken",
        competence="Netwerken",
        match="netwerk",
        context="Je bouwt een netwerk op in de wijk.",
        scored=True,
    )
    fields.update(changes)
    return Hit(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("h", [hit(), hit(ocr=87.5, reason="", pattern="netwerk"), hit(cell=None)])
def test_a_row_gives_the_same_hit_as_the_constructor(h: Hit) -> None:
    row = h.as_row()
    back = Hit.from_row(row)
    assert back == Hit(**row) == h
    assert hash(back) == hash(h)
    assert back.tokens == ()  # rows hold no token positions


def test_a_row_with_a_missing_or_unknown_field_is_refused_as_by_the_constructor() -> None:
    row = hit().as_row()
    with pytest.raises(TypeError, match="competence_id"):
        Hit.from_row({k: v for k, v in row.items() if k != "competence_id"})
    with pytest.raises(TypeError, match="colour"):
        Hit.from_row({**row, "colour": "red"})


def test_a_hit_from_a_row_stays_frozen() -> None:
    with pytest.raises(AttributeError):
        Hit.from_row(hit().as_row()).page = 3  # type: ignore[misc]

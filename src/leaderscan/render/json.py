"""JSON (and the long CSV rows) of a comparison and of an evaluation, as the commands
print them with --format json."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..compare import LONG_COLUMNS, Comparison, KindsCompared
from ..evaluate import Evaluation, Review
from ..saved import Measurement


def comparison_data(
    result: list[Comparison], b: Measurement, n: Measurement, kinds: KindsCompared
) -> dict[str, Any]:
    """The comparisons as JSON data (``compare --format json``)."""
    return {
        "base": {"created": b.created, "corpus": b.data.get("corpus"), "pipeline": b.pipeline},
        "new": {"created": n.created, "corpus": n.data.get("corpus"), "pipeline": n.pipeline},
        "kinds": kinds.to_dict(),
        "comparisons": [c.to_dict() for c in result],
    }


def comparison_rows(result: list[Comparison]) -> tuple[list[str], list[list[Any]]]:
    """The comparisons in long form, one row per table x column x orientation (CSV)."""
    header = ["table", *LONG_COLUMNS]
    rows = [dict(r, table=c.which) for c in result for r in c.long_rows()]
    return header, [[r[k] for k in header] for r in rows]


def review_data(review: Review) -> dict[str, Any]:
    """A filled-in review sheet's precision as JSON data (``evaluate --format json``)."""
    return {
        "overall": review.overall.to_dict(),
        "open": review.open,
        "per_competence": {k: v.to_dict() for k, v in review.per_competence.items()},
    }


def evaluation_data(results: list[Evaluation]) -> list[dict[str, Any]]:
    """The evaluations as JSON data (``evaluate --format json``)."""
    return [
        {
            "level": e.level,
            "overall": e.overall.to_dict(),
            "per_orientation": {k: v.to_dict() for k, v in e.per_orientation.items()},
            "disagreements": [asdict(d) for d in e.disagreements],
        }
        for e in results
    ]

from hypothesis import given
from hypothesis import strategies as st

from leaderscan.model import Hit
from leaderscan.tally import tally

ORIENTATIONS = [("Strateeg", "Strateeg"), ("Verkenner", "Verkenner")]


def hit(
    org: str, cell: str, orientation: str, cid: str, doc: str = "d", scored: bool = True
) -> Hit:
    return Hit(org, doc, "vacancy", cell, 1, None, orientation, cid, cid, cid, cid, scored)


def test_tally_counts_distinct_competences_and_vacancies_only() -> None:
    hits = [
        hit("Talis", "wijk", "Verkenner", "netwerken", "a"),
        hit("Talis", "wijk", "Verkenner", "netwerken", "b"),
        hit("Talis", "wijk", "Verkenner", "sociaal", "b"),
        hit("Talis", "wijk", "Strateeg", "visie", "b", scored=False),
        hit("Talis", "lijn", "Strateeg", "visie", "c"),
    ]
    docs = [
        ("Talis", "wijk", "vacancy"),
        ("Talis", "wijk", "vacancy"),
        ("Talis", "lijn", "training"),
        ("Talis", None, "vacancy"),
    ]
    t = tally(hits, docs, ORIENTATIONS, cell_order=["wijk", "lijn"])
    assert [(c.cell, c.organisation, c.documents) for c in t.columns] == [
        ("wijk", "Talis", 2),
        ("lijn", "Talis", 0),
    ]
    assert t.rows() == [("Strateeg", [0, 1]), ("Verkenner", [2, 0])]


hits_strategy = st.lists(
    st.builds(
        hit,
        st.sampled_from(["Talis", "Bindkracht10"]),
        st.sampled_from(["wijk", "lijn"]),
        st.sampled_from(["Strateeg", "Verkenner"]),
        st.sampled_from([f"c{i}" for i in range(6)]),
        st.sampled_from(["d1", "d2", "d3"]),
    ),
    max_size=60,
)


@given(hits_strategy, st.integers(min_value=1, max_value=4))
def test_tally_once_per_cell_whatever_the_repetition(hits: list[Hit], times: int) -> None:
    docs = [("Talis", "wijk", "vacancy")]
    once = tally(hits, docs, ORIENTATIONS)
    repeated = tally(hits * times, docs, ORIENTATIONS)
    assert once.rows() == repeated.rows()
    for c in once.columns:
        for o, _ in ORIENTATIONS:
            distinct = {
                h.competence_id
                for h in hits
                if (h.cell, h.organisation, h.orientation) == (c.cell, c.organisation, o)
            }
            assert once.count(c.cell, c.organisation, o) == len(distinct)

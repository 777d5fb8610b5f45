"""Stars, flags, score and grade (DESIGN.md: one point one star, six stars a flag)."""

from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.points import Points, parse_points
from village_tally.core.scheme import PRESETS
from village_tally.core.tally import grade_for, marks_for, score_for, tally_rows

MAJIA = PRESETS["jiakuang-majia"]
RONGCHENG = PRESETS["rongcheng"]
YANGQIAO = PRESETS["yangqiao"]


def p(text):
    return parse_points(text)


def test_thirteen_points_are_two_flags_and_one_star():
    m = marks_for(p("13"), MAJIA)
    assert (m.star_total, m.flags, m.stars) == (13, 2, 1)


def test_half_points_do_not_make_a_star():
    assert marks_for(p("5.5"), MAJIA).star_total == 5


def test_nothing_shows_at_or_below_zero():
    assert marks_for(p("0"), MAJIA).star_total == 0
    assert marks_for(p("-12"), MAJIA).star_total == 0


@given(st.integers(min_value=-10**7, max_value=10**7))
def test_marks_add_up(hundredths):
    m = marks_for(Points(hundredths), MAJIA)
    assert m.star_total == m.flags * MAJIA.stars_per_flag + m.stars
    assert 0 <= m.stars < MAJIA.stars_per_flag
    assert m.star_total == (max(hundredths, 0) // 100)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_more_points_never_fewer_stars(a, b):
    lo, hi = sorted((a, b))
    assert marks_for(Points(lo), MAJIA).star_total <= marks_for(Points(hi), MAJIA).star_total


def test_score_is_base_plus_total_clamped():
    assert score_for(p("30"), YANGQIAO) == p("100")
    assert score_for(p("-100"), YANGQIAO) == p("0")
    assert score_for(p("5"), YANGQIAO) == p("85")
    assert score_for(p("5"), MAJIA) is None


def test_rongcheng_grades_and_the_drunk_driving_cap():
    assert grade_for(score_for(p("50"), RONGCHENG), RONGCHENG) == "AAA"
    assert grade_for(score_for(p("30"), RONGCHENG), RONGCHENG) == "AA"
    assert grade_for(score_for(p("0"), RONGCHENG), RONGCHENG) == "A"
    assert grade_for(score_for(p("-150"), RONGCHENG), RONGCHENG) == "B"
    assert grade_for(score_for(p("-401"), RONGCHENG), RONGCHENG) == "D"
    assert grade_for(score_for(p("50"), RONGCHENG), RONGCHENG, ["C"]) == "C"
    assert grade_for(score_for(p("-401"), RONGCHENG), RONGCHENG, ["C"]) == "D"


def test_every_resident_has_a_row_even_without_deeds():
    refs = [(1, "马少军", "0001", "一片"), (2, "王芳", "0002", "二片")]
    rows = tally_rows(refs, {1: (300, -100, 1000, 200)}, MAJIA)
    assert [r.name for r in rows] == ["马少军", "王芳"]
    first = rows[0]
    assert (str(first.previous_total), str(first.month_points), first.flags, first.stars) == (
        "8", "2", 1, 4)
    assert rows[1].total_points == Points(0)
    assert first.as_json()["pending_points"] == "2"


@given(st.lists(st.tuples(st.integers(-10**6, 10**6), st.integers(0, 10**5),
                          st.integers(-10**5, 0), st.integers(0, 10**4)), max_size=6),
       st.sampled_from([MAJIA, RONGCHENG, YANGQIAO]))
def test_a_tally_row_says_its_points_as_the_sums_gave_them_and_reads_back_stored(sums, scheme):
    """Points kept as hundredths read as Points: previous + this month = total; a closed
    month's stored rows (JSON text, as close keeps them) read back as the same rows."""
    import json

    from village_tally.core.tally import row_from_stored, stored_rows, stored_totals

    refs = [(i + 1, f"名{i}", f"{i:04d}", "") for i in range(len(sums) + 1)]  # one without
    given_sums = {i + 1: (added, deducted, total, pending)
                  for i, (total, added, deducted, pending) in enumerate(sums)}
    rows = tally_rows(refs, given_sums, scheme)
    for row in rows:
        added, deducted, total, pending = given_sums.get(row.resident_id, (0, 0, 0, 0))
        assert (row.added, row.deducted, row.total_points, row.pending_points) == (
            Points(added), Points(deducted), Points(total), Points(pending))
        assert row.previous_total + row.month_points == row.total_points
        assert row.month_points == row.added + row.deducted
        assert (row.score is None) == (scheme.base is None)
    text = json.dumps(stored_rows(rows), ensure_ascii=False, sort_keys=True)
    assert [row_from_stored(r) for r in json.loads(text)] == rows
    assert stored_totals(text) == {r.resident_id: r.total_points.hundredths for r in rows}

"""Stars, flags, score and grade (DESIGN.md: one point one star, six stars a flag)."""

from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.points import Points, parse_points
from village_tally.core.scheme import PRESETS
from village_tally.core.tally import ResidentRef, Sums, grade_for, marks_for, score_for, tally_rows

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
    refs = [ResidentRef(1, "马少军", "0001", "一片"), ResidentRef(2, "王芳", "0002", "二片")]
    rows = tally_rows(refs, {1: Sums(p("3"), p("-1"), p("10"), p("2"))}, MAJIA)
    assert [r.name for r in rows] == ["马少军", "王芳"]
    first = rows[0]
    assert (str(first.previous_total), str(first.month_points), first.flags, first.stars) == (
        "8", "2", 1, 4)
    assert rows[1].total_points == Points(0)
    assert first.as_json()["pending_points"] == "2"

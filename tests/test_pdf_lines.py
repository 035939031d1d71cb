"""The measure the real-print test compares a printed page with the saved PDF's by: lines of ink
at the same places within a tolerance, whatever the glyphs' pixels (tests/support/pdf_geometry)."""

from __future__ import annotations

from tests.support.pdf_geometry import ink_lines, lines_misplaced

# a page of 300 pixel rows: a header line, twenty body lines of 6 rows every 11, a footer line
PAGE = [False] * 300
for top in (10, *range(40, 260, 11), 280):
    PAGE[top : top + 6] = [True] * 6


def moved(rows: list[bool], by: int) -> list[bool]:
    return [False] * by + rows[:-by] if by > 0 else rows[-by:] + [False] * -by


def test_lines_are_runs_of_inked_rows():
    assert ink_lines([False, True, True, False, True]) == [(1, 3), (4, 5)]
    assert len(ink_lines(PAGE)) == 22


def test_the_same_lines_drawn_a_little_differently_are_alike():
    assert lines_misplaced(PAGE, PAGE, 2) == 0.0
    redrawn = list(PAGE)
    for top in (40, 95, 150):  # glyphs one row taller or shorter on a few lines
        redrawn[top - 1] = True
        redrawn[top + 5] = False
    assert lines_misplaced(redrawn, PAGE, 2) == 0.0
    merged = list(PAGE)
    merged[112:117] = [True] * 5  # two lines touching: one line where the other page has two
    assert 0 < lines_misplaced(merged, PAGE, 2) < 0.2


def test_a_shifted_cut_or_blank_page_is_not_alike():
    assert lines_misplaced(moved(PAGE, 3), PAGE, 2) == 1.0
    assert lines_misplaced(moved(PAGE, -5), PAGE, 2) == 1.0
    cut = PAGE[:200] + [False] * 100
    assert lines_misplaced(cut, PAGE, 2) == 1.0
    assert lines_misplaced([False] * 300, PAGE, 2) == 1.0
    missing = list(PAGE)
    missing[40:160] = [False] * 120  # the first half of the body not printed
    assert lines_misplaced(missing, PAGE, 2) > 0.2

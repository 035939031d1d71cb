"""The presentation model's records: lines from spans, figures, and lines as HTML."""

from __future__ import annotations

from ivigdesk.dosing.plan_layout import Figure, Line, Section, Span, line, line_html, lines_html


def test_a_line_leaves_out_empty_parts_and_reads_in_order():
    made = line("Dose ", Span("28 g", "strong"), "", Span("", "small"), " a day")
    assert made.spans == (Span("Dose "), Span("28 g", "strong"), Span(" a day"))
    assert made.text == "Dose 28 g a day" and made.indent == 0


def test_a_figure_keeps_its_number_and_unit_apart():
    assert Figure("280", "mL").text == "280 mL"
    assert Figure("–").text == "–"


def test_a_line_as_html_is_escaped_tagged_and_indented():
    made = Line((Span("a < b", "strong"), Span(" & c"), Span(" (ref)", "small")), indent=1)
    assert line_html(made) == "&nbsp;&nbsp;<b>a &lt; b</b> &amp; c<small> (ref)</small>"


def test_a_run_of_small_lines_shares_one_tag():
    rows = [line(Span("one", "small")), line(Span("two", "small")), line("three"), line(Span("four", "em"))]
    assert lines_html(rows) == "<small>one<br>two</small><br>three<br><i>four</i>"


def test_a_section_keeps_its_lines_and_kind():
    section = Section("warnings", "Warnings", (line("⚠ check"),), "warning", titled=True)
    assert [row.text for row in section.lines] == ["⚠ check"] and section.kind == "warning"

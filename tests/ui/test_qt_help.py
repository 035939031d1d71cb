"""The help (F1) and About: drawn from the data in force."""

from __future__ import annotations


def test_about_names_versions_source_and_disclaimer(window):
    from ivigdesk.ui.qt_help import about_text

    text = about_text(window.kb)
    assert "Knowledge base 2026.11.2" in text
    assert "10.1093/rheumatology/keu429" in text
    assert "does not replace" in text


def test_without_a_knowledge_base_the_help_and_about_say_so():
    from ivigdesk.ui.qt_help import SHORTCUTS, about_text, help_html

    assert about_text(None).endswith("<p>The knowledge base is not loaded.</p>")
    text = help_html(None, "actual")
    assert "The knowledge base is not loaded, so nothing is calculated." in text and "Colours" not in text
    assert all(key in text for key, _ in SHORTCUTS)


def test_the_help_names_the_weight_rule_in_force(kb):
    from ivigdesk.dosing.body_weight import WEIGHT_RULES
    from ivigdesk.ui.qt_help import help_html

    for rule_id, rule in WEIGHT_RULES.items():
        text = help_html(kb, rule_id)
        assert f"<b>{rule.name}</b> <b>(in force)</b>" in text and text.count("(in force)") == 1
        assert "<a name='grades'></a>" in text  # where the result's "grades" link lands


def test_f1_opens_the_help_at_the_grades(window, qtbot):
    window.show_help("grades")
    dialog = window.help_dialog
    assert dialog is not None and dialog.objectName() == "helpDialog" and dialog.isVisible()
    assert dialog.browser.objectName() == "helpText" and "Grades and evidence levels" in dialog.browser.toPlainText()
    dialog.close()

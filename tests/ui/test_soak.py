"""Soak: thousands of edits across every input in one process, as a long shift at the bench.

Guards against the next Qt for Python release that mishandles references (PySide6 6.12.0 on
Python 3.11 lost one reference to ``None`` per Qt call and aborted after a few hundred
keystrokes) and against memory that grows with use.

References to None: PySide6 6.11 keeps one or more references to ``None`` for every item model
(a combo box's list) destroyed after it held rows; building new answer boxes for every diagnosis
made None's count rise by about one an edit (+6,600 over the 6,000 measured edits). The window now
keeps each question's box (``qt_inputs_diagnosis._question_widgets``), and the count stays flat: at most
``NONE_GROWTH`` after the warm-up (measured here: +16, from caches that fill once). The test runs
without pytest-qt's Qt-message capture: its Python message handler reads ``context.file`` and
``context.function``, and PySide6 6.11 returns None for each null one with a reference too many
(+2 a message, about +1,500 over this soak; IVIG Desk installs no message handler, so only the
test harness is affected). That is PySide6's, and cannot be fixed here.

Memory bound: the resident size is read after a warm-up (fonts, glyphs, styles and pint's parser
caches fill during the first edits), then at the middle and at the end of the measured edits, each
time after emptying Qt's pixmap cache (a cache of up to 10 MB that Qt fills on purpose, not a leak)
and handing freed memory back to the system. A leak grows in proportion to the edits, so the second
half may add at most ``LATE_GROWTH_KB``: 0.1 KB an edit, a third of the 0.3 KB an edit the window
grew by before, and the 2 MB per 20,000 edits that the start-up issue allows. Measured here:
+0.2 to +0.3 MB per 2,500 edits early on, falling to under +0.1 MB.
"""

from __future__ import annotations

import contextlib
import gc
import random
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDateEdit, QLineEdit, QSpinBox

from tests.ui.conftest import open_window

EDITS = 6_000
WARM_UP = 2_000
CHECK_EVERY = 50
LATE_GROWTH_KB = EDITS // 2 * 0.1
NONE_GROWTH = EDITS // 50  # references None may gain after the warm-up (caches); it was one an edit
# each reading is the least resident memory sampled over the edits before it: what the plan on
# screen happens to hold at one instant (a few hundred KB for a plan with many warnings) is not
# growth, while a leak raises every sample
SAMPLES_BEFORE_READING = 10
TEXTS = {
    "weight": ["70", "70", "110", "18", "45.5", "82", "6", "abc", "", "-4", "70,5", "400"],
    "height": ["", "", "165", "180", "152", "95", "abc"],
    "prePregnancyWeight": ["", "65", "700", "x"],
    "initialRate": ["", "0.5", "0.01 mL/kg/min", "abc"],
    "maximumRate": ["", "6", "4.8 mL/kg/h", "25"],
    "gestation": ["", "16+3", "30", "50", "x"],
    "diagnosisSearch": ["", "lupus", "gbs", "kawa", "zz", "myositis"],
    "age": ["", "4", "54", "17", "80", "abc"],
}
FALLBACK = ["", "1", "10 %", "5 %", "abc", "12"]


def resident_kb() -> float | None:
    """The process's resident memory in KB once caches are emptied and freed memory returned
    (Linux with glibc), else None."""
    statm = Path("/proc/self/statm")
    if not statm.exists():
        return None
    import ctypes
    import gc
    import os

    from PySide6.QtGui import QPixmapCache

    QPixmapCache.clear()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024


def edit_something(window, rng: random.Random) -> None:
    """One user edit: a diagnosis, or any visible, enabled input changed to a plausible or bad value."""
    if rng.random() < 0.1:  # the user corrects what they got wrong, as a user does
        for name, text in (
            ("weight", "70"),
            ("height", ""),
            ("age", ""),
            ("prePregnancyWeight", ""),
            ("gestation", ""),
        ):
            window.inputs.findChild(QLineEdit, name).setText(text)
        return
    if rng.random() < 0.15:
        if not window.picker.visible_ids():
            window.picker.search.clear()
        window.picker.select(rng.choice(window.picker.visible_ids()))
        return
    widgets = [
        w
        for kind in (QLineEdit, QComboBox, QCheckBox, QSpinBox, QDateEdit)
        for w in window.findChildren(kind)
        if w.isVisible() and w.isEnabled() and w.objectName() and w.objectName() != "diagnosisList"
    ]
    widget = rng.choice(widgets)
    if isinstance(widget, QComboBox):
        if widget.isEditable() and rng.random() < 0.5:
            widget.setCurrentText(rng.choice(FALLBACK))
        elif widget.count():
            widget.setCurrentIndex(rng.randrange(widget.count()))
    elif isinstance(widget, QCheckBox):
        widget.toggle()
    elif isinstance(widget, QSpinBox):
        widget.setValue(rng.randint(widget.minimum(), widget.maximum()))
    elif isinstance(widget, QDateEdit):
        widget.setDate(QDate.currentDate().addDays(rng.randint(-30, 60)))
    elif isinstance(widget, QLineEdit):
        name = widget.objectName()
        texts = ["", "Ann Example", "123 456 7890"] if name.startswith("identity-") else TEXTS.get(name, FALLBACK)
        widget.setText(rng.choice(texts))


@pytest.mark.slow
@pytest.mark.no_qt_log  # pytest-qt's message handler itself leaks: see the module docstring
def test_thousands_of_edits_lose_no_reference_and_leak_no_memory(qtbot):
    window = open_window(qtbot)
    rng = random.Random(20261126)
    nones, readings, plans, none_counts = sys.getrefcount(None), {}, 0, {}
    for n in range(1, WARM_UP + EDITS + 1):
        edit_something(window, rng)
        QApplication.processEvents()
        # as the event loop does between user events (processEvents leaves deleteLater() to it)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        plans += n > WARM_UP and window.plan is not None
        if n % CHECK_EVERY == 0:  # fail long before a lost reference could free None and abort
            assert sys.getrefcount(None) >= nones, f"None lost {nones - sys.getrefcount(None)} references by edit {n}"
        checkpoint = next((c for c in (WARM_UP, WARM_UP + EDITS // 2, WARM_UP + EDITS) if c >= n), None)
        if (
            checkpoint is not None
            and (checkpoint - n) % CHECK_EVERY == 0
            and (checkpoint - n < SAMPLES_BEFORE_READING * CHECK_EVERY)
        ):
            sample = resident_kb()
            known = readings.get(checkpoint)
            readings[checkpoint] = sample if known is None or sample is None else min(known, sample)
        if n in (WARM_UP, WARM_UP + EDITS // 2, WARM_UP + EDITS):
            gc.collect()
            none_counts[n] = sys.getrefcount(None)
    assert plans > EDITS // 10, f"only {plans} of {EDITS} edits gave a plan: the soak is not exercising the plan"
    first, _, last = none_counts.values()
    assert last - first <= NONE_GROWTH, f"None gained {last - first} references over {EDITS} edits"
    _, middle, end = readings.values()
    if middle is not None and end is not None:
        assert end - middle <= LATE_GROWTH_KB, f"memory grew {end - middle:.0f} KB over the last {EDITS // 2} edits"

"""The first frame the user can type into is not kept waiting by modules only a plan needs.

The program is launched for real (a subprocess, as a user starts it) and lists ``sys.modules`` at
its ready frame. pint, PyYAML, the calculation and the worksheet come just after that frame, in
their own turns of the event loop; this test fails the day one of them moves back to module level
somewhere on the start-up path (which only a manual benchmark would otherwise notice).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

# Module name prefixes that must not be imported before the ready frame, and why.
NOT_BEFORE_READY = {
    "pint": "the unit registry is built after the first frame",
    "yaml": "the bundled data are read from their compiled form",
    "difflib": "only a 'did you mean' or a typo-tolerant search needs it",
    "ivigdesk.units": "pint's registry",
    "ivigdesk.knowledge.yaml_parse": "YAML parsing (bundled data are compiled)",
    "ivigdesk.knowledge.strict_yaml": "YAML parsing (bundled data are compiled)",
    "ivigdesk.dosing.calculate": "the calculation warms up after the first frame",
    "ivigdesk.dosing.schedule": "part of the calculation",
    "ivigdesk.dosing.context": "part of the calculation",
    "ivigdesk.dosing.course_dose": "part of the calculation",
    "ivigdesk.dosing.day_limits": "part of the calculation",
    "ivigdesk.dosing.working": "part of the calculation",
    "ivigdesk.dosing.raw_inputs": "the request builder: the form is read once a diagnosis is chosen",
    "ivigdesk.dosing.presentation": "the plan's presentation model",
    "ivigdesk.dosing.plan_sections": "part of the presentation model",
    "ivigdesk.dosing.day_table": "part of the presentation model",
    "ivigdesk.dosing.key_result": "part of the presentation model",
    "ivigdesk.dosing.worksheet": "the worksheet is built only when saved or printed",
    "ivigdesk.ui.qt_worksheet": "the worksheet is drawn only when saved or printed",
}

PROBE = textwrap.dedent(
    """
    import sys
    from ivigdesk import app
    from ivigdesk.ui import qt_main_window
    from PySide6 import QtCore

    built = qt_main_window.MainWindow.__init__

    def listing(self, *args, **kwargs):
        built(self, *args, **kwargs)
        self.ready_painted.connect(
            lambda: print("MODULES-AT-READY " + " ".join(sorted(sys.modules)), flush=True)
        )
        # PySide6 builds the whole Qt namespace's enumerations (~12 ms) at the first QtCore.Qt
        self.ready_painted.connect(lambda: print(f"QT-NAMESPACE-AT-READY {'Qt' in vars(QtCore)}", flush=True))

    qt_main_window.MainWindow.__init__ = listing
    sys.argv = ["ivigdesk", "--exit-when-ready"]
    sys.exit(app.main())
    """
)


def at_ready() -> tuple[set[str], bool]:
    """The names in ``sys.modules`` when the ready frame is painted, from a real launch, and
    whether ``QtCore.Qt`` had been touched by then."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("MODULES-AT-READY ")]
    assert done.returncode == 0 and lines, f"no ready frame (exit {done.returncode}): {done.stderr[-2000:]}"
    touched = [line for line in done.stdout.splitlines() if line.startswith("QT-NAMESPACE-AT-READY ")]
    return set(lines[0].split()[1:]), touched == ["QT-NAMESPACE-AT-READY True"]


def test_nothing_heavy_is_imported_before_the_ready_frame() -> None:
    loaded, _ = at_ready()
    assert "ivigdesk.ui.qt_main_window" in loaded  # the probe saw the real window
    early = {
        name: why
        for prefix, why in NOT_BEFORE_READY.items()
        for name in loaded
        if name == prefix or name.startswith(prefix + ".")
    }
    assert not early, f"imported before the ready frame: {early}"


def test_the_qt_namespace_is_not_built_before_the_ready_frame() -> None:
    # "from PySide6.QtCore import Qt" at module level, or Qt.Something in code run before the first
    # frame, builds every Qt enumeration at once: 12 ms of a 0.2 s start (measured, 2026-12-04)
    _, touched = at_ready()
    assert not touched, "QtCore.Qt was touched before the ready frame: use it only after (see ui.qt_results)"

"""Save a test plan's worksheet (``dm5``, ``kawasaki``, ``gbs``) with the test identity, in a
fresh process (so that screen-scale variables take effect)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from ivigdesk.ui.qt_worksheet import WorksheetExtras, write_pdf
    from tests.support import worksheet_plans as plans

    app = QApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    kb, plan = plans.plan(sys.argv[1])
    write_pdf(plan, Path(sys.argv[2]), WorksheetExtras(plans.IDENTITY, kb.meta.disclaimer, "A4"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

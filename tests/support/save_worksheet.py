"""Save a GBS worksheet to the path given, ``--times N`` over, printing ``ready`` first and then
``saved`` or the refusal (run as a child process by the save tests)."""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--times", type=int, default=1)
    parser.add_argument("--preview", action="store_true", help="also open the print preview")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from ivigdesk.dosing.calculate import calculate
    from ivigdesk.dosing.inputs import parse_concentration, parse_weight
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import load_knowledge_base
    from ivigdesk.safe_files import FileProblem
    from ivigdesk.ui.qt_worksheet import WorksheetExtras, write_pdf

    app = QApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    kb = load_knowledge_base()
    plan = calculate(kb, DoseRequest("gbs", None, parse_weight("70"), parse_concentration("10%")))
    print("ready", flush=True)
    try:
        for _ in range(args.times):
            write_pdf(plan, args.path, WorksheetExtras(disclaimer=kb.meta.disclaimer))
    except FileProblem as problem:
        print(f"refused: {problem}", flush=True)
        return 2
    print("saved", flush=True)
    if args.preview:
        from PySide6.QtWidgets import QWidget

        from ivigdesk.ui.qt_worksheet import PreviewDialog

        parent = QWidget()
        preview = PreviewDialog(parent, plan, WorksheetExtras(disclaimer=kb.meta.disclaimer))
        preview.show()
        QApplication.processEvents()
        print(f"previewed {len(preview.images)} pages", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

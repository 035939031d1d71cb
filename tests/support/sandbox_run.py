"""Run the window and the CLI through a working session under a Python audit hook, and print
every file opened for writing, every file moved or deleted and every network call, as JSON.

Run by test_no_network_no_stray_writes.py in a fresh interpreter (audit hooks cannot be removed).
"""

from __future__ import annotations

import json
import os
import sys

EVENTS: list[list[str]] = []
IDENTITY = {  # made-up identifiers no other file could hold by chance
    "name": "Zebulon Quixote-Marchbanks",
    "hospital_number": "NHS 943 476 5919",
    "date_of_birth": "17/04/1961",
    "ward": "Xanadu Ward 7",
    "consultant": "Dr Ottoline Vexworth",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def hook(event: str, args: tuple) -> None:
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(m in mode for m in "wax+")) or (
            isinstance(flags, int) and flags & WRITE_FLAGS
        )
        if writing and path is not None and not isinstance(path, int):
            EVENTS.append(["write", os.fsdecode(path)])
    elif event in ("os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "os.truncate"):
        EVENTS.append([event, os.fsdecode(args[0])])
    elif event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.")):
        EVENTS.append([event, repr(args)[:200]])


sys.addaudithook(hook)


def main() -> None:
    out = sys.argv[1]
    from PySide6.QtWidgets import QApplication

    from ivigdesk.app import make_app, setup_logging
    from ivigdesk.cli import run
    from ivigdesk.ui.qt_main_window import MainWindow

    app = make_app([sys.argv[0]])
    window = MainWindow()
    settled: list[bool] = []
    window.settled.connect(lambda: settled.append(True))  # the knowledge base loaded, the menus filled
    window.show()
    while not settled:
        QApplication.processEvents()
    setup_logging()
    window.picker.select("gbs")
    window.inputs.patient.weight.setText("70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    for key, text in IDENTITY.items():  # who the worksheet is for: only the saved PDF may hold these
        window.inputs.identity_part.lines[key].setText(text)
    QApplication.processEvents()
    assert window.plan is not None, window.results.placeholder.text()
    from PySide6.QtGui import QAction

    (nearest,) = [a for a in window.findChildren(QAction) if a.text().startswith("Nearest 5 g")]
    nearest.trigger()  # a setting is saved
    assert window.policy().rounding == "nearest-5g"
    window.save_worksheet(os.path.join(out, "worksheet.pdf"))
    window.close()
    app.processEvents()
    code = run(["--indication", "gbs", "--weight", "70 kg", "--concentration", "10%", "--json"])
    assert code == 0
    sys.stdout.flush()
    print("EVENTS " + json.dumps(EVENTS))
    print("QTNETWORK " + str("PySide6.QtNetwork" in sys.modules))


if __name__ == "__main__":
    main()

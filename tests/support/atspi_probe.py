"""Drive IVIG Desk from the keyboard (xdotool) and read its accessibility tree over AT-SPI.

Runs with Debian's /usr/bin/python3 (python3-pyatspi is a system package), inside a private
D-Bus session under Xvfb: ``dbus-run-session -- xvfb-run -a python3 atspi_probe.py APP...``.
It starts the app, plays the scenario named by ``--scenario``, and prints one JSON document of
what a screen reader would find (to ``--out``): every object (role, name, description, states, place,
relations) in tree order, the focused object after each step, and (with ``--orca``) what Orca
spoke. The tests (tests/ui/test_qt_atspi.py) make the assertions; this script only reports.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import pyatspi  # Debian's python3-pyatspi


def xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True)


def key(*names: str) -> None:
    for name in names:
        xdo("key", "--clearmodifiers", name)
        time.sleep(0.15)


def type_text(text: str) -> None:
    xdo("type", "--delay", "120", text)


def find_app(name: str, timeout: float) -> pyatspi.Accessible | None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            try:
                for frame in range(app.childCount if app else 0):
                    if app.getChildAtIndex(frame).name == name:
                        return app
            except Exception:  # an application that went away while being read
                continue
        time.sleep(0.3)
    return None


RELATIONS = {
    pyatspi.RELATION_LABEL_FOR: "label-for",
    pyatspi.RELATION_LABELLED_BY: "labelled-by",
    pyatspi.RELATION_DESCRIBED_BY: "described-by",
    pyatspi.RELATION_DESCRIPTION_FOR: "description-for",
    pyatspi.RELATION_CONTROLLER_FOR: "controller-for",
    pyatspi.RELATION_CONTROLLED_BY: "controlled-by",
}


def node_id(acc: pyatspi.Accessible) -> str:
    return acc.path if hasattr(acc, "path") else str(hash(acc))


def describe(acc: pyatspi.Accessible, depth: int) -> dict:
    states = acc.getState()
    try:
        x, y, w, h = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        x = y = w = h = 0
    relations: dict[str, list[str]] = {}
    for relation in acc.getRelationSet():
        kind = RELATIONS.get(relation.getRelationType())
        if kind:
            relations.setdefault(kind, []).extend(node_id(relation.getTarget(i)) for i in range(relation.getNTargets()))
    text = ""
    try:
        iface = acc.queryText()
        text = iface.getText(0, iface.characterCount)
    except NotImplementedError:
        pass
    return {
        "id": node_id(acc),
        "depth": depth,
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "text": text,
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "enabled": states.contains(pyatspi.STATE_ENABLED),
        "extents": [x, y, w, h],
        "relations": relations,
    }


def tree(app: pyatspi.Accessible) -> list[dict]:
    """Every object, depth first, in the tree's own order (none inside a hidden one)."""
    found: list[dict] = []

    def walk(acc: pyatspi.Accessible, depth: int) -> None:
        if acc is None:
            return
        info = describe(acc, depth)
        found.append(info)  # a hidden object is listed (a relation may name it), its children not
        if not info["showing"] and depth > 1:
            return
        for index in range(acc.childCount):
            walk(acc.getChildAtIndex(index), depth + 1)

    for index in range(app.childCount):
        walk(app.getChildAtIndex(index), 1)
    return found


def focused(app: pyatspi.Accessible) -> dict | None:
    """The focused object (a list's current item keeps its focused state after the list loses
    the focus, so the last focused object in tree order is the one)."""
    return next(
        (node for node in reversed(tree(app)) if node["focused"] and node["role"] != "list item"),
        next((node for node in tree(app) if node["focused"]), None),
    )


def wait_focus(app: pyatspi.Accessible, name: str, timeout: float = 15) -> dict | None:
    """Wait until the object named ``name`` has the focus (a loaded machine is slow to move it),
    so no keystroke meant for it goes elsewhere."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        node = focused(app)
        if node is not None and node["name"] == name:
            return node
        time.sleep(0.2)
    return focused(app)


def shortcut_to(app: pyatspi.Accessible, combo: str, name: str) -> dict | None:
    """Press ``combo`` until the object named ``name`` has the focus. On a loaded machine the Alt
    of an Alt letter sometimes reaches the menu bar first (File opens); Escape closes it, and
    the letter's field then has the focus."""
    for _ in range(3):
        time.sleep(1.0)
        key(combo)
        node = wait_focus(app, name, 5)
        if node is not None and node["name"] == name:
            return node
        key("Escape")
        node = wait_focus(app, name, 3)
        if node is not None and node["name"] == name:
            return node
    return focused(app)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", choices=("plan", "error"), default="plan")
    parser.add_argument("--orca-log", help="run Orca, its debug log written here")
    parser.add_argument("--out", required=True, help="where the JSON report goes")
    parser.add_argument("--pause", type=float, default=2.5, help="seconds to wait for the pause summary")
    parser.add_argument("app", nargs=argparse.REMAINDER, help="the command that starts IVIG Desk")
    args = parser.parse_args()
    if args.app[:1] == ["--"]:
        args.app = args.app[1:]

    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    orca = None
    if args.orca_log:
        orca = subprocess.Popen(
            ["orca", "--replace", "--debug-file", args.orca_log],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(6)  # Orca registers its listeners
    app_process = subprocess.Popen(args.app, env=env)
    report: dict = {"steps": {}}
    try:
        app = find_app("IVIG Desk", 60)
        if app is None:
            report["error"] = "IVIG Desk never appeared on the AT-SPI bus"
            return 1
        time.sleep(3)  # the knowledge base, the menus
        window = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "^IVIG Desk$"], capture_output=True, text=True, check=True
        ).stdout.split()[0]
        xdo("windowfocus", "--sync", window)
        time.sleep(0.5)
        report["steps"]["start"] = focused(app)
        key("ctrl+f")
        wait_focus(app, "Search diagnoses")
        type_text("gbs")
        time.sleep(0.5)
        key("Return")
        report["steps"]["picked"] = wait_focus(app, "Patient weight")
        if args.scenario == "error":
            type_text("abc")
            time.sleep(args.pause)
            report["steps"]["error"] = focused(app)
            report["tree"] = tree(app)
            key("BackSpace", "BackSpace", "BackSpace")
            type_text("70")
            time.sleep(args.pause)
            report["steps"]["mended"] = focused(app)
        else:
            type_text("70")
            report["steps"]["concentration"] = shortcut_to(app, "alt+i", "Product concentration")
            type_text("10 %")
            time.sleep(args.pause)
            report["steps"]["typed"] = focused(app)
            report["tree_before_result"] = tree(app)
            key("ctrl+r")
            time.sleep(1.5)
            report["steps"]["result"] = focused(app)
            report["tree"] = tree(app)
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        if orca is not None:
            time.sleep(0.5)
            orca.terminate()
            try:
                orca.wait(10)
            except subprocess.TimeoutExpired:
                orca.kill()
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(report, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Snapshot what ivigdesk-calc says for every indication, to compare before and after a change
that must not change behaviour (a restructuring, a dependency update).

    python tools/cli_snapshot.py /tmp/before      # on the old commit
    python tools/cli_snapshot.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after                # nothing: no answer changed

Each case is one file: the command line, the exit code, standard error and standard output, for
every circumstance at 3, 18, 70 and 120 kg and 154 lb with each product (and with a typed 10 %),
each question answered "no", each regimen, a few patients with every kind of input, hostile
inputs, and `list` and `products`; each with and without --json (about 3,100 cases, ~12 s).
The date is fixed, so a snapshot taken on another day compares equal.
"""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ivigdesk.cli import run
from ivigdesk.config.site import SiteChoice, load_choice

TODAY = date(2026, 12, 4)
WEIGHTS = ("3", "18", "70", "154 lb", "120")
HOSTILE = (
    ["--weight", "abc"], ["--weight", "500"], ["--weight", "70 g"], ["--days", "x"], ["--days", "9"],
    ["--height", "17"], ["--age", "-3"], ["--start-date", "2020-01-01"], ["--gestation", "50+9"],
    ["--concentration", "0%"], ["--product", "nope"], ["--initial-rate", "1 mL/kg/h"],
    ["--answer", "foo=maybe"], ["--pre-pregnancy-weight", "70"], [], ["--product", "intratect-50"],
    ["--product", "octagam-10", "--initial-rate", "1 mL/kg/h", "--maximum-rate", "2 mL/kg/h"],
    ["--risk", "renal"], ["--risk", "iga-deficiency", "--product", "privigen"],
)  # fmt: skip


def answer(argv: list[str]) -> str:
    """What ivigdesk-calc prints for ``argv``, run in this process."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline=""), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = run(argv, today=TODAY)
    finally:
        sys.stdout, sys.stderr = saved
    out.flush()
    assert isinstance(out.buffer, io.BytesIO)
    return f"exit {code}\n--stderr--\n{err.getvalue()}--stdout--\n{out.buffer.getvalue().decode()}"


def cases() -> Iterator[list[str]]:
    """Every command line the snapshot asks."""
    kb, catalogue = load_choice(SiteChoice())
    products = [["--product", p.id] for p in catalogue.products] + [["--concentration", "10%"]]
    for indication in kb.indications:
        for c in indication.circumstances:
            base = ["--indication", indication.id, "--circumstance", c.id]
            regimen = c.recommended_regimen
            days = ["--days", str(regimen.days.max)] if regimen and not regimen.days.fixed else []
            for kg in WEIGHTS:
                for product in products:
                    yield [*base, "--weight", kg, *days, *product]
            yield [*base, "--weight", "95", "--height", "160 cm", "--sex", "female", "--age", "70", *days,
                   "--product", "octagam-10", "--risk", "thrombosis", "--start-date", "2026-12-10"]  # fmt: skip
            yield [*base, "--weight", "60", "--height", "130", *days, "--concentration", "5%"]
            yield [*base, "--weight", "80", "--pregnant", "--pre-pregnancy-weight", "70", "--gestation", "20+1",
                   "--start-date", "2026-12-10", *days, "--product", "intratect-50",
                   "--initial-rate", "1.4 mL/kg/h", "--maximum-rate", "1.9 mL/kg/h"]  # fmt: skip
            yield [*base, "--weight", "70", *days, "--product", "privigen"]
            for question in c.questions:
                yield [*base, "--weight", "70", "--answer", f"{question.id}=no", *days, "--concentration", "10%"]
            for r in c.regimens:
                own_days = ["--days", str(r.days.max)] if not r.days.fixed else []
                yield [*base, "--weight", "70", "--regimen", r.id, "--concentration", "10%", *own_days]
    for hostile in HOSTILE:
        for indication_id in ("dm-pm", "kawasaki", "lupus-pregnancy"):
            yield ["--indication", indication_id, "--weight", "70", "--concentration", "10%", *hostile]
    yield from (["--indication", "kawasak", "--weight", "70"], ["list"], ["products"], [])


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for argv in cases():
        for argv_ in (argv, [*argv, "--json"]):
            name = hashlib.sha256("\0".join(argv_).encode()).hexdigest()[:16]
            (out / f"{name}.txt").write_text(" ".join(argv_) + "\n" + answer(argv_), encoding="utf-8")
            count += 1
    print(f"{count} cases in {out}")


if __name__ == "__main__":
    main(sys.argv[1])

"""ivigdesk-calc: the calculator from a terminal, the same core as the window.

Exit codes: 0 a plan was printed; 2 the input or the knowledge base cannot be used (one line on
standard error, no plan).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ivigdesk import __version__

EXIT_OK = 0
EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one clear line, exit 2
        self.exit(EXIT_INPUT, f"ivigdesk-calc: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ivigdesk-calc",
        description="IVIG dosing from Mulhearn & Bruce (Rheumatology 2015), offline.",
        epilog="Example: ivigdesk-calc --indication dm-pm --weight '70 kg' --days 5 --concentration 10%",
    )
    parser.add_argument("command", nargs="?", choices=["list"], help="'list' prints every indication")
    parser.add_argument("--indication", help="indication id, e.g. kawasaki (see 'list')")
    parser.add_argument("--circumstance", help="circumstance id where the indication has several")
    parser.add_argument("--weight", help="patient weight with unit, e.g. '70 kg' or '154 lb'")
    parser.add_argument("--days", type=int, help="infusion days where the regimen gives a range")
    parser.add_argument("--concentration", help="product concentration, e.g. 10%%, 5%%, '100 mg/mL'")
    parser.add_argument("--regimen", help="alternative regimen id (default: the recommended one)")
    parser.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="QUESTION=yes|no",
        help="answer one of the source's questions, e.g. within-3-months-of-onset=no",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--version", action="version", version=f"ivigdesk-calc {__version__}")
    return parser


def _answers(items: list[str]) -> dict[str, bool]:
    from ivigdesk.dosing.errors import InputError

    answers: dict[str, bool] = {}
    for item in items:
        key, _, value = item.partition("=")
        if value.strip().lower() not in {"yes", "no"}:
            raise InputError("answers", f"--answer {item!r}: write QUESTION=yes or QUESTION=no.")
        answers[key.strip()] = value.strip().lower() == "yes"
    return answers


def _list(kb: object) -> str:
    from ivigdesk.knowledge.model import COLOUR_ORDER

    rows = []
    for indication in sorted(kb.indications, key=lambda i: COLOUR_ORDER[i.colour]):  # type: ignore[attr-defined]
        for c in indication.circumstances:
            dose = c.recommended_regimen.label if c.recommended_regimen else "no dose"
            rows.append(
                f"{indication.colour.value.upper():<6} {indication.id:<16} {c.id:<30} {c.status.value:<16} {dose}"
            )
    return "\n".join(rows) + "\n"


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit code."""
    args = _parser().parse_args(argv)
    from ivigdesk.dosing.calculate import calculate
    from ivigdesk.dosing.errors import InputError
    from ivigdesk.dosing.inputs import parse_concentration, parse_weight
    from ivigdesk.dosing.report import plan_to_dict, plan_to_text
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import KnowledgeBaseError, load_knowledge_base

    try:
        kb = load_knowledge_base()
    except KnowledgeBaseError as error:
        print(f"ivigdesk-calc: the knowledge base is invalid, so nothing is calculated: {error}", file=sys.stderr)
        return EXIT_INPUT
    if args.command == "list":
        sys.stdout.write(_list(kb))
        return EXIT_OK
    try:
        if not args.indication:
            raise InputError("indication", "give --indication ID (see 'ivigdesk-calc list').")
        if args.weight is None:
            raise InputError("weight", "give --weight, e.g. --weight '70 kg'.")
        if args.concentration is None:
            raise InputError("concentration", "give --concentration, e.g. --concentration 10%.")
        request = DoseRequest(
            indication_id=args.indication,
            circumstance_id=args.circumstance,
            weight=parse_weight(args.weight),
            concentration=parse_concentration(args.concentration),
            days=args.days,
            regimen_id=args.regimen,
            answers=_answers(args.answer),
        )
        plan = calculate(kb, request)
    except InputError as error:
        print(f"ivigdesk-calc: {error.field}: {error.message}", file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        print(json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(plan_to_text(plan))
    return EXIT_OK


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())


if __name__ == "__main__":
    main()

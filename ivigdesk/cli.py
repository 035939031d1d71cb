"""ivigdesk-calc: the calculator from a terminal, the same core as the window.

Exit codes: 0 a plan was printed; 2 the input or the knowledge base cannot be used (one line on
standard error, no plan).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from ivigdesk import __version__
from ivigdesk.dosing.fields import Field

if TYPE_CHECKING:
    from ivigdesk.dosing.raw_inputs import RawInputs
    from ivigdesk.dosing.request import Settings
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue

EXIT_OK = 0
EXIT_OUTPUT = 1  # the answer could not be written (a full disk, a closed pipe)
EXIT_INPUT = 2
# what a console that cannot show a character gets instead (cp1252, a redirected Windows console)
PLAIN = {
    "\u2212": "-", "\u2013": "-", "\u2014": "--", "\u00b7": "-", "\u00d7": "x", "\u00f7": "/", "\u2265": ">=",
    "\u2264": "<=", "\u2248": "~", "\u2192": "->", "\u203a": ">", "\u2026": "...", "\u201c": '"', "\u201d": '"',
    "\u2018": "'", "\u2019": "'", "\u26a0": "!", "\u00b5": "u", "\u00b2": "^2", "\u2079": "^9", "\u00a0": " ",
}  # fmt: skip


def _plain_text(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a character the console cannot show becomes its plain-text twin
    (or ``?``), so a plan written to any console or file stays readable."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(PLAIN.get(ch, "?") for ch in bad), error.end


def _readable_everywhere() -> None:
    import codecs

    codecs.register_error("ivigdesk-plain", _plain_text)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="ivigdesk-plain")


def _say(message: str) -> None:
    """One line on standard error (control characters escaped, so it stays one line)."""
    from ivigdesk.dosing.errors import one_line

    if sys.stderr is not None:
        print(f"ivigdesk-calc: {one_line(message)}", file=sys.stderr)


def _emit(text: str, *, exact: bool = False) -> int:
    """Write the answer to standard output; a closed or full output is one line and exit 1.

    ``exact`` (JSON): UTF-8 with ``\n`` line ends on every OS, whatever the console's code page,
    written as bytes past the text layer (which on Windows would give cp1252 and CRLF).
    """
    import os

    stream = sys.stdout
    if stream is None:
        _say("standard output is closed, so the answer was not written")
        return EXIT_OUTPUT
    try:
        raw = getattr(stream, "buffer", None) if exact else None
        if raw is not None:
            stream.flush()
            raw.write(text.encode("utf-8"))
            raw.flush()
        else:
            stream.write(text)
        stream.flush()
    except (OSError, ValueError) as error:
        from ivigdesk.safe_files import reason

        why = reason(error) if isinstance(error, OSError) else "it is closed"
        _say(f"the answer could not be written to standard output ({why})")
        try:  # what is still buffered goes nowhere, so Python does not complain again on exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError):
            sys.stdout = None
        return EXIT_OUTPUT
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, exit 2
        from ivigdesk.quoting import clip_words

        self.exit(EXIT_INPUT, f"ivigdesk-calc: {clip_words(message)}\n")  # a 10 MB argument: 60 characters of it


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ivigdesk-calc",
        description="IVIG dosing from Mulhearn & Bruce (Rheumatology 2015), offline.",
        epilog="Example: ivigdesk-calc --indication dm-pm --weight '70 kg' --days 5 --concentration 10%",
    )
    parser.add_argument(
        "command",
        nargs="?",
        choices=["list", "products", "manifest"],
        help="'list' prints every indication, 'products' the products; "
        "'manifest FOLDER' checks a pharmacy's own knowledge-base or product folder and writes its MANIFEST.sha256",
    )
    parser.add_argument("folder", nargs="?", help="the folder for 'manifest'")
    _diagnosis_arguments(parser)
    _patient_arguments(parser)
    _policy_arguments(parser)
    _product_arguments(parser)
    parser.add_argument("--start-date", help="date of the first infusion, YYYY-MM-DD")
    parser.add_argument("--gestation", help="gestation at the first infusion, weeks+days, e.g. 16+3")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--version", action="version", version=f"ivigdesk-calc {__version__}")
    return parser


def _diagnosis_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indication", help="indication id, e.g. kawasaki (see 'list')")
    parser.add_argument("--circumstance", help="circumstance id where the indication has several")
    parser.add_argument("--regimen", help="alternative regimen id (default: the recommended one)")
    parser.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="QUESTION=yes|no",
        help="answer one of the source's questions, e.g. within-3-months-of-onset=no",
    )
    parser.add_argument("--days", help="infusion days where the regimen gives a range")


def _patient_arguments(parser: argparse.ArgumentParser) -> None:
    from ivigdesk.knowledge.risks import ENTERABLE

    parser.add_argument("--weight", help="patient weight with unit, e.g. '70 kg' or '154 lb'")
    parser.add_argument("--height", help="height for the dose-determining weight, e.g. '175 cm' or '69 in'")
    parser.add_argument("--sex", choices=["male", "female"], help="sex for the Devine ideal body weight")
    parser.add_argument("--age", help="the patient's age: years, or e.g. '6 months' or '10 weeks' for an infant")
    parser.add_argument("--under-18", action="store_true", help="the patient is under 18 (when the age is not given)")
    parser.add_argument("--pregnant", action="store_true", help="the patient is pregnant (any indication)")
    parser.add_argument("--pre-pregnancy-weight", help="pre-pregnancy weight, for a pregnant patient")
    parser.add_argument("--use-actual-weight", action="store_true", help="dose on actual weight, overriding the rule")
    parser.add_argument(
        "--risk",
        action="append",
        default=[],
        choices=[risk.value for risk in ENTERABLE],
        help="a patient risk (repeat for several): "
        + ", ".join(risk.value for risk in ENTERABLE)
        + "; age over 65 and obesity (BMI over 30) are worked out from --age, --height and --weight",
    )
    parser.add_argument("--thrombosis-risk", action="store_true", help="the same as --risk thrombosis")


def _policy_arguments(parser: argparse.ArgumentParser) -> None:
    from ivigdesk.config.settings import FACTOR, ROUNDING, TOLERANCE, WEIGHT_RULE

    for key, flag, what in (
        (WEIGHT_RULE, "--weight-rule", "the rule for the dose-determining weight"),
        (FACTOR, "--factor", "the adjustment factor for the DDW"),
        (ROUNDING, "--rounding", "how each day's dose is rounded"),
        (TOLERANCE, "--tolerance", "the rounding tolerance in %%"),
    ):
        parser.add_argument(flag, default=key.default, choices=key.choices, help=f"{what} (default {key.default})")


def _product_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--product", help="product id (see 'products'): concentration, vials and rates")
    parser.add_argument("--concentration", help="concentration when no product is given, e.g. 10%%, '100 mg/mL'")
    parser.add_argument("--initial-rate", help="initial rate from the SmPC, e.g. '0.5 mL/kg/h' (unconfirmed products)")
    parser.add_argument("--initial-minutes", default="30", help="minutes at the initial rate (default 30)")
    parser.add_argument("--maximum-rate", help="maximum rate from the SmPC, e.g. '6 mL/kg/h'")


def _list(kb: KnowledgeBase) -> str:
    from ivigdesk.knowledge.model import COLOUR_ORDER

    rows = []
    for indication in sorted(kb.indications, key=lambda i: COLOUR_ORDER[i.colour]):
        for c in indication.circumstances:
            dose = c.recommended_regimen.label if c.recommended_regimen else "no dose"
            rows.append(
                f"{indication.colour.value.upper():<6} {indication.id:<16} {c.id:<30} {c.status.value:<16} {dose}"
            )
    return "\n".join(rows) + "\n"


def _products(catalogue: ProductCatalogue) -> str:
    rows = []
    for product in catalogue.products:
        vials = ", ".join(f"{v.grams} g" for v in product.vials) or "vials not confirmed"
        rows.append(f"{product.id:<18} {product.name:<20} rates {product.rates.status:<11} {vials}")
    return "\n".join(rows) + "\n"


def _flags(field: Field) -> str:
    """Where a refusal of ``field`` points on the command line."""
    return {
        Field.ANSWERS: "--answer",
        Field.RISKS: "--risk",
        Field.RATES: "--initial-rate, --initial-minutes, --maximum-rate",
    }.get(field, "--" + field.value.replace(" ", "-"))


def _raw_inputs(args: argparse.Namespace) -> RawInputs:
    """The command line as the one raw-inputs record the window fills in too."""
    from ivigdesk.dosing.raw_inputs import RawInputs

    answers = dict(item.partition("=")[::2] for item in args.answer)
    return RawInputs(
        indication_id=args.indication,
        circumstance_id=args.circumstance,
        regimen_id=args.regimen,
        answers={key.strip(): value for key, value in answers.items()},
        weight=args.weight or "",
        height=args.height or "",
        sex=args.sex or "",
        age=args.age or "",
        under_18=args.under_18,
        pregnant=args.pregnant,
        pre_pregnancy_weight=args.pre_pregnancy_weight or "",
        use_actual_weight=args.use_actual_weight,
        days=args.days or "",
        product_id=args.product,
        concentration=args.concentration or "",
        initial_rate=args.initial_rate or "",
        initial_minutes=args.initial_minutes,
        maximum_rate=args.maximum_rate or "",
        risks=tuple(dict.fromkeys([*args.risk, *(["thrombosis"] if args.thrombosis_risk else [])])),
        start_date=args.start_date or "",
        gestation=args.gestation or "",
    )


def _settings(args: argparse.Namespace) -> Settings:
    from ivigdesk.config.settings import FACTOR, ROUNDING, TOLERANCE, WEIGHT_RULE, policy_from

    return policy_from(
        {
            WEIGHT_RULE.path: args.weight_rule,
            FACTOR.path: args.factor,
            ROUNDING.path: args.rounding,
            TOLERANCE.path: args.tolerance,
        }
    )


def _manifest(folder: str | None) -> int:
    """Validate a pharmacy's folder as IVIG Desk would, then write its MANIFEST.sha256."""
    from pathlib import Path

    from ivigdesk.knowledge.errors import KnowledgeBaseError
    from ivigdesk.knowledge.loader import FILES, load_knowledge_base
    from ivigdesk.knowledge.manifest import write_manifest
    from ivigdesk.knowledge.products import PRODUCTS_FILE, load_product_catalogue
    from ivigdesk.safe_files import FileProblem

    if not folder or not Path(folder).is_dir():
        print(
            "ivigdesk-calc: manifest: give the folder to seal, e.g. ivigdesk-calc manifest ./knowledge", file=sys.stderr
        )
        return EXIT_INPUT
    path = Path(folder)
    names = [name for name in (*FILES, PRODUCTS_FILE) if (path / name).is_file()]
    try:
        # from the YAML alone, as the program reads a folder whose manifest lists no compiled form
        if any(name in FILES for name in names):
            load_knowledge_base(path, verify=False, use_compiled=False)
        if PRODUCTS_FILE in names:
            load_product_catalogue(path, verify=False, use_compiled=False)
    except KnowledgeBaseError as error:
        print(f"ivigdesk-calc: manifest: not written, the folder is invalid: {error}", file=sys.stderr)
        return EXIT_INPUT
    if not names:
        print(f"ivigdesk-calc: manifest: {path} holds no knowledge-base or product files", file=sys.stderr)
        return EXIT_INPUT
    try:
        target = write_manifest(path, names)
    except FileProblem as problem:
        _say(f"manifest: not written: {problem}")
        return EXIT_INPUT
    return _emit(f"wrote {target} for {', '.join(names)}\n")


def run(argv: Sequence[str] | None = None, today: date | None = None) -> int:
    """Run the command; return the exit code. ``today`` (default: the real date) bounds the start
    date: tests of hand-worked course dates pass their own."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as done:  # --help, --version, or a refused argument (one line already written)
        return int(done.code or 0)
    if args.command == "manifest":
        return _manifest(args.folder)
    from ivigdesk.desk import Desk, Unavailable

    desk = Desk.open()
    if isinstance(desk, Unavailable):
        _say(desk.sentence)
        return EXIT_INPUT
    if args.command == "list":
        return _emit(_list(desk.kb))
    if args.command == "products":
        return _emit(_products(desk.catalogue))
    answer = desk.answer(_raw_inputs(args), _settings(args), today)
    if answer.refusal is not None:
        _say(f"{answer.refusal.field} ({_flags(answer.refusal.field)}): {answer.refusal.message}")
        return EXIT_INPUT
    from ivigdesk.dosing.report import plan_to_dict, plan_to_text

    assert answer.plan is not None
    if args.json:
        return _emit(json.dumps(plan_to_dict(answer.plan), ensure_ascii=False, indent=2) + "\n", exact=True)
    return _emit(plan_to_text(answer.plan))


def main() -> None:
    """Console-script entry point."""
    _readable_everywhere()
    sys.exit(run())


if __name__ == "__main__":
    main()

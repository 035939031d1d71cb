"""The self-test's Qt-free half: every indication and circumstance answered by the desk at
reference weights, and the bundled data's compiled form checked against its YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ivigdesk.desk import Desk
    from ivigdesk.knowledge.model import Circumstance, Indication

REFERENCE_WEIGHTS_KG = ("3", "18", "70", "120")  # a neonate, a child, an adult, a heavy adult
CONCENTRATIONS = ("5 %", "10 %")


def plan_problems(desk: Desk) -> tuple[int, list[str]]:
    """(plans made, problems) over every circumstance × reference weight × concentration: each
    gives a plan whose dose is there exactly when the source gives a regimen, except an adult-only
    indication, which must refuse a child's weight."""
    count, problems = 0, []
    for indication in desk.kb.indications:
        for circumstance in indication.circumstances:
            for kg in REFERENCE_WEIGHTS_KG:
                for concentration in CONCENTRATIONS:
                    made, problem = _check(desk, indication, circumstance, kg, concentration)
                    count += made
                    problems += [problem] if problem else []
    return count, problems


def _check(
    desk: Desk, indication: Indication, circumstance: Circumstance, kg: str, concentration: str
) -> tuple[int, str | None]:
    from ivigdesk.dosing.raw_inputs import RawInputs
    from ivigdesk.dosing.request import Settings

    regimen = circumstance.recommended_regimen
    raw = RawInputs(
        indication_id=indication.id,
        circumstance_id=circumstance.id,
        weight=kg,
        concentration=concentration,
        days=str(regimen.days.max) if regimen and not regimen.days.fixed else "",
    )
    where = f"{indication.id}/{circumstance.id} at {kg} kg"
    try:
        answer = desk.answer(raw, Settings())
    except Exception as error:  # a fault in IVIG Desk: reported, and the other checks still run
        return 0, f"{where}: {error}"
    adult_only_refusal = indication.patients == "adults" and kg in ("3", "18")
    if answer.refusal is not None:
        return 0, None if adult_only_refusal else f"{where}: {answer.refusal}"
    assert answer.plan is not None
    if adult_only_refusal:
        return 1, f"{indication.id} (adults) accepted {kg} kg"
    if answer.plan.has_dose != (regimen is not None):
        return 1, f"{indication.id}/{circumstance.id}: dose presence is wrong"
    return 1, None


def compiled_data_problems(desk: Desk) -> list[str]:
    """The bundled data must come from their compiled form, and it must give exactly what their
    YAML gives (a site's own folders are parsed from YAML: nothing to check)."""
    from ivigdesk.knowledge.loader import load_knowledge_base
    from ivigdesk.knowledge.products import load_product_catalogue

    problems: list[str] = []
    checks = (
        ("knowledge base", desk.site.knowledge.folder, desk.kb, load_knowledge_base),
        ("product list", desk.site.products.folder, desk.catalogue, load_product_catalogue),
    )
    for name, folder, loaded, load in checks:
        if folder is not None:
            continue
        if not loaded.compiled:
            problems.append(f"the bundled {name} was parsed from YAML: its compiled form is missing or stale")
        elif loaded != load(use_compiled=False):
            problems.append(f"the bundled {name}'s compiled form differs from its YAML")
    return problems

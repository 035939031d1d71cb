"""Plans and identities for the worksheet geometry tests, made without a window (CLI-style)."""

from __future__ import annotations

from datetime import date

from ivigdesk.dosing.identity import PatientIdentity

IDENTITY = PatientIdentity(
    name="Ann Example", hospital_number="123 456 7890", date_of_birth="02/03/1972", ward="Ward 9"
)
LONG = PatientIdentity(
    name=("Maximiliana-Wilhelmina Montgomery-Featherstonehaugh " * 4)[:200],
    hospital_number="NHS 999 888 7777 / MRN-0000000000000000000000000000000000000000000000000000000000000",
    date_of_birth="02/03/1972",
)
ODD = PatientIdentity(
    name="محمد عبد الله\nשרה כהן 😀👩‍⚕️ Ann\u202eevil",
    hospital_number="12345\n67890",
    date_of_birth="😀",
)


def plan(case: str):
    """ "dm5": dermatomyositis, 110 kg / 165 cm woman aged 54, Octagam 10 %, 5 days from 29 Jan
    2027; "kawasaki": 18 kg child of 4, Octagam 10 %, one day; "gbs": 70 kg, 10 %, no product."""
    from decimal import Decimal

    from ivigdesk.dosing.body_weight import Patient
    from ivigdesk.dosing.calculate import calculate
    from ivigdesk.dosing.inputs import parse_concentration, parse_weight
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import load_knowledge_base
    from ivigdesk.knowledge.products import load_product_catalogue
    from ivigdesk.units import Q

    kb, catalogue = load_knowledge_base(), load_product_catalogue()
    start = date(2027, 1, 29)
    if case == "dm5":
        patient = Patient(height=Q("165", "cm"), sex="female", age_years=Decimal(54))
        request = DoseRequest("dm-pm", None, parse_weight("110"), None, 5, patient=patient,
                              product_id="octagam-10", start_date=start)  # fmt: skip
    elif case == "kawasaki":
        request = DoseRequest("kawasaki", None, parse_weight("18"), None, patient=Patient(age_years=Decimal(4)),
                              product_id="octagam-10", start_date=start)  # fmt: skip
    elif case == "gbs":
        request = DoseRequest("gbs", None, parse_weight("70"), parse_concentration("10%"))
    else:
        raise ValueError(case)
    return kb, calculate(kb, request, catalogue)

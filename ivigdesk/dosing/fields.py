"""The inputs IVIG Desk reads, by name: one list for refusals, the window's fields and the CLI."""

from __future__ import annotations

from enum import StrEnum


class Field(StrEnum):
    """An input a refusal can point at. The value is the input's name in a pharmacist's words
    (it starts the CLI's one-line refusal and names the window's field)."""

    INDICATION = "indication"
    CIRCUMSTANCE = "circumstance"
    REGIMEN = "regimen"
    ANSWERS = "answers"
    WEIGHT = "weight"
    HEIGHT = "height"
    SEX = "sex"
    AGE = "age"
    PRE_PREGNANCY_WEIGHT = "pre-pregnancy weight"
    RISKS = "risks"
    DAYS = "days"
    PRODUCT = "product"
    CONCENTRATION = "concentration"
    RATES = "rates"
    START_DATE = "start date"
    GESTATION = "gestation"
    WEIGHT_RULE = "weight rule"
    ROUNDING = "rounding"

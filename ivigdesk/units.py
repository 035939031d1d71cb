"""The one shared pint registry, built lazily from a small bundled definitions file.

Every magnitude is a :class:`decimal.Decimal`, so 154 lb is exactly 69.85322498 kg and no binary
float ever reaches a dose a pharmacist reads.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from ivigdesk.resource_files import resource

if TYPE_CHECKING:
    import pint

    Quantity: TypeAlias = pint.Quantity[Decimal]
    """Every quantity in IVIG Desk: an exact decimal magnitude with its unit."""


@cache
def ureg() -> pint.UnitRegistry[Decimal]:
    """Return the application's single unit registry (built on first use, ~10 ms)."""
    import pint

    with resource("units", "units.txt").open("r", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    registry: pint.UnitRegistry[Decimal] = pint.UnitRegistry(
        None, non_int_type=Decimal, autoconvert_offset_to_baseunit=False
    )
    registry.load_definitions(lines)
    return registry


def Q(magnitude: Decimal | int | str, unit: str) -> Quantity:
    """Build a quantity from an exact magnitude and a unit expression."""
    return ureg().Quantity(Decimal(magnitude), unit)

"""What the user asks: the one object every face of IVIG Desk (window, CLI, tests) builds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint


@dataclass(frozen=True)
class DoseRequest:
    """A dosing question: indication and circumstance, the patient's weight and the product.

    ``weight`` is a mass and ``concentration`` a mass per volume (pint quantities). ``days`` is
    needed only where the regimen gives a range; ``regimen_id`` picks an alternative regimen;
    ``answers`` holds the user's yes/no to the source's questions, by question id.
    """

    indication_id: str
    circumstance_id: str | None = None
    weight: pint.Quantity | None = None
    concentration: pint.Quantity | None = None
    days: int | None = None
    regimen_id: str | None = None
    answers: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))

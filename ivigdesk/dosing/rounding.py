"""Rounding a day's exact dose to what can be given: whole vials, or the nearest 5 g.

The exact dose is never replaced: a rounding sits beside it, with its difference in grams and per
cent and whether it is within the tolerance (10 % by default, Siegel, Pharmacy Purchasing &
Products 2010, pppmag.com/article/753).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal

from ivigdesk.dosing.formatting import number

if TYPE_CHECKING:
    from ivigdesk.knowledge.products import Vial

Policy = Literal["vials", "fewest-vials", "nearest-5g", "none"]
POLICIES: dict[str, str] = {
    "vials": "Whole vials: the total nearest the exact dose (made of the fewest vials)",
    "fewest-vials": "Whole vials: the fewest vials within the tolerance",
    "nearest-5g": "Nearest 5 g (Ontario IG dose calculator)",
    "none": "No rounding (exact dose only)",
}
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Rounded:
    """A rounded dose beside the exact one."""

    policy: Policy
    exact_g: Decimal
    grams: Decimal
    millilitres: Decimal | None
    vials: tuple[tuple[Decimal, int], ...]  # (grams per vial, count), largest first
    difference_g: Decimal
    difference_percent: Decimal
    within_tolerance: bool
    tolerance_percent: Decimal
    fewer_vials: Rounded | None = None

    @property
    def vial_count(self) -> int:
        return sum(count for _, count in self.vials)


def _tenths(value: Decimal) -> int:
    return int((value / _TENTH).to_integral_value(ROUND_HALF_UP))


def _fewest_vials(sizes: Sequence[int], limit: int) -> tuple[list[int], list[int]]:
    """(count, last): count[t] is the fewest vials totalling t tenths of a gram (more than
    ``limit`` where no combination does), last[t] the index of the size added last to make it.

    Sizes come largest first, and a combination only replaces one with strictly more vials, so
    among equally few vials the one built from larger vials wins.
    """
    count = [0] + [limit + 1] * limit
    last = [-1] * (limit + 1)
    for total in range(1, limit + 1):
        for index, size in enumerate(sizes):
            if size <= total and count[total - size] + 1 < count[total]:
                count[total], last[total] = count[total - size] + 1, index
    return count, last


def round_to_vials(
    exact_g: Decimal, vials: Sequence[Vial], tolerance_percent: Decimal, *, fewest_vials: bool = False
) -> Rounded:
    """The whole-vial total nearest the exact dose (the lower on a tie), made up of the fewest vials.

    ``fewer_vials`` on the result is the alternative with the fewest vials still within the
    tolerance, when that needs fewer vials than the nearest total (a stewardship choice the
    pharmacist can make). With ``fewest_vials`` (the "fewest-vials" setting) that alternative is the
    rounding itself, and the nearest total is not offered.
    """
    ordered = sorted(vials, key=lambda v: v.grams, reverse=True)
    sizes = [_tenths(v.grams) for v in ordered]
    target = _tenths(exact_g)
    limit = target + target // 5 + max(sizes)
    count, last = _fewest_vials(sizes, limit)
    reachable = [t for t in range(1, limit + 1) if count[t] <= limit]
    allowed = exact_g * tolerance_percent / 100 / _TENTH

    def pick(total: int, policy: Policy = "vials") -> Rounded:
        combo, rest = [0] * len(sizes), total
        while rest:
            combo[last[rest]] += 1
            rest -= sizes[last[rest]]
        grams = Decimal(total) * _TENTH
        millilitres = sum((v.millilitres * n for v, n in zip(ordered, combo, strict=True)), Decimal(0))
        counts = tuple((v.grams, n) for v, n in zip(ordered, combo, strict=True) if n)
        return _rounded(policy, exact_g, grams, millilitres, counts, tolerance_percent)

    nearest = min(reachable, key=lambda t: (abs(t - target), t))
    result = pick(nearest)
    within = [t for t in reachable if abs(t - target) <= allowed]
    fewest = min(within, key=lambda t: (count[t], abs(t - target), t)) if within else nearest
    if fewest_vials:
        return pick(fewest, "fewest-vials")
    if count[fewest] < count[nearest]:
        result = replace(result, fewer_vials=pick(fewest))
    return result


def round_to_nearest_5g(exact_g: Decimal, concentration_g_per_ml: Decimal | None, tolerance: Decimal) -> Rounded:
    """The nearest multiple of 5 g (half up), never zero."""
    grams = max((exact_g / 5).to_integral_value(ROUND_HALF_UP) * 5, Decimal(5))
    millilitres = grams / concentration_g_per_ml if concentration_g_per_ml else None
    return _rounded("nearest-5g", exact_g, grams, millilitres, (), tolerance)


def _rounded(
    policy: Policy,
    exact_g: Decimal,
    grams: Decimal,
    millilitres: Decimal | None,
    vials: tuple[tuple[Decimal, int], ...],
    tolerance: Decimal,
) -> Rounded:
    difference = grams - exact_g
    percent = difference / exact_g * 100
    return Rounded(
        policy, exact_g, grams, millilitres, vials, difference, percent, abs(percent) <= tolerance, tolerance
    )


def describe(rounded: Rounded) -> str:
    """``3 × 10 g + 1 × 5 g = 35 g (+0.4 g, +1.2 %)``."""

    def signed(value: Decimal, places: int) -> str:
        text = number(abs(value), places)
        return text if text == "0" else f"{'+' if value > 0 else '−'}{text}"

    diff = f"{signed(rounded.difference_g, 2)} g, {signed(rounded.difference_percent, 1)} %"
    if rounded.vials:
        parts = " + ".join(f"{n} × {number(g, 2)} g" for g, n in rounded.vials)
        return f"{parts} = {number(rounded.grams, 2)} g ({diff})"
    return f"{number(rounded.grams, 2)} g ({diff})"

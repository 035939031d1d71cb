"""The pharmacy policy's choices and defaults, kept light so the settings file can be checked
against them before the first frame. The rules and roundings themselves live in ``body_weight``
and ``rounding``; a test holds their keys to these."""

from __future__ import annotations

from decimal import Decimal

WEIGHT_RULE_IDS = ("ontario", "bloodstar-2026", "nhs-england", "actual")  # body_weight.WEIGHT_RULES
DEFAULT_RULE = "ontario"
DEFAULT_FACTOR = Decimal("0.4")
FACTORS = (Decimal("0.4"), Decimal("0.3"))  # 0.4 (NBA, Ontario); 0.3 is also used (clinPK documentation)
ROUNDING_IDS = ("vials", "fewest-vials", "nearest-5g", "none")  # rounding.POLICIES
DEFAULT_ROUNDING = "vials"
DEFAULT_TOLERANCE_PERCENT = Decimal(10)
TOLERANCES = (Decimal(5), Decimal(10))  # the tolerances offered (Siegel: stay within 10 % of the order)

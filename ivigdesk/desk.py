"""The desk: the one Qt-free session behind the window, ``ivigdesk-calc`` and the self-test.

It opens the configured knowledge base and product list once (never falling back to the bundled
ones), and answers what the user typed (a :class:`~ivigdesk.dosing.raw_inputs.RawInputs`) with a
plan or a refusal, as values: each face only renders what it is given.

    raw inputs ─▶ Desk.answer ─▶ build_request ─▶ calculate ─▶ Answer(plan | refusal)

Importing this module is cheap: the calculation is imported at the first answer that needs it,
so the window can open a desk before its first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ivigdesk.dosing.errors import NO_DIAGNOSIS, InputError
from ivigdesk.dosing.fields import Field

if TYPE_CHECKING:
    from datetime import date

    from ivigdesk.config.site import SiteChoice
    from ivigdesk.dosing.raw_inputs import RawInputs
    from ivigdesk.dosing.request import Settings
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue
    from ivigdesk.units import Quantity


@dataclass(frozen=True)
class Answer:
    """The desk's answer to one set of inputs: a plan, or the refusal naming the input it
    belongs beside (never both). ``weight`` is the weight as read, in kg, whenever it could be
    read, even if the plan was then refused (the window shows it beside a weight in pounds)."""

    plan: DosePlan | None = None
    refusal: InputError | None = None
    weight: Quantity | None = None


CHOOSE_A_DIAGNOSIS = Answer(refusal=InputError(Field.INDICATION, NO_DIAGNOSIS, missing=True))
"""The answer until a diagnosis is chosen: a prompt, not yet a mistake. A face with no diagnosis
chosen can give it without reading its inputs (the window does so before its first frame)."""


@dataclass(frozen=True)
class Unavailable:
    """Why no desk could be opened: nothing is calculated. ``site`` is the site choice when it
    was read (None: the site settings themselves were refused); ``reason`` names the file, and
    for a knowledge base the line, entry and field."""

    reason: str
    site: SiteChoice | None = None

    @property
    def sentence(self) -> str:
        """One line for a pharmacist: what cannot be used, why, and that nothing is calculated."""
        if self.site is None:
            return f"the site settings cannot be used, so nothing is calculated: {self.reason}"
        return f"the knowledge base ({self.site.describe()}) cannot be used, so nothing is calculated: {self.reason}"


class Desk:
    """One session over the configured data: ``kb`` and ``catalogue`` as ``site`` chose them."""

    def __init__(self, site: SiteChoice, kb: KnowledgeBase, catalogue: ProductCatalogue) -> None:
        self.site = site
        self.kb = kb
        self.catalogue = catalogue

    @classmethod
    def open(cls, choice: SiteChoice | None = None) -> Desk | Unavailable:
        """The desk over the data ``choice`` names (found afresh when None), or why there is none."""
        from ivigdesk.config.site import SiteConfigError, find_site_choice, load_choice
        from ivigdesk.knowledge.errors import KnowledgeBaseError

        try:
            site = choice if choice is not None else find_site_choice()
        except SiteConfigError as error:
            return Unavailable(str(error))
        try:
            kb, catalogue = load_choice(site)
        except (KnowledgeBaseError, SiteConfigError) as error:
            return Unavailable(str(error), site)
        return cls(site, kb, catalogue)

    def answer(self, raw: RawInputs, settings: Settings, today: date | None = None) -> Answer:
        """Raw inputs → the one request builder → the calculation. ``today`` (default: the real
        date) bounds the start date. With no diagnosis the calculation is not even imported."""
        if not raw.indication_id:
            return CHOOSE_A_DIAGNOSIS
        from ivigdesk.dosing.calculate import calculate
        from ivigdesk.dosing.raw_inputs import build_request

        try:
            request = build_request(raw, settings, today)
        except InputError as error:
            return Answer(refusal=error)
        try:
            return Answer(plan=calculate(self.kb, request, self.catalogue), weight=request.weight)
        except InputError as error:
            return Answer(refusal=error, weight=request.weight)

"""What sending needs from part 1 (the signed XML, issue 16), as one small
interface: the signed document, the resumen diario and the comunicación de
baja, and the document's electronic state.

`current()` returns part 1's functions when they are in this build; the
sending code takes the interface as an argument, so the tests (and a
cabina without a business file) pass their own.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

# part 1's states (smedesk.einvoice.migrations STATES)
STATES = ("pending", "accepted", "observed", "rejected", "voided", "contingency", "portal")


class Part1(Protocol):
    def signed_xml(self, db, document_id: int) -> tuple[str, bytes]: ...

    def build_summary(self, db, day: str, *, actor, voids=(), skip=()) -> tuple[str, bytes]: ...

    def build_voided(self, db, documents: list[int], reason: str, *, actor) -> tuple[str, bytes]: ...

    def set_state(self, db, document_id: int, state: str, *, code=None, description=None, actor) -> None: ...

    def set_batch_state(self, db, name: str, state: str, *, ticket=None, code=None, description=None,
                        actor) -> None: ...


class _Module:
    """Part 1's module functions seen through the interface."""

    def __init__(self, module):
        self._m = module

    def signed_xml(self, db, document_id):
        return self._m.signed_xml(db, document_id)

    def build_summary(self, db, day, *, actor, voids=(), skip=()):
        return self._m.build_summary(db, day, actor=actor, voids=voids, skip=skip)

    def build_voided(self, db, documents, reason, *, actor):
        return self._m.build_voided(db, documents, reason, actor=actor)

    def set_state(self, db, document_id, state, *, code=None, description=None, actor):
        return self._m.set_state(db, document_id, state, code=code, description=description, actor=actor)

    def set_batch_state(self, db, name, state, *, ticket=None, code=None, description=None, actor):
        return self._m.set_batch_state(db, name, state, ticket=ticket, code=code, description=description,
                                       actor=actor)


API_MODULE = "smedesk.einvoice.api"


def current() -> Part1:
    try:
        module = importlib.import_module(API_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != API_MODULE:
            raise
        raise ValidationError(tr("This build cannot sign electronic comprobantes yet, so nothing can be sent to "
                                 "SUNAT.")) from None
    return _Module(module)

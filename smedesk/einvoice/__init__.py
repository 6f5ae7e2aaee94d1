"""SUNAT electronic comprobantes: the signed XML (part 1: UBL 2.1, SUNAT's rules,
signature, certificate, state; stable API in `api.py`) and sending it to SUNAT or an
OSE, the CDRs, the queue and the deadlines (part 2)."""

from smedesk.einvoice import fiscal as _fiscal  # noqa: E402,F401  (defines the business.* fiscal settings)

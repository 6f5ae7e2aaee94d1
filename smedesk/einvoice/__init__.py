"""SUNAT electronic comprobantes, part 1: UBL 2.1 XML, SUNAT's rules, signature,
certificate, state per document. The stable API for the sending side is `api.py`."""

from smedesk.einvoice import fiscal as _fiscal  # noqa: E402,F401  (defines the business.* fiscal settings)

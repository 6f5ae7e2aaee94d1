"""SUNAT catalogues smedesk uses, as published in SUNAT's "Anexo 8" catalogue list
(the codes the XSL rules of `commons/cpe/catalogo/` check)."""

from __future__ import annotations

from smedesk.core.i18n import N_

# Catálogo 03 (UN/ECE rec 20): the units a workshop sells in.
UNITS = {
    "NIU": N_("unit (goods)"),
    "ZZ": N_("service"),
    "KGM": N_("kilogram"),
    "MTR": N_("metre"),
    "MTK": N_("square metre"),
    "MTQ": N_("cubic metre"),
    "FTK": N_("square foot"),
    "BFT": N_("board foot"),
    "LTR": N_("litre"),
    "DZN": N_("dozen"),
    "PR": N_("pair"),
    "SET": N_("set (juego)"),
    "BX": N_("box"),
    "YRD": N_("yard"),
    "GRM": N_("gram"),
    "HUR": N_("hour"),
}
DEFAULT_UNIT = "NIU"
# smedesk's units (core.units) -> catálogo 03
FROM_SMEDESK_UNIT = {"unit": "NIU", "doz": "DZN", "m": "MTR", "yd": "YRD", "m2": "MTK", "m3": "MTQ", "pt": "BFT",
                     "l": "LTR", "kg": "KGM", "g": "GRM"}

# Tax treatment (smedesk's word) -> catálogo 07 afectación, catálogo 05 tributo (id, name, UN/ECE 5153 code).
TREATMENTS = {
    "igv": ("10", ("1000", "IGV", "VAT")),
    "exonerado": ("20", ("9997", "EXO", "VAT")),
    "inafecto": ("30", ("9998", "INA", "FRE")),
    "export": ("40", ("9995", "EXP", "FRE")),
}
TREATMENT_NAMES = {"igv": N_("Taxed (IGV)"), "exonerado": N_("Exonerated"), "inafecto": N_("Unaffected"),
                   "export": N_("Export")}

# Catálogo 06: identity documents.
DOC_NONE, DOC_DNI, DOC_CE, DOC_RUC, DOC_PASSPORT, DOC_FOREIGN_TAX = "-", "1", "4", "6", "7", "0"
DOC_NAMES = {"-": "—", "0": N_("foreign tax id"), "1": "DNI", "4": N_("foreigner's card"), "6": "RUC",
             "7": N_("passport")}

# Catálogo 51: operation type (1001: operación sujeta a detracción).
OP_DOMESTIC, OP_EXPORT, OP_SPOT = "0101", "0200", "1001"
# Catálogo 52: legends (1000 the amount in words; 2006 a sale subject to SPOT).
LEGEND_WORDS, LEGEND_SPOT = "1000", "2006"
LEGEND_SPOT_TEXT = "Operación sujeta a detracción"
# Catálogo 59: medio de pago; the customer deposits the detracción in the BN account.
MEANS_DEPOSIT = "001"

# Catálogo 09 (credit note reasons) and 10 (debit note reasons).
CREDIT_REASONS = {
    "01": "ANULACION DE LA OPERACION",
    "02": "ANULACION POR ERROR EN EL RUC",
    "03": "CORRECCION POR ERROR EN LA DESCRIPCION",
    "04": "DESCUENTO GLOBAL",
    "05": "DESCUENTO POR ITEM",
    "06": "DEVOLUCION TOTAL",
    "07": "DEVOLUCION POR ITEM",
    "09": "DISMINUCION EN EL VALOR",
}
DEBIT_REASONS = {"01": "INTERESES POR MORA", "02": "AUMENTO EN EL VALOR", "03": "PENALIDADES"}

CURRENCY_WORDS = {"PEN": "SOLES", "USD": "DÓLARES AMERICANOS"}

# The document state, shared with the sending side (part 2).
STATES = {
    "pending": N_("to send to SUNAT"),
    "accepted": N_("accepted by SUNAT"),
    "observed": N_("accepted by SUNAT with observations"),
    "rejected": N_("rejected by SUNAT"),
    "voided": N_("voided (de baja)"),
    "contingency": N_("contingency (paper)"),
    "portal": N_("issued in SUNAT (SEE-SOL)"),
}

"""SUNAT electronic comprobantes: the signed XML (part 1) and sending it to
SUNAT or an OSE, the CDRs, the queue and the deadlines (part 2)."""

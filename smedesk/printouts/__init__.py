"""Every printed thing, drawn with reportlab: cost sheets, catalogues, labels,
worksheets, comprobantes, quotations, export plans."""

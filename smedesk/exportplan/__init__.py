"""Export plans: guided plan sections and templates, the export price built up
along the Incoterms (EXW → CIF), the drawback rate table and market notes."""

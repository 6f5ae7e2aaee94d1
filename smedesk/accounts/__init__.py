"""Simple accounting: chart of accounts, journal, sales and purchase documents with IGV,
payments, reports and registers for the accountant; plus quotations."""

"""SEACE: Peru's public tenders from open-contracting (OCDS) data, pulled from
the portal or imported from files, stored, searched, followed and priced."""

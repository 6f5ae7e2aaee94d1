"""Widgets of the SEACE page: background pulls and imports, the process view,
the price chart and the saved-search dialog."""

"""Widgets of the Catálogo and Costos pages: editable grids, the product
editor, the materials view and the what-if dialog."""

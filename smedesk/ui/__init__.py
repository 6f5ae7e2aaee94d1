"""The window (PySide6). The only package that imports Qt; it calls the same
domain functions as the command line."""

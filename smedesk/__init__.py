"""smedesk: offline-first business manager for small workshops in Peru.

Everything outside `smedesk.ui` is plain Python and never imports Qt.
"""

__version__ = "0.1.0"

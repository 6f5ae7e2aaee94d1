"""Entry point of the built program (the same as `python -m smedesk`)."""

from smedesk.cli import main

raise SystemExit(main())

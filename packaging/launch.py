"""Entry point of the built program (the same as `python -m smedesk`)."""

import multiprocessing

if __name__ == "__main__":
    # a big printout is drawn in a child process (smedesk.printouts.process): in the
    # built program that child starts from this file and must not open a second window
    multiprocessing.freeze_support()
    from smedesk.cli import main

    raise SystemExit(main())

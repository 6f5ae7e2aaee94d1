from smedesk.cli import main

raise SystemExit(main())

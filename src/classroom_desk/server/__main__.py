"""``python -m classroom_desk.server``: the same as ``classroom-desk-server``."""

from classroom_desk.server.cli import main

raise SystemExit(main())

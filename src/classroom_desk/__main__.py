"""Allows ``python -m classroom_desk``."""

from classroom_desk.app import main

raise SystemExit(main())

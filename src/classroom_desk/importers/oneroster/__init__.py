"""OneRoster 1.1 / 1.2 CSV roster import (the 1EdTech format SIS exports use)."""

from classroom_desk.importers.oneroster.importer import import_oneroster
from classroom_desk.importers.oneroster.report import Changes, ImportReport

__all__ = ["Changes", "ImportReport", "import_oneroster"]

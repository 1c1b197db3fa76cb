"""OneRoster 1.1 / 1.2 CSV roster import (the 1EdTech format SIS exports use)."""

from classroom_desk.importers.oneroster.changes import RemovalsNeedConfirmationError
from classroom_desk.importers.oneroster.importer import import_keeping_undo, import_oneroster
from classroom_desk.importers.oneroster.options import ImportOptions
from classroom_desk.importers.oneroster.package import PackageChoiceError
from classroom_desk.importers.oneroster.report import Changes, ImportReport
from classroom_desk.importers.oneroster.roster import SchoolChoiceError, SchoolOption

__all__ = [
    "Changes",
    "ImportOptions",
    "ImportReport",
    "PackageChoiceError",
    "RemovalsNeedConfirmationError",
    "SchoolChoiceError",
    "SchoolOption",
    "import_keeping_undo",
    "import_oneroster",
]

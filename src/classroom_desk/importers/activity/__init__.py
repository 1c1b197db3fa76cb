"""Learning-platform activity exports (unit attempts, or summaries per student and date
range) read through a column mapping the teacher confirms and the store remembers."""

from classroom_desk.importers.activity.guess import MappingGuess, guess_columns, guess_mapping
from classroom_desk.importers.activity.importer import (
    ActivityImportResult,
    ActivityReport,
    import_activity,
)
from classroom_desk.importers.activity.mapping import (
    FIELDS_OF_KIND,
    ActivityField,
    ColumnMapping,
    ExportKind,
    Period,
    PeriodRule,
    SavedMatch,
    load_mapping,
    mapping_for_headers,
    save_mapping,
    saved_sources,
    with_headers,
)
from classroom_desk.importers.activity.preview import (
    Preview,
    PreviewCell,
    PreviewRow,
    preview,
    read_headers,
    read_sample,
)
from classroom_desk.importers.activity.students import StudentChoice, StudentQuestion
from classroom_desk.importers.activity.values import Clock, ScoreScale

__all__ = [
    "FIELDS_OF_KIND",
    "ActivityField",
    "ActivityImportResult",
    "ActivityReport",
    "Clock",
    "ColumnMapping",
    "ExportKind",
    "MappingGuess",
    "Period",
    "PeriodRule",
    "Preview",
    "PreviewCell",
    "PreviewRow",
    "SavedMatch",
    "ScoreScale",
    "StudentChoice",
    "StudentQuestion",
    "guess_columns",
    "guess_mapping",
    "import_activity",
    "load_mapping",
    "mapping_for_headers",
    "preview",
    "read_headers",
    "read_sample",
    "save_mapping",
    "saved_sources",
    "with_headers",
]

"""Learning-platform activity exports (unit attempts, or summaries per student and date
range) read through a column mapping the teacher confirms and the store remembers."""

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
    guess_mapping,
    load_mapping,
    mapping_for_headers,
    save_mapping,
    saved_sources,
)
from classroom_desk.importers.activity.preview import (
    Preview,
    PreviewCell,
    PreviewRow,
    preview,
    read_headers,
)
from classroom_desk.importers.activity.students import StudentChoice, StudentQuestion

__all__ = [
    "FIELDS_OF_KIND",
    "ActivityField",
    "ActivityImportResult",
    "ActivityReport",
    "ColumnMapping",
    "ExportKind",
    "Preview",
    "PreviewCell",
    "PreviewRow",
    "StudentChoice",
    "StudentQuestion",
    "guess_mapping",
    "import_activity",
    "load_mapping",
    "mapping_for_headers",
    "preview",
    "read_headers",
    "save_mapping",
    "saved_sources",
]

"""The broken-variant corpus (``corpus.py``) through both roster imports, the laptop's and
the school server's: each variant is imported exactly as its clean equivalent or refused at
``file:line:column`` with the same message on both, and a refusal leaves each store's file
byte for byte as it was."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from classroom_desk.importers.errors import InputError
from classroom_desk.importers.oneroster import ImportOptions, ImportReport, import_oneroster
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server.database import make_engine, migrate, read_transaction
from classroom_desk.server.oneroster_import import ROSTER_TABLES, import_oneroster_on_server
from classroom_desk.server.records import rows_of
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.tables import TABLES, table_checksum
from tests.conftest import probe_connection
from tests.importers.corpus import CORPUS, Imported, Refused, Variant, folder
from tests.importers.history import add_attempt, add_attempt_on_server

#: Mirror tables compared between a variant and its clean equivalent (the sessions' dates
#: are kept as the file writes them, so a re-dated package differs there on purpose).
COMPARED_MIRRORS = (
    "oneroster_org",
    "oneroster_course",
    "oneroster_class",
    "oneroster_user",
    "oneroster_role",
    "oneroster_enrollment",
)


def test_the_corpus_is_large_and_names_each_variant_once() -> None:
    names = [variant.name for variant in CORPUS]
    assert len(names) == len(set(names))
    assert len(CORPUS) >= 40
    assert sum(isinstance(v.outcome, Refused) for v in CORPUS) >= 25


@pytest.fixture(scope="session")
def empty_server_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server-template") / "server.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@dataclass
class Sides:
    """A laptop store and a school server database, both fresh for one variant."""

    store: Store
    server_path: Path
    engine: Engine


@pytest.fixture
def sides(tmp_path: Path, empty_store_file: Path, empty_server_file: Path) -> Iterator[Sides]:
    store_path = tmp_path / "laptop" / "school.sqlite"
    store_path.parent.mkdir()
    shutil.copyfile(empty_store_file, store_path)
    server_path = tmp_path / "server" / "server.sqlite"
    server_path.parent.mkdir()
    shutil.copyfile(empty_server_file, server_path)
    store = open_store(store_path)
    engine = make_engine(f"sqlite:///{server_path}")
    yield Sides(store, server_path, engine)
    store.close()
    engine.dispose()


def _laptop_import(variant: Variant, path: Path, store: Store) -> ImportReport:
    return import_oneroster(path, store, options=_choices(variant), limits=variant.limits)


def _server_import(variant: Variant, path: Path, engine: Engine) -> ImportReport:
    return import_oneroster_on_server(
        engine, path, options=_choices(variant), limits=variant.limits
    )


def _choices(variant: Variant) -> ImportOptions:
    return ImportOptions(**variant.choices)


def _give_both_the_clean_roster(sides: Sides, tmp_path: Path) -> None:
    """The clean package imported on both, with what a class's weeks leave: a note on Cleo
    and a unit attempt of Ava's (Reading 4A has activity)."""
    clean = folder()(tmp_path / "clean")
    import_oneroster(clean, sides.store)
    import_oneroster_on_server(sides.engine, clean)
    actions = TeacherActions(sides.store, ensure_device(sides.store))
    actions.save_note(student_id=record_id("student", "s-3"), body="Reads fluently now")
    ava = record_id("student", "s-1")
    add_attempt(sides.store, ava)
    add_attempt_on_server(sides.engine, ava)


def file_digest(path: Path) -> str:
    """SHA-256 of the database file once its write-ahead log is folded in (through the
    app's own SQLite: see tests.conftest.probe_connection)."""
    connection = probe_connection(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def roster_rows(store: Store, *, mirror: bool = True) -> dict[str, list[tuple[object, ...]]]:
    tables = (*ROSTER_TABLES, *(COMPARED_MIRRORS if mirror else ()))
    return {
        table: sorted(store.connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        for table in tables
    }


def _laptop_sums(store: Store) -> dict[str, tuple[int, str]]:
    sums = {}
    for table in ROSTER_TABLES:
        spec = TABLES[table]
        cursor = store.connection.execute(f"SELECT {', '.join(spec.columns)} FROM {table}")
        sums[table] = table_checksum(
            spec, [dict(zip(spec.columns, r, strict=True)) for r in cursor]
        )
    return sums


def _server_sums(engine: Engine) -> dict[str, tuple[int, str]]:
    with read_transaction(engine) as connection:
        return {t: table_checksum(TABLES[t], rows_of(connection, t)) for t in ROSTER_TABLES}


def _expected_location(variant_path: Path, refused: Refused) -> str:
    return str(variant_path) if refused.file == "" else f"{variant_path}/{refused.file}"


@pytest.mark.parametrize("variant", CORPUS, ids=[variant.name for variant in CORPUS])
def test_each_variant_is_imported_right_or_refused_where_it_breaks_on_laptop_and_server(
    variant: Variant, sides: Sides, tmp_path: Path, empty_store_file: Path
) -> None:
    if variant.starts_with_roster:
        _give_both_the_clean_roster(sides, tmp_path)
    path = variant.build(tmp_path / "variant")
    if isinstance(variant.outcome, Refused):
        _check_refused(variant, variant.outcome, path, sides)
    else:
        _check_imported(variant, variant.outcome, path, sides, tmp_path, empty_store_file)


def _check_refused(variant: Variant, refused: Refused, path: Path, sides: Sides) -> None:
    laptop_before = file_digest(sides.store.path)
    sides.engine.dispose()
    server_before = file_digest(sides.server_path)
    errors: list[InputError] = []
    for run in (
        lambda: _laptop_import(variant, path, sides.store),
        lambda: _server_import(variant, path, sides.engine),
    ):
        with pytest.raises(InputError) as raised:
            run()
        errors.append(raised.value)
    laptop, server = errors
    if variant.on_server is None:
        assert str(laptop) == str(server), "the same rules and words on the laptop and the server"
    for error, said in ((laptop, refused), (server, variant.on_server or refused)):
        assert (error.file, error.line, error.column) == (
            _expected_location(path, said),
            said.line,
            said.column,
        ), str(error)
        assert error.expected.startswith(said.starts), str(error)
        for words in said.holds:
            assert words in error.expected, str(error)
        assert str(error) == f"{error.file}:{error.line}:{error.column}: {error.expected}"
    assert file_digest(sides.store.path) == laptop_before, "the laptop's store is unchanged"
    sides.engine.dispose()
    assert file_digest(sides.server_path) == server_before, "the server's database is unchanged"


def _check_imported(
    variant: Variant,
    imported: Imported,
    path: Path,
    sides: Sides,
    tmp_path: Path,
    empty_store_file: Path,
) -> None:
    report = _laptop_import(variant, path, sides.store)
    server_report = _server_import(variant, path, sides.engine)
    clean = (imported.same_as or folder())(tmp_path / "equivalent")
    reference_path = tmp_path / "reference" / "school.sqlite"
    reference_path.parent.mkdir()
    shutil.copyfile(empty_store_file, reference_path)
    reference = open_store(reference_path)
    try:
        school = ImportOptions(school=variant.choices.get("school"))
        import_oneroster(clean, reference, options=school)
        mirror = imported.same_mirror
        assert roster_rows(sides.store, mirror=mirror) == roster_rows(reference, mirror=mirror)
    finally:
        reference.close()
    assert _server_sums(sides.engine) == _laptop_sums(sides.store)
    for words in imported.says:
        assert words in report.summary(), report.summary()
        assert words in server_report.summary(), server_report.summary()

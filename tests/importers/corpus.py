"""Broken variants of a OneRoster package, as SIS exports, spreadsheets and file managers
break them: each is either imported exactly as its clean equivalent or refused at
``file:line:column`` (see ``test_corpus.py``, which runs every one through the laptop
import and the school server's).

A variant writes its package under a folder and says what must happen: ``Refused`` (where
and with which words) or ``Imported`` (the same roster as a clean package gives).
"""

from __future__ import annotations

import codecs
import io
import shutil
import struct
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from classroom_desk.importers.csv_source import CsvLimits
from tests.importers.packages import BASE_FILES, line_of, manifest_text, write_package

Files = Mapping[str, str | bytes]
ROSTER_KINDS = ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
Build = Callable[[Path], Path]


@dataclass(frozen=True, slots=True)
class Refused:
    """Refused at ``file`` (relative to the variant's path; ``""`` is the path itself)."""

    file: str
    line: int
    column: int | str
    starts: str
    #: Words the message must also hold (a likely cause, a hint).
    holds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Imported:
    """Imported into an empty store exactly as ``same_as`` (default: the clean package)."""

    same_as: Build | None = None
    #: Words the report must hold (what was detected, what was left out).
    says: tuple[str, ...] = ()
    #: Whether the SIS mirror must match too (not when the package holds other schools).
    same_mirror: bool = True


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    build: Build
    outcome: Refused | Imported
    #: Choices as ``import_oneroster(options=...)`` takes them (school, package).
    choices: Mapping[str, str] = field(default_factory=dict)
    limits: CsvLimits | None = None
    #: Whether the store already holds the clean roster (with a note and activity).
    onto_roster: bool | None = None
    #: What the server says instead, where it differs: it takes every school of a
    #: package (the laptop keeps one).
    on_server: Refused | None = None

    @property
    def starts_with_roster(self) -> bool:
        if self.onto_roster is not None:
            return self.onto_roster
        return isinstance(self.outcome, Refused)


# -- building packages ------------------------------------------------------------------


def folder(files: Files = BASE_FILES, *, version: str = "1.1", **modes: str) -> Build:
    def build(at: Path) -> Path:
        return write_package(at, files, version=version, modes=modes)

    return build


def with_manifest(files: Files, manifest: str | bytes) -> Build:
    """``files`` and a manifest given byte for byte (or none when it is ``b"-"``)."""

    def build(at: Path) -> Path:
        write_package(at, files)
        if manifest == b"-":
            (at / "manifest.csv").unlink()
        else:
            data = manifest.encode() if isinstance(manifest, str) else manifest
            (at / "manifest.csv").write_bytes(data)
        return at

    return build


def zipped(
    members: Mapping[str, str | bytes], *, name: str = "roster.zip", stored: bool = False
) -> Build:
    """A zip holding ``members`` (paths inside the archive) as given."""

    def build(at: Path) -> Path:
        at.mkdir(parents=True, exist_ok=True)
        archive = at / name
        method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(archive, "w", method) as zipped_file:
            for member, content in members.items():
                zipped_file.writestr(member, content)
        return archive

    return build


def package_members(
    files: Files = BASE_FILES, prefix: str = "", **modes: str
) -> dict[str, str | bytes]:
    """A package's files (manifest included) as zip members under ``prefix``."""
    members: dict[str, str | bytes] = {
        f"{prefix}manifest.csv": manifest_text(files, version="1.1", modes=modes)
    }
    members.update({f"{prefix}{name}": content for name, content in files.items()})
    return members


def in_subfolders(*names: str, files: Files = BASE_FILES) -> Build:
    """A folder holding one clean package per name, in a subfolder each."""

    def build(at: Path) -> Path:
        for name in names:
            write_package(at / name, files)
        return at

    return build


def transformed(
    change: Callable[[str, str | bytes], str | bytes], files: Files = BASE_FILES
) -> Build:
    """The package with every file (manifest too) passed through ``change(name, text)``."""

    def build(at: Path) -> Path:
        write_package(at, files)
        for path in at.iterdir():
            path.write_bytes(_as_bytes(change(path.name, path.read_text())))
        return at

    return build


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content


def replace_in(name: str, old: str, new: str, files: Files = BASE_FILES) -> dict[str, str | bytes]:
    text = files[name]
    assert isinstance(text, str) and old in text, old
    return {**files, name: text.replace(old, new)}


def add_line(name: str, line: str, files: Files = BASE_FILES) -> dict[str, str | bytes]:
    text = files[name]
    assert isinstance(text, str)
    return {**files, name: text + line}


def without_lines(name: str, *needles: str, files: Files = BASE_FILES) -> dict[str, str | bytes]:
    text = files[name]
    assert isinstance(text, str)
    kept = [line for line in text.splitlines() if not any(n in line for n in needles)]
    return {**files, name: "\n".join(kept) + "\n"}


def header_only(name: str, files: Files = BASE_FILES) -> dict[str, str | bytes]:
    text = files[name]
    assert isinstance(text, str)
    return {**files, name: text.splitlines()[0] + "\n"}


def encoded(
    name: str, codec: str, files: Files = BASE_FILES, *, bom: bytes = b""
) -> dict[str, str | bytes]:
    text = files[name]
    assert isinstance(text, str)
    return {**files, name: bom + text.encode(codec)}


# -- contents ------------------------------------------------------------------------------

CURLY = "Cleo,O\u2019Park"  # what Word and Excel type for an apostrophe
ACCENTED = replace_in("users.csv", "Ben,Ortiz", "Benoît,Ortiz")
USERS_1_2 = (
    "\n".join(
        ",".join(field for i, field in enumerate(line.split(",")) if i not in (4, 5))
        for line in BASE_FILES["users.csv"].splitlines()
    )
    + "\n"
)
"""users.csv as a OneRoster 1.2 export writes it: no orgSourcedIds and no role column."""

#: A second school: Oak Elementary's class, teacher and students (Dev is in both schools).
TWO_SCHOOLS = {
    **BASE_FILES,
    "orgs.csv": BASE_FILES["orgs.csv"] + "org-2,active,2024-08-01,Oak Elementary,school,,org-d\n",
    "courses.csv": BASE_FILES["courses.csv"]
    + "crs-o,active,2024-08-01,,Oak Reading,O4,04,org-2,Reading,\n",
    "classes.csv": BASE_FILES["classes.csv"]
    + "cls-o,active,2024-08-01,Oak Reading 4,04,crs-o,,scheduled,,org-2,term-1,,,\n",
    "users.csv": BASE_FILES["users.csv"]
    + "t-3,active,2024-08-01,true,org-2,teacher,,,Omar,Haddad,,,omar@oak.test,,,,,\n"
    + "s-5,active,2024-08-01,true,org-2,student,,,Eva,Lund,,2001,,,,,04,\n"
    + "s-6,active,2024-08-01,true,org-2,student,,,Finn,Moe,,2002,,,,,04,\n",
    "enrollments.csv": BASE_FILES["enrollments.csv"]
    + "e-t3-o,active,2024-08-01,cls-o,org-2,t-3,teacher,true,,\n"
    + "e-s5-o,active,2024-08-01,cls-o,org-2,s-5,student,false,,\n"
    + "e-s6-o,active,2024-08-01,cls-o,org-2,s-6,student,false,,\n"
    + "e-s4-o,active,2024-08-01,cls-o,org-2,s-4,student,false,,\n",
}


def _semicolons(_name: str, text: str | bytes) -> str | bytes:
    assert isinstance(text, str)
    return text.replace(",", ";")


def _semicolons_and_darnell(name: str, text: str | bytes) -> str | bytes:
    """Semicolons throughout, and a name with a comma in it (harmless here, unquoted)."""
    separated = _semicolons(name, text)
    return f"{separated}{DARNELL_SEMICOLONS}" if name == "users.csv" else separated


def _tabs(_name: str, text: str | bytes) -> str | bytes:
    assert isinstance(text, str)
    return text.replace(",", "\t")


def _crlf_with_bom(_name: str, text: str | bytes) -> str | bytes:
    assert isinstance(text, str)
    return codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode()


def _utf16_tabs(_name: str, text: str | bytes) -> str | bytes:
    """What Excel's "Unicode Text" writes: UTF-16 with a BOM, tab-separated, CRLF."""
    assert isinstance(text, str)
    return text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16")


def _excel_dates(name: str, text: str | bytes) -> str | bytes:
    """Dates as Excel re-saves them in a US locale."""
    assert isinstance(text, str)
    text = text.replace("2024-08-01", "8/1/2024 0:00")
    if name == "academicSessions.csv":
        text = text.replace("2024-08-26", "8/26/2024").replace("2024-12-20", "12/20/2024 0:00")
    return text


def _no_final_newline(_name: str, text: str | bytes) -> str | bytes:
    assert isinstance(text, str)
    return text.rstrip("\n")


def _zip_bomb(at: Path) -> Path:
    """users.csv followed by five million blank lines: 5 MB that packs into a few KB."""
    members = package_members()
    members["users.csv"] = BASE_FILES["users.csv"] + "\n" * 5_000_000
    return zipped(members)(at)


def _nested_zip(at: Path) -> Path:
    inner = zipped(package_members(), name="inner.zip")(at / "inner")
    return zipped({"roster.zip": inner.read_bytes()}, name="outer.zip")(at)


def _truncated_zip(at: Path) -> Path:
    archive = zipped(package_members())(at)
    archive.write_bytes(archive.read_bytes()[:-200])
    return archive


def _encrypted_zip(at: Path) -> Path:
    """A zip whose members say they are encrypted (the flag a password-protected zip sets)."""
    archive = zipped(package_members(), stored=True)(at)
    data = bytearray(archive.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := data.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", data, found + flag_offset)
            struct.pack_into("<H", data, found + flag_offset, flags | 1)
            start = found + 4
    archive.write_bytes(bytes(data))
    return archive


def _many_members(at: Path) -> Path:
    members = package_members()
    members.update({f"junk/{n}.txt": "" for n in range(6000)})
    return zipped(members)(at)


def _xlsx_as_users(at: Path) -> Path:
    """A spreadsheet saved over users.csv (an .xlsx is a zip: it starts PK\\x03\\x04)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
    return folder({**BASE_FILES, "users.csv": buffer.getvalue()})(at)


def _spring(files: Files = BASE_FILES) -> Files:
    return replace_in("users.csv", "Ava,Nguyen", "Ava,Nguyen-Park", files)


def _two_packages_zip(at: Path) -> Path:
    members = package_members(prefix="fall/")
    members.update(package_members(_spring(), prefix="spring/"))
    return zipped(members)(at)


def _macos_zip(at: Path) -> Path:
    members = package_members(prefix="roster/")
    members.update(
        {"__MACOSX/roster/._manifest.csv": b"\x00\x05\x16\x07", "roster/.DS_Store": b"\x00\x00"}
    )
    return zipped(members)(at)


def _sds(version: str, *, without: str) -> Build:
    """Microsoft's SDS sample of ``version`` with one of its files left out."""

    def build(at: Path) -> Path:
        shutil.copytree(Path(__file__).with_name("fixtures") / "sds" / version, at)
        (at / without).unlink()
        return at

    return build


def _sds_v1(at: Path) -> Path:
    source = Path(__file__).with_name("fixtures") / "sds" / "v1_min"
    shutil.copytree(source, at)
    return at


USERS_WIDTH = len(BASE_FILES["users.csv"].splitlines()[0].split(","))
DARNELL = "s-5,active,2024-08-01,true,org-1,student,,,Darnell,Smith, Jr.,,1005,,,,,04,\n"
DARNELL_QUOTED = 's-5,active,2024-08-01,true,org-1,student,,,Darnell,"Smith, Jr.",,1005,,,,,04,\n'
DARNELL_SEMICOLONS = DARNELL.replace(",", ";").replace("Smith; Jr.", "Smith, Jr.")

CORPUS: tuple[Variant, ...] = (
    # -- the cases a school IT person hit ----------------------------------------------
    Variant(
        "OneRoster 1.2 users.csv with no role column and no roles.csv",
        folder({**BASE_FILES, "users.csv": USERS_1_2}, version="1.2"),
        Refused(
            "users.csv",
            1,
            "role",
            "expected roles.csv or a role column in users.csv",
            ("OneRoster 1.2 keeps roles in roles.csv",),
        ),
    ),
    Variant(
        "an unquoted comma in a name (Darnell,Smith, Jr.)",
        folder(add_line("users.csv", DARNELL)),
        Refused(
            "users.csv",
            9,
            USERS_WIDTH + 1,
            f"{USERS_WIDTH + 1} fields where the header has {USERS_WIDTH}; "
            "is there an unquoted comma in a name?",
        ),
    ),
    Variant(
        "the same name quoted, as it should be",
        folder(add_line("users.csv", DARNELL_QUOTED)),
        Imported(folder(add_line("users.csv", DARNELL_QUOTED))),
    ),
    Variant(
        "semicolon-separated (Excel in a European locale), manifest too",
        transformed(_semicolons),
        Imported(says=("semicolon-separated",)),
    ),
    Variant(
        "semicolon-separated with an unquoted comma inside a name",
        transformed(_semicolons_and_darnell),
        Imported(folder(add_line("users.csv", DARNELL_QUOTED)), says=("semicolon-separated",)),
    ),
    Variant(
        "tab-separated",
        transformed(_tabs),
        Imported(says=("tab-separated",)),
    ),
    Variant(
        "semicolons in users.csv alone",
        folder({**BASE_FILES, "users.csv": BASE_FILES["users.csv"].replace(",", ";")}),
        Imported(says=("users.csv is semicolon-separated",)),
    ),
    Variant(
        "a semicolon header over comma-separated rows",
        folder(
            {
                **BASE_FILES,
                "users.csv": BASE_FILES["users.csv"].replace(",", ";", USERS_WIDTH - 1),
            }
        ),
        Refused("users.csv", 2, 1, "1 field where the header has", ("separated by ';'",)),
    ),
    Variant(
        "pipe-separated",
        transformed(lambda _n, t: str(t).replace(",", "|")),
        Refused("manifest.csv", 1, 1, "expected comma-, semicolon- or tab-separated values"),
    ),
    Variant(
        "an empty manifest.csv",
        with_manifest(BASE_FILES, b""),
        Refused("manifest.csv", 1, 1, "expected the manifest's properties"),
    ),
    Variant(
        "a manifest with its header row only",
        with_manifest(BASE_FILES, "propertyName,value\n"),
        Refused("manifest.csv", 1, 1, "expected the manifest's properties"),
    ),
    Variant(
        "a manifest that lists every file as absent",
        folder(
            BASE_FILES,
            **dict.fromkeys(ROSTER_KINDS, "absent"),
        ),
        Refused(
            "manifest.csv", 1, 1, "expected file.users or another roster file as bulk or delta"
        ),
    ),
    Variant(
        "users.csv saved over manifest.csv",
        with_manifest(BASE_FILES, BASE_FILES["users.csv"]),
        Refused("manifest.csv", 1, 1, "expected the manifest's properties"),
    ),
    Variant(
        "no manifest.csv",
        with_manifest(BASE_FILES, b"-"),
        Refused("manifest.csv", 1, 1, "expected a OneRoster package: manifest.csv is missing"),
    ),
    Variant(
        "a zip holding two packages",
        _two_packages_zip,
        Refused("", 1, 1, "expected one package", ("fall", "spring", "--package")),
    ),
    Variant(
        "a zip holding two packages, one chosen",
        _two_packages_zip,
        Imported(folder(_spring())),
        choices={"package": "spring"},
    ),
    Variant(
        "a folder holding two packages",
        in_subfolders("2024-fall", "2024-spring"),
        Refused("", 1, 1, "expected one package", ("2024-fall", "2024-spring", "--package")),
    ),
    Variant(
        "a folder holding one package in a subfolder",
        in_subfolders("export"),
        Imported(),
    ),
    Variant(
        "a package with two schools, none chosen",
        folder(TWO_SCHOOLS),
        Refused(
            "orgs.csv",
            1,
            1,
            "expected one school",
            ("Maple Elementary", "Oak Elementary", "--school"),
        ),
        onto_roster=False,
        on_server=Refused(
            "enrollments.csv",
            line_of("enrollments.csv", "e-s4-o,", TWO_SCHOOLS),
            6,
            "expected each student in one school: Dev Shah (s-4) is in classes of Oak",
        ),
    ),
    Variant(
        "a package with two schools, one chosen",
        folder(TWO_SCHOOLS),
        Imported(says=("Oak Elementary",), same_mirror=False),
        choices={"school": "org-1"},
    ),
    Variant(
        "a package with two schools, into a store that holds one of them",
        folder(TWO_SCHOOLS),
        Imported(says=("classes of other schools (Oak Elementary): 1",), same_mirror=False),
        onto_roster=True,
    ),
    Variant(
        "a package with two schools, chosen by name",
        folder(TWO_SCHOOLS),
        Imported(says=("not enrolled in a class of Maple Elementary",), same_mirror=False),
        choices={"school": "maple elementary"},
    ),
    Variant(
        "a school chosen that the package does not hold",
        folder(TWO_SCHOOLS),
        Refused("orgs.csv", 1, 1, "expected --school to name a school of the package", ("org-9",)),
        choices={"school": "org-9"},
        onto_roster=False,
    ),
    # -- encodings ------------------------------------------------------------------------
    Variant(
        "UTF-8 with a byte order mark and CRLF, every file",
        transformed(_crlf_with_bom),
        Imported(),
    ),
    Variant(
        "UTF-16 (little-endian, with its BOM)",
        folder(encoded("users.csv", "utf-16-le", ACCENTED, bom=codecs.BOM_UTF16_LE)),
        Imported(folder(ACCENTED), says=("users.csv is UTF-16",)),
    ),
    Variant(
        "UTF-16 (big-endian, with its BOM)",
        folder(encoded("users.csv", "utf-16-be", ACCENTED, bom=codecs.BOM_UTF16_BE)),
        Imported(folder(ACCENTED)),
    ),
    Variant(
        "Excel's Unicode Text: UTF-16, tab-separated, every file",
        transformed(_utf16_tabs, ACCENTED),
        Imported(folder(ACCENTED), says=("UTF-16", "tab-separated")),
    ),
    Variant(
        "UTF-16 without a byte order mark",
        folder(encoded("users.csv", "utf-16-le")),
        Refused("users.csv", 1, 1, "expected text; found a NUL byte"),
    ),
    Variant(
        "Latin-1",
        folder(encoded("users.csv", "latin-1", ACCENTED)),
        Refused("users.csv", 5, 9, "expected UTF-8 text; found the byte 0xEE", ("î",)),
    ),
    Variant(
        "Windows-1252 curly apostrophe",
        folder(encoded("users.csv", "cp1252", replace_in("users.csv", "Cleo,Park", CURLY))),
        Refused("users.csv", 6, 10, "expected UTF-8 text; found the byte 0x92"),
    ),
    Variant(
        "a spreadsheet (.xlsx) saved as users.csv",
        _xlsx_as_users,
        Refused("users.csv", 1, 1, "expected CSV text", ("Excel",)),
    ),
    Variant(
        "a NUL byte in a value",
        folder(replace_in("courses.csv", "Art,", "A\0rt,")),
        Refused("courses.csv", 4, 5, "expected text; found a NUL byte"),
    ),
    # -- CSV structure ----------------------------------------------------------------------
    Variant(
        "empty fields past the header's last column",
        folder(
            replace_in(
                "orgs.csv",
                "org-1,active,2024-08-01,Maple Elementary,school,,org-d",
                "org-1,active,2024-08-01,Maple Elementary,school,,org-d,,",
            )
        ),
        Refused("orgs.csv", 3, 8, "9 fields where the header has 7"),
    ),
    Variant(
        "a value past the header's last column",
        folder(replace_in("orgs.csv", "district,,", "district,,,Maple")),
        Refused("orgs.csv", 2, 8, "8 fields where the header has 7"),
    ),
    Variant(
        "an unclosed quote",
        folder(replace_in("classes.csv", "Homeroom 4A", '"Homeroom 4A')),
        Refused("classes.csv", 3, 4, "expected a closing quote for the value that starts here"),
    ),
    Variant(
        "text after a closing quote",
        folder(replace_in("classes.csv", "Homeroom 4A", '"Homeroom" 4A')),
        Refused("classes.csv", 3, 4, "expected a comma after a closing quote"),
    ),
    Variant(
        "lines ending in a carriage return alone (old Mac)",
        transformed(lambda _n, t: str(t).replace("\n", "\r")),
        Refused("manifest.csv", 1, 2, "expected lines ending in LF or CRLF"),
    ),
    Variant(
        "no newline at the end of any file",
        transformed(_no_final_newline),
        Imported(),
    ),
    Variant(
        "a column named twice",
        folder(replace_in("orgs.csv", "identifier,", "NAME,")),
        Refused("orgs.csv", 1, 6, "expected each column once; name is also column 4"),
    ),
    Variant(
        "no sourcedId column",
        folder(replace_in("courses.csv", "sourcedId,status", "id,status")),
        Refused("courses.csv", 1, "sourcedId", "expected a column named sourcedId"),
    ),
    Variant(
        "a 1.1 users.csv without its role column",
        folder(
            replace_in(
                "users.csv", "enabledUser,orgSourcedIds,role,", "enabledUser,orgSourcedIds,kind,"
            )
        ),
        Refused("users.csv", 1, "role", "expected a column named role"),
    ),
    Variant(
        "an unknown status",
        folder(replace_in("courses.csv", "crs-m,active", "crs-m,deleted")),
        Refused("courses.csv", 3, 2, "expected active, tobedeleted or blank; found 'deleted'"),
    ),
    Variant(
        "a primary flag that is no boolean",
        folder(replace_in("enrollments.csv", "t-1,teacher,true", "t-1,teacher,maybe")),
        Refused("enrollments.csv", 2, 8, "expected true or false; found 'maybe'"),
    ),
    Variant(
        "a sourcedId twice in a bulk file",
        folder(add_line("users.csv", "s-2,active,,true,org-1,student,,,Bo,Ortiz,,,,,,,04,\n")),
        Refused("users.csv", 9, 1, "expected each sourcedId once in a bulk file"),
    ),
    Variant(
        "an enrollment in a class nobody provides",
        folder(add_line("enrollments.csv", "e-x,active,,cls-nope,org-1,s-1,student,,,\n")),
        Refused("enrollments.csv", 12, 4, "expected classSourcedId to name a class"),
    ),
    # -- dates: checked only where they are used (nowhere in the roster) -------------------
    Variant(
        "dates as Excel re-saves them (8/1/2024 0:00)",
        transformed(_excel_dates),
        Imported(transformed(_excel_dates)),
    ),
    Variant(
        "an impossible dateLastModified",
        folder(replace_in("users.csv", "s-3,active,2024-08-01", "s-3,active,2024-02-30")),
        Imported(),
    ),
    Variant(
        "a day-first date no month-first reading allows",
        folder(
            replace_in("enrollments.csv", "e-s4-a,active,2024-08-01", "e-s4-a,active,31/13/2024")
        ),
        Imported(),
    ),
    # -- zips -------------------------------------------------------------------------------
    Variant("a zip of the files themselves", zipped(package_members()), Imported()),
    Variant(
        "a zip of a folder, with macOS's __MACOSX and .DS_Store",
        _macos_zip,
        Imported(),
    ),
    Variant(
        "a zip inside the zip",
        _nested_zip,
        Refused("", 1, 1, "expected the package's files", ("roster.zip",)),
    ),
    Variant(
        "a zip bomb (a member that unpacks a thousand times larger)",
        _zip_bomb,
        Refused("users.csv", 1, 1, "expected a file that unpacks to at most"),
    ),
    Variant(
        "a truncated zip",
        _truncated_zip,
        Refused("", 1, 1, "expected a OneRoster folder or .zip file"),
    ),
    Variant(
        "a password-protected zip",
        _encrypted_zip,
        Refused("", 1, 1, "expected a zip without a password"),
    ),
    Variant(
        "a zip of six thousand files",
        _many_members,
        Refused("", 1, 1, "expected a zip of at most"),
    ),
    # -- sizes -------------------------------------------------------------------------------
    Variant(
        "an empty users.csv",
        folder({**BASE_FILES, "users.csv": ""}),
        Refused("users.csv", 1, 1, "expected a header row (the file is empty)"),
    ),
    Variant(
        "a file over the size limit",
        folder(),
        Refused("users.csv", 1, 1, "expected a file of at most 600 bytes"),
        limits=CsvLimits(max_file_bytes=600),
    ),
    Variant(
        "a line over the length limit",
        folder(replace_in("users.csv", "Cleo,Park", "Cleo," + "P" * 300)),
        Refused("users.csv", 6, 1, "expected lines of at most 200 bytes"),
        limits=CsvLimits(max_line_bytes=200),
    ),
    Variant(
        "a value over the CSV field limit",
        folder(replace_in("users.csv", "Cleo,Park", 'Cleo,"' + "P" * 140_000 + '"')),
        Refused("users.csv", 6, 10, "expected values of at most"),
    ),
    # -- packages that would import nobody ---------------------------------------------------
    Variant(
        "users.csv and enrollments.csv with their header rows only",
        folder(header_only("users.csv", header_only("enrollments.csv"))),
        Refused("users.csv", 1, 1, "expected teachers or students"),
    ),
    Variant(
        "no user with a teacher or student role",
        folder(
            {
                **BASE_FILES,
                "users.csv": BASE_FILES["users.csv"]
                .replace(",student,", ",pupil,")
                .replace(",teacher,", ",instructor,"),
            }
        ),
        Refused("users.csv", 1, 1, "expected teachers or students", ("pupil",)),
    ),
    Variant(
        "every user marked tobedeleted",
        folder(
            {
                **BASE_FILES,
                "users.csv": BASE_FILES["users.csv"].replace(",active,", ",tobedeleted,"),
            }
        ),
        Refused("users.csv", 1, 1, "expected teachers or students"),
    ),
    # -- large removals need a yes ----------------------------------------------------------
    Variant(
        "a bulk users.csv that lists half the students (a partial export)",
        folder(
            without_lines(
                "users.csv",
                "s-1,",
                "s-2,",
                files=without_lines("enrollments.csv", ",s-1,", ",s-2,"),
            )
        ),
        Refused(
            "users.csv",
            1,
            1,
            "this import would remove or make inactive 2 of 4 students (50%: Ava Nguyen, "
            "Ben Ortiz)",
            ("is it a partial export", "--confirm-removals"),
        ),
    ),
    Variant(
        "the class with activity left out of classes.csv",
        folder(
            without_lines(
                "classes.csv", "cls-r,", files=without_lines("enrollments.csv", ",cls-r,")
            )
        ),
        Refused(
            "classes.csv",
            1,
            1,
            "this import would remove or make inactive 1 class with activity (Reading 4A)",
            ("a bulk classes.csv that does not list them",),
        ),
    ),
    # -- School Data Sync exports that cannot be read -----------------------------------------
    Variant(
        "School Data Sync v1 (School.csv, Student.csv...)",
        _sds_v1,
        Refused("", 1, 1, "expected a OneRoster package", ("School Data Sync", "v1")),
    ),
    Variant(
        "School Data Sync v2.1 without roles.csv",
        _sds("v2_1", without="roles.csv"),
        Refused(
            "users.csv",
            1,
            "role",
            "expected roles.csv beside users.csv",
            ("School Data Sync v2.1",),
        ),
    ),
    Variant(
        "School Data Sync v2 without orgs.csv",
        _sds("v2", without="orgs.csv"),
        Refused("orgs.csv", 1, 1, "expected orgs.csv beside users.csv", ("School Data Sync",)),
    ),
)

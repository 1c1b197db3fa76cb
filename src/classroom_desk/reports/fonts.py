"""Fonts for reports and charts, so every student's name prints in its own script.

matplotlib draws text with the first font of ``font.family`` that has each glyph (per-glyph
fallback), and lays it out with libraqm, which it bundles: Arabic letters join and right-
to-left runs read right to left, with no code of ours (the maintained library is
matplotlib's own layout, HarfBuzz and FriBiDi underneath). What is needed is fonts:
DejaVu Sans (matplotlib's own: Latin, Greek, Cyrillic, Hebrew, Arabic) first, then the
Noto fonts for the scripts it lacks. The packaged app ships those files
(``classroom_desk/fonts``, see ``packaging/classroom-desk.spec``); run from source they are
the system's (Debian ``fonts-noto-core`` and ``fonts-noto-cjk``, which
``packaging/install-system-deps.sh`` installs). They are registered by file, so a
matplotlib font cache made before they were installed does not hide them.
"""

from __future__ import annotations

import functools
from pathlib import Path

#: The families tried in order for each glyph, with the file that holds each one.
FALLBACK_FONTS: tuple[tuple[str, str], ...] = (
    ("DejaVu Sans", ""),  # matplotlib ships it
    ("Noto Sans", "NotoSans-Regular.ttf"),
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf"),
    ("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf"),
    ("Noto Sans CJK JP", "NotoSansCJK-Regular.ttc"),  # Chinese, Japanese and Korean
    ("Noto Sans Devanagari", "NotoSansDevanagari-Regular.ttf"),
    ("Noto Sans Bengali", "NotoSansBengali-Regular.ttf"),
    ("Noto Sans Gurmukhi", "NotoSansGurmukhi-Regular.ttf"),
    ("Noto Sans Gujarati", "NotoSansGujarati-Regular.ttf"),
    ("Noto Sans Tamil", "NotoSansTamil-Regular.ttf"),
    ("Noto Sans Telugu", "NotoSansTelugu-Regular.ttf"),
    ("Noto Sans Thai", "NotoSansThai-Regular.ttf"),
    ("Noto Sans Lao", "NotoSansLao-Regular.ttf"),
    ("Noto Sans Khmer", "NotoSansKhmer-Regular.ttf"),
    ("Noto Sans Myanmar", "NotoSansMyanmar-Regular.ttf"),
    ("Noto Sans Ethiopic", "NotoSansEthiopic-Regular.ttf"),
    ("Noto Sans Armenian", "NotoSansArmenian-Regular.ttf"),
    ("Noto Sans Georgian", "NotoSansGeorgian-Regular.ttf"),
)
#: Bold weights that matter for titles (the rest fall back to their regular weight).
BOLD_FILES = ("NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf")
FONT_FILES: tuple[str, ...] = tuple(f for _, f in FALLBACK_FONTS if f) + BOLD_FILES
#: Where the packaged app keeps its copies.
BUNDLED_FONTS = Path(__file__).resolve().parent.parent / "fonts"


def font_files() -> list[Path]:
    """The fallback font files found: the bundled copies first, else the system's."""
    found = {p.name: p for p in sorted(BUNDLED_FONTS.glob("*")) if p.name in FONT_FILES}
    if len(found) < len(FONT_FILES):
        from matplotlib import font_manager

        for name in font_manager.findSystemFonts(fontext="ttf"):  # .ttf, .otf and .ttc
            path = Path(name)
            if path.name in FONT_FILES:
                found.setdefault(path.name, path)
    return [found[name] for name in FONT_FILES if name in found]


@functools.cache
def use_report_fonts() -> tuple[str, ...]:
    """Register the fallback fonts with matplotlib and make them its font list (once);
    returns the families in use, in fallback order."""
    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    for path in font_files():
        if str(path) not in known:
            manager.addfont(str(path))
    names = {entry.name for entry in manager.ttflist}
    families = tuple(family for family, _ in FALLBACK_FONTS if family in names)
    matplotlib.rcParams["font.family"] = list(families)
    return families


def isolate(name: str) -> str:
    """``name`` as a Unicode first-strong isolate: an Arabic or Hebrew name keeps its own
    direction inside an English line without reordering the line around it (without it,
    "محمد: progress in Math" would print with the name at the right end)."""
    return f"\u2068{name}\u2069"

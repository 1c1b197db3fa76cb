#!/usr/bin/env bash
# Installs the Debian packages Classroom Desk needs, and only those that are missing.
#
#   packaging/install-system-deps.sh [venv|offscreen|test|run|bundle]...
#
#   venv       python3-venv, when this Python cannot make a venv (every group checks it)
#   offscreen  Qt's offscreen platform: --smoke-test, benchmarks, the bundle's smoke test
#   test       offscreen plus PostgreSQL (the school server's tests start a throwaway
#              cluster of their own, and skip without it), gnome-keyring and D-Bus (the
#              store key in a real Secret Service) and the report fonts
#   run        offscreen plus the X11/xcb and Wayland libraries a real window needs, and
#              the report fonts
#   bundle     run's packages plus binutils (PyInstaller needs objdump; the display
#              libraries and the report fonts are found at build time and shipped inside
#              the bundle)
#
# Nothing happens when every package is present (dpkg -s), so calling this on every
# `make` is cheap. `apt-get update` runs once, only when something must be installed;
# sudo is used only when not root. On a system without dpkg it prints what Qt needs
# and does nothing. Set CLASSROOM_DESK_SKIP_SYSTEM_DEPS=1 to skip it entirely.
set -euo pipefail

if [[ "${CLASSROOM_DESK_SKIP_SYSTEM_DEPS:-0}" == 1 ]]; then
    exit 0
fi

PYTHON="${PYTHON:-python3}"

# Qt's offscreen platform plugin and QtCore/QtGui/QtWidgets link these (checked with ldd
# on the PySide6-Essentials wheel); fonts so text has glyphs to measure and paint.
OFFSCREEN=(
    libglib2.0-0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
    fonts-dejavu-core
)
# The xcb and wayland platform plugins (a real window on an X11 or Wayland desktop).
DISPLAY_LIBS=(
    libx11-xcb1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-render0
    libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
    libwayland-client0 libwayland-cursor0 libwayland-egl1
)
BUNDLE=(binutils)
# Reports and charts print every student's name in its own script (reports/fonts.py):
# Noto for the scripts DejaVu lacks. fonts-noto-core is 12 MB to download (43 MB
# installed: every script, of which the bundle ships 2 MB), fonts-noto-cjk 57 MB (91 MB:
# Chinese, Japanese and Korean; the bundle ships its 19 MB regular weight). The smaller
# fonts-droid-fallback covers CJK too but is no longer maintained.
FONTS=(fonts-noto-core fonts-noto-cjk)
# The server runs on PostgreSQL for a district; its tests skip without these binaries.
# A real Secret Service for the store-key test: gnome-keyring-daemon on a private session
# bus started by dbus-run-session (in dbus-daemon).
TEST_ONLY=(postgresql gnome-keyring dbus-daemon)

wanted=()
for group in "${@:-test}"; do
    case "$group" in
        venv) ;;
        offscreen) wanted+=("${OFFSCREEN[@]}") ;;
        test) wanted+=("${OFFSCREEN[@]}" "${TEST_ONLY[@]}" "${FONTS[@]}") ;;
        run) wanted+=("${OFFSCREEN[@]}" "${DISPLAY_LIBS[@]}" "${FONTS[@]}") ;;
        bundle) wanted+=("${OFFSCREEN[@]}" "${DISPLAY_LIBS[@]}" "${BUNDLE[@]}" "${FONTS[@]}") ;;
        *)
            echo "install-system-deps: unknown group '$group' (venv, offscreen, test, run," \
                "bundle)" >&2
            exit 2
            ;;
    esac
done

# A Python without venv/ensurepip (Debian's python3 without python3-venv) cannot make .venv.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
fi

if ! command -v dpkg >/dev/null 2>&1; then
    echo "install-system-deps: no dpkg here; make sure these (Debian names) are installed:" >&2
    echo "  ${wanted[*]}" >&2
    exit 0
fi

missing=()
for package in "${wanted[@]}"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ "$(id -u)" == 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-system-deps: missing ${missing[*]} and not root (no sudo either)." >&2
    echo "  Install them, or set CLASSROOM_DESK_SKIP_SYSTEM_DEPS=1 to try without." >&2
    exit 1
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

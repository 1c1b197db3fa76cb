"""Entry script of the PyInstaller bundle: the same ``main`` as the ``classroom-desk`` command."""

import sys

from classroom_desk.app import main

if __name__ == "__main__":
    sys.exit(main())

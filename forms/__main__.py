"""``python -m forms form ...``: the form commands before they are wired into ``photocheck``."""

from __future__ import annotations

import sys

from forms.cli import main

if __name__ == "__main__":
    sys.exit(main())

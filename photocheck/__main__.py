"""`python -m photocheck` is the `photocheck` command."""

import sys

from photocheck.cli import main

sys.exit(main())

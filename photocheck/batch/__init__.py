"""Checking many photos at once: parallel workers, streamed outputs, a hot folder for booths.

`run_batch(paths)` yields one Report per path as results arrive; `photocheck batch` is the command
built on it. See `engine` for the API and `pool` for how crashes and hangs are contained.
"""

from __future__ import annotations

from photocheck.batch.engine import run_batch, run_outcomes
from photocheck.batch.outcome import Outcome

__all__ = ["Outcome", "run_batch", "run_outcomes"]

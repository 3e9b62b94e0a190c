"""The `skip` a face rule gives when the photo has no single meshed face to measure.

Shared by face_rules.py and visibility_rules.py so both say it the same way, and each case is
one whole sentence (a translator never glues "Not judged:" to a fragment).
"""

from __future__ import annotations

from photocheck.report import Check, Status, Text
from photocheck.vision.faces import FaceAnalysis

_NO_FACE = Text("Not judged: no face was found.")
_MANY_FACES = Text("Not judged: {n} faces were found.")
_NO_LANDMARKS = Text("Not judged: the face's landmarks could not be found.")


def not_judged(analysis: FaceAnalysis) -> Text:
    """Why a rule needing exactly one meshed face cannot judge this photo."""
    n = len(analysis.counted)
    if n == 0:
        return _NO_FACE
    if n > 1:
        return _MANY_FACES.format(n=n)
    return _NO_LANDMARKS


def skip_without_face(rule_id: str, analysis: FaceAnalysis) -> Check | None:
    """A `skip` for rules that need exactly one meshed face, else None."""
    if analysis.single:
        return None
    return Check(rule_id, Status.SKIP, not_judged(analysis))

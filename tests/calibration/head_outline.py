"""Does the head's OUTLINE tell a covering from a bare head? Measures over the NG target's photos.

Issue 20 asked whether the person mask's top contour (from the selfie segmentation the checker
already runs) against the skull the face mesh predicts separates real head coverings from bare
heads: a brim or a peak sticks out (wider outline, an abrupt step), a beanie or a turban is a
smooth symmetric dome, a cap's lower edge runs across the hair in one arc. This prints, per
measure, the look-alikes' range by skin-tone group and, for each real covering, how many
look-alikes measure at least as far out as it (0 would mean it separates). The checker does not
use these measures: none separated (docs/calibration-face.md, "face.head_covering on real
coverings"). Run: `python -m tests.calibration.head_outline` (needs ../shared/photos/dev3).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime

import cv2
import numpy as np

from photocheck.context import Context
from photocheck.source import load
from photocheck.vision import faces, person
from photocheck.vision.head_covering import skin_lab, upright_head_band
from tests.calibration import ng_list

Measures = dict[str, float]


def mask_outline(mask: np.ndarray, landmarks: np.ndarray) -> Measures:
    """Outline measures on the analysis grid's person confidence `mask`, in face units.

    `landmarks` are already scaled to the grid. The top contour is read per column within 0.8
    face widths of the face's centre, above the mesh top.
    """
    top, chin = landmarks[faces.FOREHEAD_TOP, :2], landmarks[faces.CHIN, :2]
    mesh_h = float(np.linalg.norm(top - chin))
    face_w = float(np.linalg.norm(landmarks[454, :2] - landmarks[234, :2]))
    centre, top_row = (landmarks[454, 0] + landmarks[234, 0]) / 2, int(top[1])
    is_person = mask >= person.PERSON_THRESHOLD
    cols = np.arange(max(0, int(centre - 0.8 * face_w)),
                     min(mask.shape[1], int(centre + 0.8 * face_w) + 1))
    firsts = [np.flatnonzero(is_person[: top_row + 1, c]) for c in cols]
    tops = np.array([f[0] if f.size else np.nan for f in firsts], float)
    ok = np.isfinite(tops)
    if top_row < 1 or ok.sum() < 6 or mesh_h < 12:
        return {}
    crown = int(np.nanmin(tops))
    span = slice(max(0, int(centre - 1.5 * face_w)), int(centre + 1.5 * face_w))
    widths = np.array([is_person[r, span].sum() for r in range(crown, top_row + 1)], float)
    x, y = (cols[ok] - centre) / face_w, tops[ok] / mesh_h
    fit = np.polyfit(x, y, 2)
    sides = np.linspace(0.1, 0.7, 13)
    band = mask[max(0, int(top_row - 0.8 * mesh_h)): top_row, cols[0]: cols[-1] + 1]
    return {
        "crown height": (top_row - crown) / mesh_h,  # a hat sits on the hair: a higher crown
        "widest": widths.max() / face_w,  # a brim reaches past the hair
        "width near crown": widths[len(widths) // 4] / face_w,  # a flat top or a dome
        "roughness": float(np.std(y - np.polyval(fit, x))),  # strands vs a smooth dome
        "dome curvature": float(fit[0]),
        "largest step": float(np.abs(np.diff(y)).max()),  # a peak or brim edge
        "asymmetry": float(np.mean(np.abs(np.interp(-sides, x, y) - np.interp(sides, x, y)))),
        "soft edge": float(((band > 0.1) & (band < 0.9)).sum() / len(cols) / (mesh_h / 10)),
    }


def covering_edge(pixels: np.ndarray, landmarks: np.ndarray, mask: np.ndarray) -> Measures:
    """The strongest smooth arc across the head top between two non-skin regions inside the
    person (a cap's or a band's lower edge over hair): its median vertical contrast (Lab).

    Found as a seam (one row per column, moving at most a row per column) over the upright band
    between the temples, above the mesh top; a hairline has skin below it, so it is left out.
    """
    band = upright_head_band(pixels, landmarks)
    inside = upright_head_band(np.repeat((mask * 255).astype(np.uint8)[..., None], 3, 2),
                               landmarks)[..., 0] > 0.7 * 255
    width = 120
    size = (width, max(8, int(band.shape[0] * width / max(band.shape[1], 1))))
    band = cv2.resize(band, size, interpolation=cv2.INTER_AREA)
    inside = cv2.erode(cv2.resize(inside.astype(np.uint8), size), np.ones((5, 5), np.uint8)) > 0
    skin = skin_lab(pixels, landmarks)
    away = np.sqrt((((band - skin) * np.array([0.5, 1.0, 1.0])) ** 2).sum(-1)) > 18
    ok = inside & away
    ok = ok & np.roll(ok, 3, 0) & np.roll(ok, -3, 0)
    blur = cv2.GaussianBlur(band, (0, 0), 1.0)
    grad = np.abs(np.roll(blur, -2, 0) - np.roll(blur, 2, 0)).max(-1) / 4
    grad[~ok], grad[:4], grad[-4:] = 0, 0, 0
    h = band.shape[0]
    grad = grad[: min(h, int(0.5 * h / 0.72 + 0.05 * h)), width // 6: width - width // 6]
    cost = -grad.copy()
    for j in range(1, cost.shape[1]):
        prev = cost[:, j - 1]
        cost[:, j] += np.minimum(np.minimum(prev, np.roll(prev, 1)), np.roll(prev, -1))
    row, path = int(np.argmin(cost[:, -1])), []
    for j in range(cost.shape[1] - 1, -1, -1):
        path.append(grad[row, j])
        if j:
            row = min((r for r in (row - 1, row, row + 1) if 0 <= r < cost.shape[0]),
                      key=lambda r, j=j: cost[r, j - 1])
    return {"covering edge": float(np.median(path))}


def measure(file: str) -> Measures | None:
    """Every outline measure of one photo, or None when no face was meshed."""
    path = ng_list.DEV3_PHOTOS.parent / file if "/" in file else ng_list.DEV3_PHOTOS / file
    ctx = Context(load(path), "online", datetime.now())
    if ctx.decode_error:
        return None
    analysis = faces.faces(ctx)
    if analysis.landmarks is None:
        return None
    grid = person.person_mask(ctx).person
    scale = grid.shape[1] / ctx.working.width
    full = cv2.resize(grid, (ctx.working.width, ctx.working.height))
    on_grid = analysis.landmarks.copy()
    on_grid[:, :2] *= scale
    return (mask_outline(grid, on_grid)
            | covering_edge(ctx.working.pixels, analysis.landmarks, full))


def beyond(value: float, others: np.ndarray) -> int:
    """How many of `others` lie at least as far from their median, on `value`'s side."""
    middle = float(np.nanmedian(others))
    side: Callable[[np.ndarray], np.ndarray] = (
        (lambda o: o >= value) if value >= middle else (lambda o: o <= value))
    return int(np.sum(side(others)))


def main() -> int:
    if not ng_list.present():
        print("no dev3 photos beside the checkout; nothing to measure")
        return 0
    target = next(t for t in ng_list.TARGETS if t.name == "head coverings")
    positives = target.positives()
    measured = {f: measure(f) for f in positives + target.confusers()}
    found = {f: m for f, m in measured.items() if m}
    names = sorted({name for m in found.values() for name in m})
    for name in names:
        look = {f: m[name] for f, m in found.items() if f not in positives and name in m}
        others = np.array(list(look.values()), float)
        by_tone: dict[str, list[float]] = {}
        for f, v in look.items():
            by_tone.setdefault(ng_list._tone(f), []).append(v)
        ranges = ", ".join(f"{t} {min(v):.2f}/{np.median(v):.2f}/{max(v):.2f}"
                           for t, v in sorted(by_tone.items()))
        print(f"{name}: look-alikes min/median/max by tone: {ranges}")
        for f in positives:
            if f in found and name in found[f]:
                v = found[f][name]
                print(f"   {f} ({ng_list._tone(f)}): {v:.3f}, "
                      f"look-alikes as far out: {beyond(v, others)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

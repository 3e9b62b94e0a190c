"""Synthetic occlusions, shadows, red eyes and open mouths painted on a real face from its mesh.

Each painter takes a portrait (RGB uint8) and its 478-point face mesh (working px, as
`photocheck.vision.faces` gives it) and returns a new portrait with one thing changed: a surgical
mask, sunglasses, a skin-coloured hand over one eye, hair strands over the eyes, half the face in
shadow (soft or hard edge), dark eye sockets, red pupils, an open mouth with teeth. They are the
positives the visibility rules are calibrated and tested on (docs/calibration-visibility.md).
Everything is deterministic.
"""

from __future__ import annotations

import cv2
import numpy as np

MASK_OUTLINE = (234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365,
                397, 288, 361, 323, 454, 346, 197, 117)
"""Cheekbone, along the jaw to the other cheekbone, up under the eyes and over the nose."""
EYES = {"right": (33, 133, 159, 145, 468), "left": (263, 362, 386, 374, 473)}
"""Per eye: outer and inner corner, upper and lower lid, iris centre (mediapipe indices)."""
SURGICAL_BLUE = (168, 200, 226)


def _pts(landmarks: np.ndarray) -> np.ndarray:
    return landmarks[:, :2].astype(np.float64)


def _eye_geometry(landmarks: np.ndarray, side: str) -> tuple[np.ndarray, float]:
    """Centre and corner-to-corner width of one eye."""
    p = _pts(landmarks)
    outer, inner = EYES[side][:2]
    return (p[outer] + p[inner]) / 2, float(np.linalg.norm(p[outer] - p[inner]))


def _blend(pixels: np.ndarray, colour: np.ndarray | tuple[float, ...], alpha: np.ndarray,
           ) -> np.ndarray:
    """`pixels` with `colour` (an RGB triple or an image) laid over where `alpha` (0..1) says."""
    layer = np.broadcast_to(np.asarray(colour, np.float32), pixels.shape)
    out = pixels.astype(np.float32) * (1 - alpha[..., None]) + layer * alpha[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def _texture(shape: tuple[int, ...], sigma: float = 3.0, seed: int = 5) -> np.ndarray:
    """Fine fabric/skin-like grain (+/- a few grey levels), deterministic."""
    noise = np.random.default_rng(seed).normal(0.0, 1.0, shape[:2]).astype(np.float32)
    return cv2.GaussianBlur(noise, (0, 0), 1.0)[..., None] * sigma


def mask(pixels: np.ndarray, landmarks: np.ndarray,
         colour: tuple[int, int, int] = SURGICAL_BLUE) -> np.ndarray:
    """A surgical mask over the nose, mouth and chin: a uniform polygon with a soft edge."""
    alpha = np.zeros(pixels.shape[:2], np.float32)
    cv2.fillPoly(alpha, [np.round(_pts(landmarks)[list(MASK_OUTLINE)]).astype(np.int32)], 1.0)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 1.2)
    fabric = np.asarray(colour, np.float32) + _texture(pixels.shape)
    return _blend(pixels, fabric, alpha)


def sunglasses(pixels: np.ndarray, landmarks: np.ndarray, tint: float = 1.0,
               gradient: float = 0.0) -> np.ndarray:
    """Dark lenses over both eyes (and a bridge between them). `tint` < 1 lets that share of
    the lens's darkness through: 0.8 is a dark tinted lens, 1.0 an opaque sunglass lens.
    `gradient` lightens the lens towards its bottom by that many grey levels (a gradient lens);
    light sensor noise is added over the lenses, as a camera would record them."""
    alpha = np.zeros(pixels.shape[:2], np.float32)
    centres = []
    for side in EYES:
        centre, width = _eye_geometry(landmarks, side)
        centres.append(centre)
        axes = (int(0.85 * width), int(0.6 * width))
        cv2.ellipse(alpha, tuple(int(v) for v in centre), axes, 0, 0, 360, 1.0, -1)
    cv2.line(alpha, tuple(int(v) for v in centres[0]), tuple(int(v) for v in centres[1]), 1.0, 3)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 1.0) * tint
    _, width = _eye_geometry(landmarks, "right")
    top = float(np.mean([c[1] for c in centres])) - 0.6 * width
    rows = np.arange(pixels.shape[0], dtype=np.float32)
    ramp = np.clip((rows - top) / (1.2 * width), 0, 1)[:, None, None] * gradient
    lens = np.asarray((22, 24, 28), np.float32) + ramp + _texture(pixels.shape, 3.0, seed=9)
    return _blend(pixels, lens, alpha)


def glasses_frames(pixels: np.ndarray, landmarks: np.ndarray, thickness: int = 3) -> np.ndarray:
    """Clear glasses: a dark frame `thickness` px wide around each eye, the lenses clear. A
    compliant photo: the frame does not cross the eyes."""
    out = pixels.copy()
    for side in EYES:
        centre, width = _eye_geometry(landmarks, side)
        cv2.ellipse(out, (int(centre[0]), int(centre[1])), (int(0.85 * width), int(0.55 * width)),
                    0, 0, 360, (20, 20, 22), thickness, cv2.LINE_AA)
    return out


def hand_over_eye(pixels: np.ndarray, landmarks: np.ndarray, side: str = "left") -> np.ndarray:
    """A skin-coloured blob (the face's own cheek colour, a little lighter, with grain) over one
    eye, as a hand or fingers held over it would look."""
    p = _pts(landmarks)
    cheek = p[[50, 280]].mean(axis=0).astype(int)
    skin = np.median(pixels[cheek[1] - 4: cheek[1] + 5, cheek[0] - 4: cheek[0] + 5].reshape(-1, 3),
                     axis=0) * 1.05
    centre, width = _eye_geometry(landmarks, side)
    alpha = np.zeros(pixels.shape[:2], np.float32)
    cv2.ellipse(alpha, tuple(int(v) for v in centre), (int(1.1 * width), int(0.8 * width)), 0,
                0, 360, 1.0, -1)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 2.0)
    return _blend(pixels, skin + _texture(pixels.shape, 4.0), alpha)


def hand_over_mouth(pixels: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """A skin-coloured blob (the face's cheek colour, a little lighter, with grain) over the
    mouth, as a hand held in front of it would look; the nose stays free."""
    p = _pts(landmarks)
    cheek = p[[50, 280]].mean(axis=0).astype(int)
    skin = np.median(pixels[cheek[1] - 4: cheek[1] + 5, cheek[0] - 4: cheek[0] + 5].reshape(-1, 3),
                     axis=0) * 1.05
    width = float(np.linalg.norm(p[291] - p[61]))
    centre = p[[13, 14]].mean(axis=0) + np.array([0.0, 0.15 * width])
    alpha = np.zeros(pixels.shape[:2], np.float32)
    cv2.ellipse(alpha, (int(centre[0]), int(centre[1])), (int(0.9 * width), int(0.6 * width)),
                0, 0, 360, 1.0, -1)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 2.0)
    return _blend(pixels, skin + _texture(pixels.shape, 4.0), alpha)


def hair_over_eyes(pixels: np.ndarray, landmarks: np.ndarray, strands: int = 16) -> np.ndarray:
    """Dark hair strands falling from the forehead across both eyes (bangs over the eyes)."""
    p = _pts(landmarks)
    width = float(np.linalg.norm(p[454] - p[234]))
    top_y = p[[10, 151]].mean(axis=0)[1]
    bottom_y = p[[145, 374]].mean(axis=0)[1] + 0.08 * width
    alpha = np.zeros(pixels.shape[:2], np.float32)
    rng = np.random.default_rng(11)
    for x in np.linspace(p[33, 0] - 0.1 * width, p[263, 0] + 0.1 * width, strands):
        bend = rng.uniform(-0.08, 0.08) * width
        curve = np.array([(x + bend * t * t, top_y + (bottom_y - top_y) * t)
                          for t in np.linspace(0, 1, 12)])
        cv2.polylines(alpha, [np.round(curve).astype(np.int32)], False, 1.0,
                      thickness=max(2, int(0.025 * width)))
    alpha = cv2.GaussianBlur(alpha, (0, 0), 0.8)
    return _blend(pixels, (45, 32, 24), alpha)


def half_shadow(pixels: np.ndarray, landmarks: np.ndarray, strength: float = 0.6,
                edge: float = 0.0, side: str = "right") -> np.ndarray:
    """One half of the head (the subject's `side`) darkened by `strength` (0.6 = 40 % of the
    light left). `edge` is the shadow edge's softness, a fraction of the face width: 0 is hard,
    0.15 is a soft studio fall-off. The edge runs down the face's midline."""
    p = _pts(landmarks)
    width = float(np.linalg.norm(p[454] - p[234]))
    mid_x = float(p[[10, 168, 1, 152], 0].mean())
    h, w = pixels.shape[:2]
    xx = np.arange(w, dtype=np.float32)
    dark_left = side == "right"  # the subject's right is the image's left
    signed = (mid_x - xx) if dark_left else (xx - mid_x)
    ramp = np.clip(0.5 + signed / max(edge * width, 1.0), 0, 1) if edge else (signed > 0) * 1.0
    head = np.zeros((h, w), np.float32)
    centre = (int(mid_x), int(p[[10, 152], 1].mean()))
    cv2.ellipse(head, centre, (int(0.75 * width), int(0.95 * width)), 0, 0, 360, 1.0, -1)
    head = cv2.GaussianBlur(head, (0, 0), 4.0)
    shade = 1.0 - strength * ramp[None, :].astype(np.float32) * head
    return np.clip(pixels.astype(np.float32) * shade[..., None], 0, 255).astype(np.uint8)


def dark_sockets(pixels: np.ndarray, landmarks: np.ndarray, strength: float = 0.6) -> np.ndarray:
    """Both eye sockets in shadow (light from straight above): the eyes and the skin around them
    darkened by `strength`, with a soft edge."""
    shade = np.zeros(pixels.shape[:2], np.float32)
    for side in EYES:
        centre, width = _eye_geometry(landmarks, side)
        cv2.ellipse(shade, (int(centre[0]), int(centre[1] - 0.1 * width)),
                    (int(0.9 * width), int(0.65 * width)), 0, 0, 360, 1.0, -1)
    shade = cv2.GaussianBlur(shade, (0, 0), 3.0)
    factor = 1.0 - strength * shade
    return np.clip(pixels.astype(np.float32) * factor[..., None], 0, 255).astype(np.uint8)


def red_pupils(pixels: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """Both pupils turned flash red: a red disk of half the iris's radius with a soft rim."""
    p = _pts(landmarks)
    alpha = np.zeros(pixels.shape[:2], np.float32)
    for centre, ring in ((468, (469, 470, 471, 472)), (473, (474, 475, 476, 477))):
        radius = float(np.linalg.norm(p[list(ring)] - p[centre], axis=1).mean())
        cv2.circle(alpha, (round(p[centre, 0]), round(p[centre, 1])),
                   max(2, round(0.55 * radius)), 1.0, -1)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 0.7)
    return _blend(pixels, (205, 38, 36), alpha)


def open_mouth(pixels: np.ndarray, landmarks: np.ndarray, opening: float = 0.45) -> np.ndarray:
    """The mouth opened: the face below the lips' meeting line pushed down (a mesh-guided warp,
    so the chin moves with the jaw) and the gap painted as a dark mouth with upper teeth.
    `opening` is the gap as a fraction of the mouth's width."""
    p = _pts(landmarks)
    left, right = p[61], p[291]
    mouth_w = float(np.linalg.norm(right - left))
    gap = opening * mouth_w
    meet_y = float(p[[13, 14], 1].mean())
    chin_y = float(p[152, 1]) + 0.15 * mouth_w
    h, w = pixels.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx = float((left[0] + right[0]) / 2)
    # Horizontal falloff: the jaw moves under the mouth and fades out past the cheeks.
    across = np.clip(1.0 - np.abs(xx - cx) / (1.6 * mouth_w), 0, 1)
    down = np.where(yy < meet_y, 0.0,
                    np.where(yy < chin_y, 1.0, np.clip(1 - (yy - chin_y) / mouth_w, 0, 1)))
    shift = (gap * across * down).astype(np.float32)
    warped = cv2.remap(pixels, xx, yy - shift, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    alpha = np.zeros((h, w), np.float32)
    centre = (int(cx), int(meet_y + gap / 2))
    cv2.ellipse(alpha, centre, (int(0.4 * mouth_w), int(gap / 2)), 0, 0, 360, 1.0, -1)
    dark = _blend(warped, (52, 22, 24), cv2.GaussianBlur(alpha, (0, 0), 1.0))
    teeth = np.zeros((h, w), np.float32)
    cv2.ellipse(teeth, (int(cx), int(meet_y + 0.12 * gap)),
                (int(0.3 * mouth_w), int(0.18 * gap)), 0, 0, 360, 1.0, -1)
    teeth *= alpha
    return _blend(dark, (236, 232, 222), cv2.GaussianBlur(teeth, (0, 0), 0.8))

"""The rules a photo is judged by: their stable ids, the profiles, and every limit as data.

This is the one place that says *what* is allowed; the checks in `photocheck.checks` only say
*how* to measure. Each limit carries its reason and source so a reviewer can trace any verdict
back to the published rule or to the measurement that set it. Rule ids are a public contract
(see ../shared/spec/photo-rules.md): add ids freely, never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Final


class Stage(str, Enum):
    """What a rule needs to be judged; the pipeline only pays for a stage a rule needs."""

    HEADER = "header"  # the container bytes and JPEG markers only, no pixel decode
    PIXELS = "pixels"  # the decoded working image


class Kind(str, Enum):
    """Where a rule comes from, as the spec's table labels it."""

    OFFICIAL = "official"
    STRUCTURAL = "structural"
    PRACTICAL = "practical"
    PRINT = "print profile"


@dataclass(frozen=True)
class Rule:
    """One rule: its id, what it asks, and what it needs to be judged."""

    id: str
    title: str
    kind: Kind
    stage: Stage


@dataclass(frozen=True)
class Limit:
    """A bound used by a check, with why it is what it is and where it comes from."""

    value: float | int | tuple[float, float] | tuple[int, int]
    reason: str
    source: str


_RULE_LIST: Final = (
    # Not in any profile: the one check an `error` report carries when nothing could be examined.
    Rule("file.readable", "The file can be opened and read", Kind.STRUCTURAL, Stage.HEADER),
    # Not in any profile either: the check a batch `error` report carries when the checker itself
    # crashed, hung past the timeout or raised on a file (photocheck.batch).
    Rule("batch.worker", "The checker finished on the file", Kind.STRUCTURAL, Stage.HEADER),
    Rule("file.format", "The file is a JPEG", Kind.OFFICIAL, Stage.HEADER),
    Rule("file.color_mode", "RGB colour (not CMYK or greyscale)", Kind.OFFICIAL, Stage.HEADER),
    Rule("file.size", "File size 20 KB to 7 MB", Kind.OFFICIAL, Stage.HEADER),
    Rule("image.dimensions", "Width and height 480 to 6000 px", Kind.OFFICIAL, Stage.HEADER),
    Rule("file.integrity", "The JPEG is complete and decodes", Kind.STRUCTURAL, Stage.HEADER),
    Rule("photo.age", "Taken within the last 6 months", Kind.OFFICIAL, Stage.HEADER),
    Rule("photo.edited", "Not edited with image software", Kind.OFFICIAL, Stage.HEADER),
    Rule("image.orientation", "Stored upright (no EXIF rotation)", Kind.PRACTICAL, Stage.HEADER),
    Rule("face.count", "Exactly one face", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.pose", "Facing the camera straight on", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.position", "Face centred", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.size", "Head large enough and fully in frame", Kind.OFFICIAL, Stage.PIXELS),
    Rule("background.plain", "Plain background", Kind.OFFICIAL, Stage.PIXELS),
    Rule("background.shadow", "No shadow on the background", Kind.OFFICIAL, Stage.PIXELS),
    Rule("image.exposure", "Face well lit", Kind.OFFICIAL, Stage.PIXELS),
    Rule("image.sharpness", "Face in focus", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.eyes_open", "Both eyes open and visible", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.glasses_glare", "No reflection on glasses", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.head_covering", "No hat or head covering", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.occlusion", "Eyes, nose and mouth visible", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.shadow", "No shadow on the face", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.red_eye", "No red-eye", Kind.OFFICIAL, Stage.PIXELS),
    Rule("face.expression", "Natural expression, mouth closed", Kind.OFFICIAL, Stage.PIXELS),
    Rule("print.aspect", "35:45 aspect ratio", Kind.PRINT, Stage.HEADER),
    Rule("print.framing", "Head 32-36 mm, crown margin 2-6 mm", Kind.PRINT, Stage.PIXELS),
    Rule("print.resolution", "At least 300 dpi at 35 x 45 mm", Kind.PRINT, Stage.HEADER),
)

RULES: Final = MappingProxyType({rule.id: rule for rule in _RULE_LIST})
"""Every rule by id, in report order."""

_ERROR_ONLY: Final = frozenset({"file.readable", "batch.worker"})
"""Rules only an `error` report carries; no profile judges them."""

_COMMON: Final = tuple(
    r.id for r in _RULE_LIST if r.kind is not Kind.PRINT and r.id not in _ERROR_ONLY
)

PROFILES: Final = MappingProxyType(
    {
        # Online application (smartphone, PC, booth upload): the agency trims the photo itself.
        "online": _COMMON,
        # A photo to be printed at 35 x 45 mm and pasted on the paper form.
        "print": (*_COMMON, "print.aspect", "print.framing", "print.resolution"),
    }
)
"""A profile is a named set of rules, judged in this order."""

DEFAULT_PROFILE: Final = "online"

DECLARED_COVERINGS: Final = ("religious", "medical")
"""The head coverings an applicant may declare (`--covering`, `check(covering=...)`): the agency
allows a covering worn for religious or medical reasons when the face is fully visible, the
reason given on the form or to the municipality (J-LIS; ../shared/spec/photo-rules.md)."""


def declared_covering(covering: str | None) -> str | None:
    """`covering` checked against `DECLARED_COVERINGS` (None: nothing declared); ValueError names
    the choices for anything else."""
    if covering is None or covering in DECLARED_COVERINGS:
        return covering
    known = ", ".join(DECLARED_COVERINGS)
    raise ValueError(f"unknown covering {covering!r}; choose one of: {known}")

J_LIS = "J-LIS My Number Card photo guidance and application FAQ"
PASSPORT = "Japanese passport photo standard (MOFA), as adopted for the print profile"
ICAO = "ICAO Doc 9303 Part 3 / ISO/IEC 19794-5 portrait guidance"
OFIQ = "ISO/IEC 29794-5 face image quality, as implemented by OFIQ"
OWN = "measured on the project's labelled photos (tests/calibration)"
HOSTILE = "photocheck's hostile-input campaign (issue 13; tests/hostile)"

LIMITS: Final = MappingProxyType(
    {
        "file.size.bytes": Limit(
            (20_480, 7_000_000),
            "KB/MB are ambiguous, so only the strict reading passes: 20 x 1024 bytes to "
            "7 x 10^6 bytes",
            J_LIS,
        ),
        "image.dimensions.px": Limit(
            (480, 6000), "each of width and height must lie in this range", J_LIS
        ),
        "image.pixels.max": Limit(
            6000 * 6000,
            "no compliant photo has more pixels, so a larger header is refused without decoding "
            "(decompression-bomb guard)",
            J_LIS,
        ),
        "photo.age.days": Limit(
            183, "taken within the last 6 months (6 x 30.5 days, rounded up)", J_LIS
        ),
        "print.aspect.ratio": Limit(
            35 / 45, "the print is 3.5 cm wide and 4.5 cm high", J_LIS
        ),
        "print.aspect.tolerance": Limit(
            0.01, "1 % slack for the rounding of pixel sizes to 35:45", PASSPORT
        ),
        "print.resolution.px": Limit(
            (413, 531), "300 dpi at 35 x 45 mm: 35/25.4*300 by 45/25.4*300, rounded", PASSPORT
        ),
        "print.head_mm": Limit((32.0, 36.0), "crown to chin 34 mm +/- 2 mm of 45 mm", PASSPORT),
        "print.crown_margin_mm": Limit(
            (2.0, 6.0), "4 mm +/- 2 mm between the crown and the top edge", PASSPORT
        ),
        "print.size_mm": Limit((35.0, 45.0), "passport-size print, width x height", J_LIS),
        # --- photocheck fix / print-sheet (issue 6) ---
        "fix.input_pixels.max": Limit(
            110_000_000,
            "the fixer decodes the whole image, so a header above this is refused unread "
            "(decompression-bomb guard); 110 MP still admits 108 MP phone photos",
            OWN,
        ),
        "fix.jpeg_quality": Limit(
            (60, 95),
            "highest quality searched first; below 60 JPEG blocking shows on the face, above 95 "
            "only the file grows",
            OWN,
        ),
        "fix.online_trim_margin": Limit(
            1.10,
            "online crops are this much larger than the passport trim, so the agency's own 35:45 "
            "trim has room even when its face box differs from ours by a few per cent",
            OWN,
        ),
        "fix.crop_shift.max": Limit(
            0.04,
            "a crop may sit this fraction of its size off the ideal to fit inside the photo: "
            "under the 2 mm of 45 mm that the crown margin tolerates",
            PASSPORT,
        ),
        "fix.sheet_gap_mm": Limit(
            3.0, "gap between photos on a print sheet: room for a cut on each side", OWN
        ),
        "fix.sheet_margin_mm": Limit(
            3.0, "unprinted margin at the paper edge, which borderless printing crops", OWN
        ),
        # --- end photocheck fix ---
        # --- hostile input (issue 13) ---
        "fix.decode_bytes.max": Limit(
            330_000_000,
            "memory the decoded image may take, counting its real channels and bit depth: "
            "110 MP at 8-bit RGB; a 16-bit or alpha canvas of the same pixel count is refused "
            "before decoding (a 212 KB 16-bit PNG of 109 MP cost 3 GB)",
            HOSTILE,
        ),
        "fix.icc_profile.max_bytes": Limit(
            65_519,
            "an RGB ICC profile the fixed photo may keep: one APP2 segment's worth; sRGB and "
            "Display P3 profiles take 0.5-4 KB, a 2 MB profile is padding or a payload",
            HOSTILE,
        ),
        "web.fix_input_pixels.max": Limit(
            25_000_000,
            "pixels /api/fix decodes per request: a phone's 12 MP photo and a 24 MP camera's "
            "fit; larger ones are for the command line, so four requests at once stay under "
            "1 GB",
            HOSTILE,
        ),
        "web.fix_decode_bytes.max": Limit(
            75_000_000,
            "decoded-image memory per /api/fix request: 25 MP at 8-bit RGB",
            HOSTILE,
        ),
        "web.uploads_per_client": Limit(
            4,
            "uploads one client address may have in progress at once: a browser sends one, a "
            "careful script a few; 33 slow uploads from one address starved everyone else",
            HOSTILE,
        ),
        "web.body_idle_s": Limit(
            10.0,
            "the longest pause between two pieces of an upload body: mobile links stall for "
            "seconds, not tens of seconds; a client trickling 1 KB is cut off",
            HOSTILE,
        ),
        "web.idle_s": Limit(
            5.0,
            "how long `photocheck serve` waits for a request's line and headers, from the moment "
            "a connection opens or its last answer is sent: a browser sends them at once; 200 "
            "silent or trickling sockets stayed open for ever and starved the server",
            HOSTILE,
        ),
        "web.connections.max": Limit(
            256,
            "connections `photocheck serve` keeps open at once (one more is answered 503 and "
            "closed): 32 uploads plus browsers' keep-alive connections fit; each is a file "
            "descriptor, and at ~1,100 the process ran out of them and stopped answering",
            HOSTILE,
        ),
        "web.multipart.max_parts": Limit(
            16,
            "parts of one upload form: the page sends the photo and at most four small fields "
            "(profile, lang, langs); 32 bodies of 14 MB of tiny fields took 1 GB of memory",
            HOSTILE,
        ),
        "web.multipart.max_field_bytes": Limit(
            65_536,
            "bytes of all an upload's text fields and part headers together (the photo aside): "
            "a few dozen are used, so memory per request stays the photo's cap plus this",
            HOSTILE,
        ),
        "form.data_file.max_bytes": Limit(
            1_000_000,
            "an applicant data file (JSON/TOML) holds a few hundred bytes of fields",
            HOSTILE,
        ),
        "form.data_file.max_key_parts": Limit(
            32,
            "parts of one dotted TOML key (a.b.c): an applicant file needs two "
            "(representative.name); tomllib's time grows with the square of the parts, 40,000 "
            "parts in 80 KB took 22 s",
            HOSTILE,
        ),
        "card.dates.years": Limit(
            (1868, 2200),
            "years a date given to `photocheck card` or /api/card may fall in: the Japanese era "
            "calendar starts in 1868 (Meiji), and a card's terms need decades of headroom below "
            "the calendar's end (9999-12-31 overflowed the date arithmetic)",
            HOSTILE,
        ),
        "form.template.max_bytes": Limit(
            50_000_000,
            "the official blank form PDF is well under 1 MB; a scan of it a few MB",
            HOSTILE,
        ),
        # --- end hostile input ---
        # --- photocheck.batch (issue 4): engine and hot-folder timings, not photo rules ---
        "batch.worker.timeout_s": Limit(
            60.0,
            "a warm check takes well under a second; a minute means the checker is stuck on the "
            "file, so the worker is killed and the file reported as an error",
            OWN,
        ),
        "batch.worker.start_failures": Limit(
            3,
            "consecutive worker deaths before any worker became ready: the environment is broken "
            "(models missing, out of memory), so the batch stops instead of respawning forever",
            OWN,
        ),
        "batch.watch.poll_s": Limit(
            1.0,
            "a booth writes a photo in well under a second; polling once a second keeps the "
            "hot folder responsive at negligible cost",
            OWN,
        ),
        "batch.watch.settle_s": Limit(
            2.0,
            "a hot-folder file is complete once its size, mtime and inode have not changed for "
            "this long: a booth writes a photo in well under a second; an end-of-image marker "
            "proves nothing (an EXIF thumbnail ends with one); a writer that pauses longer gets "
            "its file checked again once it changes (issue 23)",
            OWN,
        ),
        # --- end photocheck.batch ---
        # --- face rules (photocheck/checks/face_rules.py, photocheck/vision/faces.py) ---
        # Calibration notes: docs/calibration-face.md
        "face.count.min_score": Limit(
            0.6, "full-range detector confidence a face must reach to count: faces on the dev "
            "photos score 0.70-0.98 (0.70 for a 15 deg tilt). It is also the full-range graph's "
            "own floor (mp.solutions' min_detection_confidence never reached it, measured "
            "2026-12-08): below it, on dev/dev2/dev3, the model finds only second boxes on the "
            "same face, faces in masks or sunglasses, and texture (0.25-0.59)", OWN),
        "face.count.min_score_at_edge": Limit(
            0.5, "a face cut off by the frame scores lower, so one touching the border counts"
            " from the short-range detector's own floor (the full-range one keeps nothing under "
            "0.6). Lower floors find no real edge face on dev3 (ex_grin_partial_face: none at "
            "0.25) but fire on single sitters' edges (0.38-0.45)", OWN),
        "face.count.min_relative_width": Limit(
            0.25, "a face under a quarter of the main face's width is a distant bystander, "
            "not a second sitter", OWN),
        "face.count.min_sclera_contrast": Limit(
            0.1, "whites of the open eyes over the iris, (sclera - iris) / sclera in luma: a "
            "face below this has pigmented sclera like most animals (Kobayashi & Kohshima 1997) "
            "and does not count. Human faces on the 137 dev and dev2 photos measure 0.48 and up "
            "at >= 480 px and 0.14-0.32 on 240 px booking thumbnails (downcast eyes, 0.09, are "
            "not judged: eyes under face.eyes_open.ratio count as human); the measure is "
            "relative, so skin tone cancels out. No real animal photo was available: the test "
            "portrait with the whites painted the iris's colour measures 0.001", OWN),
        "face.count.detector_margin": Limit(
            0.06, "grey margin (fraction of the long side) around the image for the detector, "
            "so faces touching the frame are found; 0.12 found more cut faces but lost small ones",
            OWN),
        "face.mesh.crop_factor": Limit(
            2.0, "FaceMesh runs on a square two detection boxes wide: whole head, few pixels",
            OWN),
        "face.mesh.own_region_score": Limit(
            0.825, "full-range detector confidence from which the landmark model's region is "
            "made from that detection alone; below it the mesh is FaceMesh's (its own "
            "short-range detector on a crop two boxes wide). On the 271 dev, dev2, dev3 photos "
            "and samples, the mesh's mean landmark shift from the mesh made in its own landmark "
            "region (90th percentile, fraction of the chin-to-forehead length) is 0.007-0.012 "
            "from 0.825 up with the full-range region (0.008-0.015 with the short-range one) "
            "but 0.018-0.043 below it (0.010-0.019): masks, hands, thick frames, where the "
            "full-range box sits too large or too low; 75 of the 271 score under 0.825", OWN),
        "face.pose.pitch_zero": Limit(
            -1.5, "depth tilt (deg) of the mesh's chin-to-forehead line when the face is level "
            "to the camera: median over the frontal dev and dev2 photos (126, mirror-averaged "
            "pose). Press photos (camera at or below eye level) measure 9 deg lower than studio "
            "and booking photos (camera at or above it), so the zero sits between the two", OWN),
        "face.pose.yaw_deg": Limit(
            15.0, "head turned left or right. ICAO recommends 5 deg, but the mesh's yaw of faces "
            "a reviewer calls frontal reaches 13.7 (a close-up, df_img61) and 12.8 (booking "
            "photos md_S014-01, md_S048-*); studio portraits 10.4 at most; darker skin 9.5, "
            "medium 12.8, lighter 10.4 (the medium group holds the booking series shot from one "
            "side). Heads turned 15-30 deg by eye measure 9.2-17.9: the mesh alone cannot "
            "separate them, so a turn the eyes confirm has the lower face.pose."
            "yaw_confirmed_deg; this limit, for the mesh alone, sits above the frontal spread "
            "plus the 1 deg a mirror image moves it", ICAO),
        "face.pose.yaw_confirmed_deg": Limit(
            10.0, "head turned left or right when the eyes confirm the turn (face.pose."
            "eyes_turn_deg). Frontal photos whose eyes are turned back toward the lens that "
            "much measure a mesh yaw of 8.2 at most (df_img12, lighter; df_img26 7.6; darker "
            "5.5, md_S036-03, eyes aside; medium 0.5); the turned heads df_img34 and df_img59 "
            "12.8 and 12.6 (mirror-averaged)", OWN),
        "face.pose.eyes_turn_deg": Limit(
            7.5, "irises turned back toward the lens, the same way as the head (faces.eyes_yaw): "
            "the turned heads df_img34 and df_img59 measure 10.2 and 8.9; frontal photos with a "
            "mesh yaw over 10 at most 5.7 the same way (df_img61, a close-up), booking photos "
            "2.5 (medium, md_S048-07), darker 1.4 (md_S015-02), lighter 0 (md_S012-01 turns "
            "them the other way). A photo and its mirror image differ by 1.8 (median; 4.9 at "
            "the 90th percentile), so near the limit both are measured and averaged", OWN),
        "face.pose.eye_width_per_iris_radius": Limit(
            2.8, "the eye's width between its corners (about 29 mm in adults) over the radius "
            "the iris centre turns on about the eye's centre of rotation (about 10.5 mm): turns "
            "the iris's offset in the eye (a fraction of its width) into an angle",
            "human eye anatomy (adult palpebral fissure and eyeball dimensions)"),
        "face.pose.pitch_deg": Limit(
            20.0, "chin raised or lowered. ICAO recommends 5 deg, but a camera a little above or "
            "below eye level is normal and tilts the face in the picture the same way: frontal "
            "photos span -16.9 to +14.0 around the zero (press photos down to -16.9, booking "
            "photos up to +14.0; darker skin -5.8..14.0, medium -13..11.3, lighter -6.7..13.2)",
            ICAO),
        "face.pose.mirror_margin": Limit(
            4.0, "a pose within this many degrees of a limit is measured again on the mirror "
            "image and averaged: a photo and its mirror image measured up to 3.2 deg apart on "
            "the dev and dev2 photos, 1.0 after averaging", OWN),
        "face.pose.roll_deg": Limit(
            10.5, "head tilted toward a shoulder. ICAO says 8 deg, but frontal photos reach 8.9 "
            "(md_S035-01) and 8.0-8.5 (md_S007-01, md_S048-06, df_img37), which flipped with a "
            "mirror image or a re-encoding at 8, and dev3's clear accepts 9.5 (darker, "
            "ex_laugh_locs_glasses) and 10.0 (medium, oq_darkskin_goatee_grey; the eye line "
            "confirms 9.3 and 10.6; the mesh reads 9.9, 10.0 or 10.3 as its region comes from "
            "the short-range detector, the full-range one or its own landmarks, and the roll "
            "moves 0.7 deg at the 95th percentile with the region). Tilts labelled by eye "
            "measure 9.4 and 9.8 (df_img31, df_img41: secondary calls on photos rejected for "
            "their backgrounds, so no verdict moves) and 11.2-20.4 elsewhere: the labels overlap "
            "at 9.4-10.0, and 10.5, between the clear accepts and the clear tilts, rejects no "
            "clear accept (10 until issue 24)", ICAO),
        "face.position.offset_x": Limit(
            0.2, "head centre line from the image centre, fraction of the width: the labels fail a "
            "face centred at about 1/4 or 3/4 of the width (0.23 and 0.25 on the dev photos), the"
            " agency trims milder offsets itself", OWN),
        "face.position.centre_y": Limit(
            (0.15, 0.7), "head centre height from the top, fraction of the image height; a "
            "passport framing puts it at 0.47, the waist-up dev photo at 0.17", OWN),
        "face.size.crown_above_mesh": Limit(
            0.45, "crown above the mesh top when the person mask gives none, fraction of the "
            "mesh's chin-to-top length: median of the person-mask crowns on the dev photos "
            "(0.46; quartiles 0.38-0.52)", OWN),
        "face.size.crown_above_mesh_range": Limit(
            (0.2, 1.0), "a crown found in the person mask this far above the mesh top (fraction "
            "of the mesh's height) is plausible; the dev photos measure 0.25-0.57, dev2 0.28-0.73 "
            "(a curly bun): the head includes the hair, so tall hair is allowed up to a whole "
            "mesh height", OWN),
        "face.size.cut_rows": Limit(
            0.005, "the top rows (fraction of the height) that must be mostly person for the head "
            "to be cut by the top edge: one row of the segmenter's 256 px grid; hair that stops "
            "short of them leaves backdrop above it and is only near the edge", OWN),
        "face.size.crown_clearance": Limit(
            0.3, "hair reaching the top edge is a cut crown when the edge is less than this "
            "far above the mesh top (fraction of the mesh's chin-to-top length): an edge that "
            "low runs through the hair or the forehead, since real crowns sit 0.25-0.73 above "
            "it (dev, dev2). dev3's derived crown-cut crops measure 0.07-0.17 (lighter 0.07-"
            "0.14, medium 0.16, darker 0.13) and dev's df_img28 (top of the head cut off) 0.25; "
            "uncut originals whose hair grazes the edge 0.35-0.45 (lighter 0.39-0.45, medium "
            "0.36, darker 0.35). A graze is a framing matter: the crown is then taken at "
            "face.size.crown_above_mesh above the mesh top for the room around the head", OWN),
        "face.size.cut_band": Limit(
            0.2, "half-width (face widths) of the band above the face centre read for a cut: the "
            "crown's width, symmetric so a mirrored photo is judged the same", OWN),
        "face.size.person_mask_level": Limit(
            0.5, "selfie-segmenter probability above which a pixel belongs to the person", OWN),
        "face.size.head_fraction": Limit(
            0.25, "crown-to-chin height, fraction of the image height: below a quarter the "
            "photo is no longer bust-up (the labels' criterion)", OWN),
        "face.size.max_trim_fill": Limit(
            0.88, "the head (crown of the hair to chin) may fill at most this much of the height "
            "of the largest 35:45 crop of the photo, so the agency's trim has room around it: "
            "the tight close-ups labelled borderline accepts fill 0.82-0.85, those labelled "
            "rejects 0.90-0.93", OWN),
        "face.size.trim_px": Limit(
            300, "height of the 35:45 trim in full-resolution px: below it the head is under "
            "230 px tall; an 800 x 533 studio portrait the labels accept trims to 396 px", OWN),
        "face.eyes_open.ratio": Limit(
            0.15, "eyelid opening over eye width (eye aspect ratio) per eye: open eyes measure "
            "0.18-0.41 on the dev photos (smiling squints included), eyes painted shut on the "
            "test portrait 0.09-0.13", OWN),
        "face.eyes_open.iris_shown": Limit(
            0.25, "eyelid opening over iris diameter per eye; open eyes measure 0.36-1.0 on the "
            "dev photos (median 0.63); an eye is closed only when both measures are low", OWN),
        "face.glasses_glare.glasses": Limit(
            0.15, "frame lines (nose bridge + lower rims) over the eye region's contrast that "
            "mean glasses: the three faces with glasses on the dev and dev2 photos and the "
            "Grace Hopper portrait measure 0.165-0.343; of the faces without, darker skin "
            "measures up to 0.17 (md_S038-01, a close-up, where glare is then looked for and "
            "none found), medium 0.11, lighter 0.09, the untoned press photos 0.13. Glare is "
            "only looked for on glasses, so skin shine cannot warn", OWN),
        "face.glasses_glare.min_blob": Limit(
            0.004, "smaller bright blobs (share of a lens region) are catchlights or noise", OWN),
        "face.glasses_glare.fraction": Limit(
            0.02, "share of the lens regions covered by reflections (brighter than the face's own "
            "highlights and than the lens region around them): the real glasses on the dev and "
            "dev2 photos measure 0.0-0.0076 and on the Grace Hopper portrait 0.008; soft white "
            "or green-tinted reflections painted on her lenses (a tenth of each lens) 0.041-0.042",
            OWN),
        "face.head_covering.score": Limit(
            0.35, "hat shape of the band above the forehead (straight brim edge x uniform above "
            "x reach beyond the temples, 0..1): painted hats on the test portrait score "
            "0.37-0.41; bare heads on the dev photos at most 0.18, on dev2 up to 0.29 "
            "(md_S017-01, a straight short-cropped hairline, 240 px). The real navy cap on the "
            "Grace Hopper portrait scores only 0.22: shape alone misses caps. Since the rule "
            "fails (issue 20) the limit keeps a margin above every bare head (0.29 -> 0.35); no "
            "real covering on dev3 scores above 0.11, so shape catches only painted hats", OWN),
        "face.head_covering.unlike_hair": Limit(
            0.3, "share of the head top (hairline to crown, middle of the head) in a colour no "
            "hair has, judged against the hue of the same photo's skin: bare heads on the 137 "
            "dev and dev2 photos measure 0.038 at most (darker, medium and lighter skin alike), "
            "except a 300 px booking thumbnail whose cyan backdrop shows around a close-cropped "
            "head (md_S018-01, 0.23). A red knitted hat painted on the test portrait covers "
            "0.93; a flower crown along the hairline only 0.27. Real coverings on dev3: the "
            "blue bouffant cap 0.75, the blue cap 0.42; dark caps, a beanie and a hood 0.0-0.02 "
            "(missed); a bright green wig, 0.98, is wrongly called a covering "
            "(docs/calibration-face.md)", OWN),
        "face.head_covering.hangs_beside": Limit(
            0.5, "share of the strips beside both cheeks (eye level to mouth level, just outside "
            "the face outline) in the head top's vivid colour above which that colour is hair "
            "hanging down, unless it also wraps under the chin (wraps_chin): the bright green "
            "wig on dev3 0.74; the blue bouffant cap 0.0, the blue cap 0.03; the derived hijab "
            "1.0 (which wraps the chin). Read only when unlike_hair is past its limit", OWN),
        "face.head_covering.wraps_chin": Limit(
            0.5, "share of the neck under the chin in that vivid colour at or below which it does "
            "not wrap the neck (hair leaves it bare; a scarf or hijab does not): the green wig "
            "0.0, the blue cap 0.37 (a mask pulled under the chin), the derived hijab 0.97. A "
            "vivid hijab worn open at the neck is taken for dyed hair and missed", OWN),
        "face.head_covering.face_shown": Limit(
            45.0, "a declared covering must leave the face visible: Lab distance (lightness at "
            "half weight, OpenCV 8-bit scale) from the face's own skin of the upper forehead "
            "and of each cheek. Bare faces on dev, dev2 and dev3 measure median 9, 99th "
            "percentile 41, at most 42.7 (a darker face turned towards a bright backdrop); a "
            "mask or a wig over a probe 47-90; the derived orange hijab pulled over a cheek "
            "49 (cloth near skin in hue: a thin margin, see docs/calibration-face.md)", OWN),
        # --- end face rules ---
        # --- visibility rules (photocheck/checks/visibility_rules.py): occlusion, shadow, red-eye,
        # expression. Calibration notes: docs/calibration-visibility.md
        "face.occlusion.eye_detail": Limit(
            0.1, "spread (90th-10th percentile, natural log) of brightness inside an open eyelid "
            "rim and over the eye with its lids: a visible eye shows iris, white and lashes, "
            "0.75-2.7 on the dev photos (0.155 for nearly shut eyes on a washed-out booking "
            "photo); painted sunglasses and a skin-coloured hand over an eye 0.00-0.023 on "
            "six faces of four tone groups", OWN),
        "face.occlusion.sunglasses_darkness": Limit(
            -0.9, "an eye region this much darker than the face's own skin (log units, 0.41 x) "
            "with a flat inside is a dark lens: painted sunglasses -1.5 to -2.0, gradient lenses "
            "-0.94 to -1.4; seven real eyes on the dev photos are as dark (deep sockets, side "
            "light: down to -1.53) but none has a flat inside (eye detail 0.27 and more)", OWN),
        "face.occlusion.lens_detail": Limit(
            0.2, "eye detail below which a dark eye region is a lens: painted lenses with camera "
            "noise 0.04-0.11, gradient lenses 0.10-0.23, the dark real eyes on the dev photos "
            "0.27 and more", OWN),
        "face.occlusion.strands": Limit(
            0.10, "share of the lid and under-eye skin on thin dark lines running down at least "
            "6 % of the face width: dev photos at most 0.078 (brows, lashes, thick frames) and "
            "0.092 for the thick round frames of oq_glasses_round_thick_smile (0.051 before one "
            "working size: the measure moves by a few hundredths with the resampling), painted "
            "glasses frames 0.000-0.050, painted hair strands over the eyes 0.132-0.401 on six "
            "faces", OWN),
        "face.occlusion.mouth_detail": Limit(
            0.15, "spread (90th-10th percentile, natural log) of brightness around the lips: a "
            "mouth shows lips, their meeting line and skin, 0.20-2.04 on the dev photos (0.20 "
            "for a moustache over pale lips); painted masks of any colour 0.008-0.089", OWN),
        "face.occlusion.nose_cover": Limit(
            0.025, "chromaticity distance of the nose tip from the face's own skin above which "
            "a covered mouth is called a mask over the nose too (names the covering only): "
            "painted masks 0.030-0.132", OWN),
        "face.occlusion.mask_band_saturation": Limit(
            0.45, "saturation (distance from grey in chromaticity) of the band around the lips "
            "over the face's own skin's, at or below which the band is a white, grey or black "
            "cover: 15 real white, grey and black masks on dev3 0.00-0.33; bare faces whose lips "
            "are no redder than their skin (mostly darker skin) 0.62 and up on dev, dev2, dev3",
            OWN),
        "face.occlusion.mask_band_hue_gap": Limit(
            28.0, "hue angle (degrees, about grey in chromaticity) between the band around the "
            "lips and the face's own skin at and above which the band is a coloured cover: real "
            "blue, green, pink and patterned masks 39-178; bare faces whose lips are no redder "
            "than their skin 17.4 at most (a darker-skinned man with a mask around his neck)", OWN),
        "face.occlusion.mask_skin_saturation": Limit(
            0.015, "the skin's own saturation below which no hue can be read (a black-and-white "
            "photo, 0.001): the colour tests of a mask are not asked; the palest real skins "
            "on dev3 measure 0.022", OWN),
        "face.occlusion.mask_lips_redness": Limit(
            0.015, "redness (r - g chromaticity) of the lips the mesh draws minus the skin's, at "
            "or below which they may be a mask's: 33 real non-orange masks -0.38 to -0.012; "
            "bearded and bare faces whose band is far from skin +0.046 and up (a pale-lipped "
            "man in a ginger beard with a hand on his chin); lips of darker skin go down to "
            "-0.04, so this alone does not decide", OWN),
        "face.occlusion.mask_lips_stand_out": Limit(
            0.025, "75th-percentile redness of the lips minus the band's at or below which no lip "
            "stands out of its surroundings: real masks -0.12 to +0.010; real faces 0.022 and "
            "up in 179 of 194 (the rest darker skin, older pale lips)", OWN),
        "face.occlusion.mask_vivid_gap": Limit(
            0.15, "a band around the lips this far from the skin in chromaticity is a vividly "
            "coloured cover (an orange surgical mask 0.25, a bright blue one 0.27) when the lips "
            "have its colour; no dev, dev2 or dev3 face, beards and red lipstick included, "
            "reaches 0.10", OWN),
        "face.occlusion.mask_lips_like_band": Limit(
            0.05, "...and the lips' chromaticity lies this close to the band's: the orange mask "
            "0.025; red lipstick, whose band is skin, 0.15-0.38", OWN),
        "face.occlusion.lens_darkness": Limit(
            -2.25, "lids around the eye opening against the cheek below the eye plus the lens area "
            "against the nose bridge (log-luma, the lighter eye): five real dark and tinted "
            "sunglasses on dev3 -2.4 to -4.0; the darkest real eyes (top light in deep "
            "sockets, dev df_img59) -2.09, every other dev, dev2, dev3 face above -2.1", OWN),
        "face.occlusion.tinted_lens_darkness": Limit(
            -1.95, "a lighter tint is a lens only when the eye also shows no white beside the "
            "iris (face.occlusion.lens_iris_contrast): a purple tint -2.04 and dark lenses on "
            "very dark skin -2.10 on dev3", OWN),
        "face.occlusion.lens_iris_contrast": Limit(
            0.7, "sclera over iris (log-luma, the clearer eye) below which the eye's white is "
            "hidden: the tinted lenses above 0.15-0.55; the real dark-socket eyes that are as "
            "dark 0.93-0.99", OWN),
        "face.occlusion.lens_opening": Limit(
            -0.25, "the brightest tenth of the eye opening against the cheek below it (log-luma) "
            "above which a white shows, so no lens covers the eye: real sunglasses -1.6 to -0.29 "
            "(oc_sun_tinted_flower_crown, with a reflection: -0.37 before one working size, "
            "-0.29 at 504 px); it only vetoes lens darkness, and no dev, dev2 or dev3 face dark "
            "enough to be a lens (-1.95) reads above -0.33, masks excluded", OWN),
        "face.occlusion.hand_check_lips": Limit(
            0.03, "lips standing out of the band around them (the measure of "
            "face.occlusion.mask_lips_stand_out) at or below which the hand model is asked "
            "whether a hand covers the mouth: derived hands over the mouth of six dev2 faces of "
            "three tone groups 11 of 12 at or below 0.024 (one 0.042); real faces are above it "
            "in 165 of 194 (most of the rest darker skin), so the model, not this measure, "
            "decides; the model costs 30-60 ms where it is asked", OWN),
        "face.occlusion.hand_check_eye_detail": Limit(
            0.6, "an eye this flat (face.occlusion.eye_detail's measure) has the hand model asked "
            "whether a hand covers it: derived hands over the eyes 0.11-0.45 on the covered eye; "
            "4 of 194 real eyes (older, narrowed eyes) are that flat", OWN),
        "face.shadow.side_gap": Limit(
            1.39, "brightness gap (natural log) between the two halves of the face's skin; 1.39 "
            "is the darker half under a quarter of the other's light. Real photos (dev, dev2, "
            "dev3; docs/calibration-visibility.md, issue 20): the gap measures the light, not "
            "the skin (bare nose-side cheek pairs give the same gap), but the labels accept "
            "directional studio light of every tone up to 1.10 (medium, oq_darkskin_goatee_grey; "
            "darker 1.06, lighter 0.76) and 1.26 on a bare face rejected for other reasons, while "
            "the real side-lit defects read 0.57-0.80: no limit separates them, so the limit "
            "sits above every real non-shadow face of any tone (margin 0.13) and fails only a "
            "half face at a quarter of the light or less (painted to 15 %: 1.62-1.97)",
            f"{OFIQ} (illumination uniformity); {OWN}"),
        "face.shadow.socket_gap": Limit(
            1.2, "how much darker (natural log) the eye sockets are than the cheeks; 1.2 is the "
            "sockets at 30 % of the cheeks' light. Real bare faces of every tone that are not "
            "labelled shadowed reach 0.96 (darker, sq_darkskin_side_light_boy, a shadow "
            "confuser) and 1.09 (dev, stage lights); the one real positive it could catch "
            "(coloured stage light, 1.02) sits among them, so the limit sits above them "
            "(margin 0.11); sockets painted to 20 % of the light measure 1.59", OWN),
        "face.red_eye.share": Limit(
            0.25, "share of either pupil disk that is saturated red: dev photos at most 0.083, "
            "red pupils painted from the iris landmarks 0.86-1.0", OWN),
        "face.expression.opening": Limit(
            0.22, "gap between the inner lips over the mouth's width: closed or lightly parted "
            "lips measure up to 0.2 on the dev photos (the test astronaut's smile 0.16), "
            "speaking or laughing mouths 0.24-0.36, a mouth opened by a mesh warp 0.34-0.54",
            OWN),
        "face.expression.teeth": Limit(
            0.015, "tooth area (inside the inner lips, brighter than the lips and at most 0.6 of "
            "their saturation) over the mouth width squared: closed-mouth smiles and closed "
            "mouths measure 0.000-0.001 (dev3 eq_, dev, dev2), lips parted on a dark mouth 0.004 "
            "(md_S015-01), lips parted on a thin line of teeth 0.009 (df_img41); the 17 dev3 "
            "open smiles, grins and open mouths 0.023 (braces) to 0.19, lighter 0.044-0.096, "
            "medium 0.023-0.10, darker 0.029-0.19 (issue 20)", OWN),
        # --- end visibility rules ---
        # --- image rules (background, exposure, sharpness): docs/calibration-image.md ---
        "background.plain.detail": Limit(
            4.5,
            "RMS (grey levels) of the background's fine detail on the 256 px analysis grid, in "
            "the card region, loose strands erased: sparse strong structure (lines, edges, small "
            "objects). Plain dev and dev2 backdrops reach 3.0 (flyaway hair beside the head), "
            "objects and patterns 6 and up; spread-out texture is `texture`'s to catch",
            OWN,
        ),
        "background.plain.texture": Limit(
            1.1,
            "75th percentile (grey levels) of the size of the background's fine detail after a "
            "1-cell blur: texture spread over the wall (stucco, blocks, a pattern) rather than a "
            "few strands or edges, or a small file's pixel noise. Walls labelled plain reach "
            "1.02 (a 384 x 480 booking photo's stucco); walls labelled not plain 1.18 (two-tone "
            "wall with a ledge), 1.36 (speckled stucco) and up",
            OWN,
        ),
        "background.plain.clutter": Limit(
            8.0,
            "median colour distance (grey levels) of the background from a smooth quadratic "
            "fit: plain dev backdrops reach 6.5, blurred people or objects behind 9.3 and up",
            OWN,
        ),
        "background.plain.chroma": Limit(
            4.5,
            "RMS of the opponent colour (red-green, yellow-blue) left after the smooth fit: plain "
            "dev backdrops reach 2.9, coloured logos, stars and lines 7.8 and up",
            OWN,
        ),
        "background.plain.hair_margin": Limit(
            0.06,
            "distance (fraction of the analysis grid's long side) the background keeps from the "
            "head and hair, twice the margin kept from the shoulders: loose and curly strands "
            "the segmenter half misses belong to the person, not to the background's texture",
            OWN,
        ),
        "background.plain.strand_reach": Limit(
            0.08,
            "how far (fraction of the grid's long side) from the head and hair thin lines are "
            "taken for loose strands and erased before the fine detail is measured: flyaway "
            "strands on the dev2 portraits reach about this far; at 0.15 the erasing also wipes "
            "the speckle of stucco walls beside the head (texture 2.2-2.8 fell under 1.8)",
            OWN,
        ),
        "background.plain.strand_level": Limit(
            0.1,
            "segmenter confidence from which a cell may be the person (a strand of hair, a "
            "blurred fringe) and is left out of the background measures",
            OWN,
        ),
        "background.shadow.darkening": Limit(
            0.235,
            "the band beside the head and shoulders (in the card region) may be at most 23.5 % "
            "darker than the rest of the backdrop predicts: faint flash halos on booking photos "
            "measure 6-18 % (dev2) and 13-21 % (issue 11), distinct head-shaped shadows 26-32 %",
            f"{ICAO} (no shadows on the background); {OWN}",
        ),
        "background.shadow.visible": Limit(
            0.08,
            "a band beside the person this much darker than predicted is a visible shadow or "
            "halo: its side is left out of the background.plain measures (plain dev and dev2 "
            "backdrops measure up to 7.5 % with no shadow), and background.shadow judges it",
            OWN,
        ),
        "image.exposure.median": Limit(
            (60.0, 230.0),
            "median luma (0-255) of the face: at 60 or above a face is never called too dark "
            "(lighter and medium dev faces 78-201); below 60 the skin may simply be dark (well-lit "
            "darker faces on dev2 measure 38-58), so darkness must be shown by the lighting "
            "evidence below; above 230 the face is washed out",
            f"{OFIQ} (under-/over-exposure prevention); {OWN}",
        ),
        "image.exposure.white_level": Limit(
            125.0,
            "99th percentile luma of the whole frame (analysis grid): the camera's exposure. Every "
            "well-lit dev photo reaches 152 or more (a white shirt, a pale wall, a highlight); the "
            "dim booking photo labelled dark reaches 100, the astronaut darkened to a quarter 55",
            f"{OFIQ} (under-exposure prevention); {OWN}",
        ),
        "image.exposure.dim_face_median": Limit(
            100.0,
            "in a dim photo (white level under its limit) a face median under this is "
            "under-exposed whatever the skin: the dim dev2 booking photo 53, the astronaut "
            "darkened to 35 % 60; no well-lit dev photo is that dim",
            f"{OFIQ} (under-exposure prevention); {OWN}",
        ),
        "image.exposure.highlight_ratio": Limit(
            1.75,
            "face highlights (99th percentile luma inside the face outline) over the face "
            "median, judged only when the median is under 60: a key light leaves highlights on "
            "forehead, nose and cheeks whatever the skin (well-lit darker dev2 faces 1.98-3.24); "
            "the dim booking photo 1.53, a face evenly in shadow 1.3",
            f"{OFIQ} (under-exposure prevention); {OWN}",
        ),
        "image.exposure.clipped": Limit(
            0.25,
            "share of face pixels at 250 or brighter: white-studio dev faces reach 7 %; a quarter "
            "clipped loses the features the agency compares",
            f"{OFIQ} (over-exposure prevention); {OWN}",
        ),
        "image.exposure.crushed": Limit(
            0.25,
            "share of face pixels at 10 or darker: well-lit dev faces of every tone reach 4.4 % "
            "(a black beard in shade); a quarter crushed to black loses the features",
            f"{OFIQ} (under-exposure prevention); {OWN}",
        ),
        "image.exposure.side_ratio": Limit(
            0.35,
            "darker half of the face over the brighter half (median luma); below this the side "
            "light is strong (warn only: every dev photo below 0.5 was labelled well lit)",
            f"{OFIQ} (illumination uniformity); {OWN}",
        ),
        "image.sharpness.detail": Limit(
            0.24,
            "std of the Laplacian over std of the face patch (128 px): sharp dev faces 0.28-1.0, "
            "soft upscaled ones 0.35, a Gaussian blur of 2 px at 600 px 0.17",
            f"{OFIQ} (sharpness); {OWN}",
        ),
        "image.sharpness.coherence": Limit(
            0.5,
            "structure-tensor coherence of the face: above this a blurred face is called camera "
            "shake rather than out of focus (chooses the message only)",
            OWN,
        ),
        # --- end of image rules ---
    }
)
"""Every limit by name (`<rule id>.<measure>`), each with its reason and source."""


def limit(name: str) -> Limit:
    """The limit called `name`; a KeyError names the missing limit, which is a programming bug."""
    return LIMITS[name]


def profile_rules(profile: str) -> tuple[Rule, ...]:
    """The rules of `profile` in report order; ValueError for an unknown profile name."""
    try:
        ids = PROFILES[profile]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"unknown profile {profile!r}; choose one of: {known}") from None
    return tuple(RULES[i] for i in ids)


EDITOR_SOFTWARE: Final = (
    "photoshop", "lightroom", "gimp", "affinity", "pixelmator", "paint.net", "paintshop",
    "corel", "acdsee", "luminar", "capture one", "darktable", "rawtherapee", "photoscape",
    "fotor", "canva", "picsart", "snapseed", "facetune", "meitu", "beautyplus", "beautycam",
    "snow", "b612", "faceapp", "airbrush", "youcam", "polarr", "vsco", "photodirector",
    "photopea", "krita", "inkscape", "photo editor",
)
"""Substrings of the EXIF Software tag that name an image editor (lower case), for
`photo.edited`. J-LIS refuses photos processed with editing software; camera firmware
("Ver.1.0", "iOS 17.1", "HDR+") is not listed. Source: J-LIS guidance; names collected from
the editors' own EXIF output."""

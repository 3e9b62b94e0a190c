"""Why a check that still fails after fixing is beyond any mechanical fix.

Each failing rule gets a plain reason: what it would take to fix it, and why the tool does not
(changing the content of an ID photo is editing, which J-LIS refuses, or the detail is simply not
in the file). The reason is carried in the returned Check's `fix` field.
"""

from __future__ import annotations

from dataclasses import replace

from photocheck.report import Check, Text

_REASONS: dict[str, Text] = {
    "face.count": Text(
        "The photo must show exactly one face; removing or cropping away a person changes what "
        "the photo shows. Take a new photo of the applicant alone.",
    ),
    "background.plain": Text(
        "A busy background cannot be replaced without editing the photo, which is not accepted. "
        "Take a new photo in front of a plain wall.",
    ),
    "background.shadow": Text(
        "Removing a shadow means repainting the background. Light the wall evenly and take a new "
        "photo.",
    ),
    "image.sharpness": Text(
        "Blur cannot be undone: sharpening invents detail and counts as processing. Take a new "
        "photo with the camera held still.",
    ),
    "image.exposure": Text(
        "Brightening or darkening the face is retouching. Take a new photo in even light.",
    ),
    "face.pose": Text(
        "The head's angle is in the photo itself. Take a new photo facing the camera.",
    ),
    "face.eyes_open": Text(
        "Closed or hidden eyes cannot be fixed. Take a new photo with both eyes open and visible.",
    ),
    "face.glasses_glare": Text(
        "A reflection hides the eyes. Tilt the glasses or remove them and take a new photo.",
    ),
    "face.head_covering": Text(
        "A hat cannot be removed from a photo. Take a new photo without it (religious or medical "
        "coverings are allowed when the face is fully visible).",
    ),
    "face.occlusion": Text(
        "A mask, sunglasses, a hand or hair over the face cannot be removed from a photo. Take a "
        "new photo with your eyes, nose and mouth fully visible.",
    ),
    "face.shadow": Text(
        "Lightening a shadow on the face is retouching. Take a new photo with even light from "
        "the front.",
    ),
    "face.red_eye": Text(
        "Repainting the pupils is retouching, so it is not done. Take a new photo with the "
        "flash off or with red-eye reduction on.",
    ),
    "photo.age": Text(
        "The capture date cannot be changed honestly. Take a new photo.",
    ),
    "image.dimensions": Text(
        "The photo has too few pixels, and enlarging it invents detail. Use the original or take "
        "the photo at a higher resolution.",
    ),
    "print.resolution": Text(
        "The face has too few pixels for a 300 dpi print, and enlarging invents detail. Use a "
        "larger original.",
    ),
    "file.size": Text(
        "Even at the highest quality the image is under 20 KB: it holds too little detail. Use "
        "the original photo rather than a small copy.",
    ),
}
_NO_ROOM = Text(
    "There is not enough photo around the head to crop it to 35:45 with the head centred and "
    "sized correctly, and adding background would be editing. Take a new photo from a little "
    "further away, centred.",
)
_OTHER = Text(
    "No mechanical change (format, colour mode, rotation, crop, size) fixes this. Take a new "
    "photo.",
)
_FRAMING = ("face.position", "face.size", "print.aspect", "print.framing")


def explain(check: Check) -> Check:
    """`check` with its `fix` saying why no mechanical fix helps."""
    reason = _NO_ROOM if check.id in _FRAMING else _REASONS.get(check.id, _OTHER)
    return replace(check, fix=reason)


def unfixable_checks(checks: list[Check]) -> list[Check]:
    """The failed checks among `checks`, each explained."""
    return [explain(c) for c in checks if c.status.value == "fail"]

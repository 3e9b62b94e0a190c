"""The upload page's own words (buttons, headings, verdict lines), as catalog messages.

The page's HTML carries `data-i18n="key"` and its script asks for `t("key")`; the strings live
here as Text so they are extracted into the same catalogs as every other message, and
`GET /api/messages?lang=` (or the JSON inlined into the page) serves them in one language.
Counts are `{n}` placeholders the script fills in.
"""

from __future__ import annotations

from photocheck.i18n.languages import LANGUAGES
from photocheck.report import Text

PAGE: dict[str, Text] = {
    "title": Text("My Number Card photo check"),
    "intro": Text("Check your ID photo against the official rules before you apply. The photo "
                  "is checked on this server and is not stored."),
    "pick": Text("Choose your photo"),
    "choose": Text("Choose a photo"),
    "camera": Text("Take a photo"),
    "drop": Text("…or drop a photo file here."),
    "profileLabel": Text("Use"),
    "profileOnline": Text("Online application"),
    "profilePrint": Text("Printed photo (35 × 45 mm)"),
    "coveringLabel": Text("Head covering"),
    "coveringNone": Text("None (a hat must come off)"),
    "coveringReligious": Text("Worn for religious reasons"),
    "coveringMedical": Text("Worn for medical reasons"),
    "resultHeading": Text("Result"),
    "previewAlt": Text("Your photo"),
    "legendFace": Text("face"),
    "legendTrim": Text("35:45 trim"),
    "noPreview": Text("This browser cannot show this file type; the check still works."),
    "fixButton": Text("Fix it for me"),
    "download": Text("Download the fixed photo"),
    "allChecks": Text("All checks"),
    "privacy": Text("Your photo is sent only to this server for checking, kept in memory, and "
                    "never saved or logged."),
    "checking": Text("Checking…"),
    "fixing": Text("Fixing…"),
    "accept": Text("Accepted: this photo meets every rule that was checked."),
    # One message for a count of one and one for more (written the same where the language has
    # no plural).
    "reject1": Text("Rejected: 1 problem to fix."),
    "reject": Text("Rejected: {n} problems to fix."),
    "error": Text("This file could not be examined."),
    "warnings1": Text("1 warning to look at."),
    "warnings": Text("{n} warnings to look at."),
    "skipped1": Text("1 rule could not be judged."),
    "skipped": Text("{n} rules could not be judged."),
    # Translators: printed before how to fix a problem, e.g. "Fix: crop the photo".
    "fixHint": Text("Fix: "),
    "statusPass": Text("OK"),
    "statusFail": Text("Fail"),
    "statusWarn": Text("Warning"),
    "statusSkip": Text("Not judged"),
    "fixedAccept": Text("The fixed photo meets every rule that was checked."),
    "fixedReject": Text("The fixed photo still has problems; see below."),
    "fixedUnknown": Text("The photo was fixed."),
    "network": Text("The server could not be reached. Try again."),
    "tooBig": Text("The file is too large for this service."),
    "language": Text("Language"),
    # The guided camera (static/camera.js, issue 25).
    "useCamera": Text("Use the camera"),
    "guideHeading": Text("Take your photo with the camera"),
    "cameraLabel": Text("Camera"),
    "cameraFront": Text("Front camera"),
    "cameraBack": Text("Back camera"),
    "cameraPreview": Text("Camera preview: put your face inside the outline"),
    "shutter": Text("Take the photo"),
    "cameraClose": Text("Close the camera"),
    "cameraStarting": Text("Starting the camera…"),
    "cameraDenied": Text("The camera was not allowed. Allow it in your browser's settings and "
                         "try again, or choose a photo file instead."),
    "cameraAbsent": Text("No camera was found. Choose a photo file instead."),
    "cameraInsecure": Text("The camera only works on a secure (https) page. Choose a photo file "
                           "instead."),
    "cameraFailed": Text("The camera could not be started. Choose a photo file instead."),
    # The "When does my card expire?" panel (static/card.js, `data-card-i18n="key"` reads
    # "card" + Key).
    "cardHeading": Text("When does my card expire?"),
    "cardIntro": Text("Your card and its electronic certificates have separate expiry dates. "
                      "Enter your dates to see them, with what to do and by when."),
    "cardBirth": Text("Date of birth"),
    "cardKind": Text("Date of"),
    # Translators: after "Date of": the card's issue date (発行日).
    "cardIssued": Text("card issued (発行日)"),
    # Translators: after "Date of": the day the application was made.
    "cardApplied": Text("application (card not yet issued)"),
    "cardDate": Text("Date"),
    "cardCategory": Text("Nationality / residence status"),
    "cardStayEnd": Text("End of the period of stay (residence card)"),
    "cardNationalityLost": Text("Date Japanese nationality was lost"),
    "cardSubmit": Text("Show the dates"),
    "cardBusy": Text("Calculating…"),
    # Translators: followed by the date, e.g. "Your card is valid until 10 May 2034".
    "cardValidUntil": Text("Your card is valid until"),
    # Translators: after a date that is estimated.
    "cardEstimate": Text("(estimate)"),
    "cardCertificates": Text("Electronic certificates"),
    "cardTodo": Text("What to do, and by when"),
    # Translators: an electronic certificate that is not issued (for a child under 15).
    "cardNotIssued": Text("not issued"),
}


def page_messages(lang: str, every_language: bool = False) -> dict[str, object]:
    """What the page needs to speak `lang`: its strings and the languages it can offer; with
    `every_language`, also `all`: the strings in each of them, so switching is instant."""
    body: dict[str, object] = {
        "lang": lang,
        "languages": [{"code": lg.code, "name": lg.native, "english": lg.english}
                      for lg in LANGUAGES],
        "messages": _strings(lang),
    }
    if every_language:
        body["all"] = {lg.code: _strings(lg.code) for lg in LANGUAGES}
    return body


def _strings(lang: str) -> dict[str, str]:
    return {key: text.get(lang) for key, text in PAGE.items()}

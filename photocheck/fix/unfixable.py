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
        "写っている顔は1人だけである必要があります。人物を消したり切り取ったりすると写真の内容が"
        "変わってしまいます。申請者1人で撮り直してください。",
    ),
    "background.plain": Text(
        "A busy background cannot be replaced without editing the photo, which is not accepted. "
        "Take a new photo in front of a plain wall.",
        "背景を差し替えると加工写真になり受け付けられません。無地の壁の前で撮り直してください。",
    ),
    "background.shadow": Text(
        "Removing a shadow means repainting the background. Light the wall evenly and take a new "
        "photo.",
        "影を消すには背景を描き直す必要があります。壁を均一に照らして撮り直してください。",
    ),
    "image.sharpness": Text(
        "Blur cannot be undone: sharpening invents detail and counts as processing. Take a new "
        "photo with the camera held still.",
        "ぼやけは元に戻せません（シャープ処理は加工にあたります）。カメラを固定して撮り直してください。",
    ),
    "image.exposure": Text(
        "Brightening or darkening the face is retouching. Take a new photo in even light.",
        "顔を明るく・暗くする補正は加工にあたります。均一な明るさで撮り直してください。",
    ),
    "face.pose": Text(
        "The head's angle is in the photo itself. Take a new photo facing the camera.",
        "顔の向きは写真そのものの問題です。カメラに正対して撮り直してください。",
    ),
    "face.eyes_open": Text(
        "Closed or hidden eyes cannot be fixed. Take a new photo with both eyes open and visible.",
        "閉じた目・隠れた目は直せません。両目がはっきり見える状態で撮り直してください。",
    ),
    "face.glasses_glare": Text(
        "A reflection hides the eyes. Tilt the glasses or remove them and take a new photo.",
        "反射で目が見えません。眼鏡の角度を変えるか外して撮り直してください。",
    ),
    "face.head_covering": Text(
        "A hat cannot be removed from a photo. Take a new photo without it (religious or medical "
        "coverings are allowed when the face is fully visible).",
        "帽子は写真から取り除けません。外して撮り直してください（宗教上・医療上の理由の場合を除く）。",
    ),
    "face.occlusion": Text(
        "A mask, sunglasses, a hand or hair over the face cannot be removed from a photo. Take a "
        "new photo with your eyes, nose and mouth fully visible.",
        "マスク・サングラス・手・髪で隠れた部分は写真から取り除けません。目・鼻・口がはっきり"
        "見える状態で撮り直してください。",
    ),
    "face.shadow": Text(
        "Lightening a shadow on the face is retouching. Take a new photo with even light from "
        "the front.",
        "顔の影を明るくする補正は加工にあたります。正面から均一に光を当てて撮り直してください。",
    ),
    "face.red_eye": Text(
        "Repainting the pupils is retouching, so it is not done. Take a new photo with the "
        "flash off or with red-eye reduction on.",
        "瞳を塗り直すのは加工にあたるため行いません。フラッシュを切るか赤目軽減をオンにして"
        "撮り直してください。",
    ),
    "photo.age": Text(
        "The capture date cannot be changed honestly. Take a new photo.",
        "撮影日を偽ることはできません。新しく撮影してください。",
    ),
    "image.dimensions": Text(
        "The photo has too few pixels, and enlarging it invents detail. Use the original or take "
        "the photo at a higher resolution.",
        "画素数が足りません。拡大は存在しない細部を作ることになります。元の写真を使うか、"
        "高い解像度で撮り直してください。",
    ),
    "print.resolution": Text(
        "The face has too few pixels for a 300 dpi print, and enlarging invents detail. Use a "
        "larger original.",
        "300 dpiで印刷するには顔の画素数が足りません。より大きな元画像を使ってください。",
    ),
    "file.size": Text(
        "Even at the highest quality the image is under 20 KB: it holds too little detail. Use "
        "the original photo rather than a small copy.",
        "最高画質でも20KBに届きません（画像の情報が少なすぎます）。縮小版ではなく元の写真を"
        "使ってください。",
    ),
}
_NO_ROOM = Text(
    "There is not enough photo around the head to crop it to 35:45 with the head centred and "
    "sized correctly, and adding background would be editing. Take a new photo from a little "
    "further away, centred.",
    "頭の周りに十分な余白がなく、35:45で正しく切り抜けません。背景を付け足すのは加工にあたります。"
    "少し離れて、中央に写るよう撮り直してください。",
)
_OTHER = Text(
    "No mechanical change (format, colour mode, rotation, crop, size) fixes this. Take a new "
    "photo.",
    "形式・色・向き・切り抜き・サイズの変更では直せません。撮り直してください。",
)
_FRAMING = ("face.position", "face.size", "print.aspect", "print.framing")


def explain(check: Check) -> Check:
    """`check` with its `fix` saying why no mechanical fix helps."""
    reason = _NO_ROOM if check.id in _FRAMING else _REASONS.get(check.id, _OTHER)
    return replace(check, fix=reason)


def unfixable_checks(checks: list[Check]) -> list[Check]:
    """The failed checks among `checks`, each explained."""
    return [explain(c) for c in checks if c.status.value == "fail"]

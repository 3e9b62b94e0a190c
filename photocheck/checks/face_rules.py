"""The face rules: one face, facing front, centred, large enough, eyes open, no glare or hat,
and the print profile's framing.

All of them read the one face analysis (`photocheck.vision.faces`), which runs once per photo.
Measures are in working-image pixels and reported as fractions or degrees, so they mean the same
at any resolution; the report's `face` block is converted to full-resolution pixels.
"""

from __future__ import annotations

from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.report import Check, Status, Text
from photocheck.rules import limit
from photocheck.vision.eyes import eye_openness, glare_fraction
from photocheck.vision.faces import FaceAnalysis, HeadSpan, faces
from photocheck.vision.head_covering import covering_evidence
from photocheck.vision.trim import fit_trim, trim_around

_NO_SINGLE_FACE = Text("Not judged: {why}.", "判定していません：{why_ja}。")


def _analysis(ctx: Context) -> FaceAnalysis:
    """The shared face analysis; publishes the report's `face` block the first time."""
    analysis = faces(ctx)
    if analysis.single and "face_summary" not in ctx.extras:
        ctx.extras["face_summary"] = face_summary(ctx, analysis)
    return analysis


def _skip_without_face(rule_id: str, analysis: FaceAnalysis) -> Check | None:
    """A `skip` for rules that need exactly one meshed face, else None."""
    if analysis.single:
        return None
    n = len(analysis.counted)
    if n == 0:
        why, why_ja = "no face was found", "顔が見つかりません"
    elif n > 1:
        why, why_ja = f"{n} faces were found", f"{n}人の顔が見つかりました"
    else:
        why, why_ja = "the face's landmarks could not be found", "顔の特徴点を検出できません"
    return Check(rule_id, Status.SKIP, _NO_SINGLE_FACE.format(why=why, why_ja=why_ja))


# ---------------------------------------------------------------- face.count


@judges("face.count")
def face_count(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    n = len(analysis.counted)
    if n == 1:
        msg = Text("One face found.", "顔が1つ見つかりました。")
        return Check("face.count", Status.PASS, msg, value=1, limit=1)
    if n == 0:
        msg = Text("No face was found. Face the camera with your whole face visible and "
                   "well lit.",
                   "顔が見つかりません。顔全体が見え、明るく写るようにカメラの方を向いて"
                   "撮影してください。")
        return Check("face.count", Status.FAIL, msg, value=0, limit=1)
    msg = Text("{n} faces were found; the photo must show only you. Retake it with nobody "
               "else in the frame.",
               "{n}人の顔が見つかりました。本人だけが写った写真が必要です。他の人が"
               "写らないように撮り直してください。")
    return Check("face.count", Status.FAIL, msg.format(n=n), value=n, limit=1)


# ---------------------------------------------------------------- face.pose

_POSE_PROBLEMS = {
    ("yaw", True): ("your head is turned {deg}° to your left", "顔が左に{deg}°向いています"),
    ("yaw", False): ("your head is turned {deg}° to your right", "顔が右に{deg}°向いています"),
    ("pitch", True): ("your chin is raised {deg}°", "あごが{deg}°上がっています"),
    ("pitch", False): ("your chin is lowered {deg}°", "あごが{deg}°下がっています"),
    ("roll", True): ("your head is tilted {deg}° toward your left shoulder",
                     "頭が左肩の方へ{deg}°傾いています"),
    ("roll", False): ("your head is tilted {deg}° toward your right shoulder",
                      "頭が右肩の方へ{deg}°傾いています"),
}


@judges("face.pose")
def face_pose(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("face.pose", analysis)
    if skipped:
        return skipped
    assert analysis.pose is not None  # a meshed face always has a pose
    angles = {"yaw": analysis.pose.yaw, "pitch": analysis.pose.pitch, "roll": analysis.pose.roll}
    limits = {axis: limit(f"face.pose.{axis}_deg").value for axis in angles}
    value = {axis: round(a, 1) for axis, a in angles.items()}
    problems_en, problems_ja = [], []
    for axis, angle in angles.items():
        if abs(angle) > limits[axis]:
            en, ja = _POSE_PROBLEMS[(axis, angle > 0)]
            params = {"deg": round(abs(angle))}
            problems_en.append(f"{en.format(**params)} (limit {limits[axis]:g}°)")
            problems_ja.append(f"{ja.format(**params)}（上限{limits[axis]:g}°）")
    if not problems_en:
        msg = Text("Facing the camera: turned {yaw}°, nodded {pitch}°, tilted {roll}°.",
                   "正面を向いています（左右{yaw}°、上下{pitch}°、傾き{roll}°）。")
        return Check("face.pose", Status.PASS, msg.format(**value), value=value, limit=limits)
    msg = Text("Face the camera straight on: " + "; ".join(problems_en) + ".",
               "カメラに正対してください：" + "、".join(problems_ja) + "。")
    return Check("face.pose", Status.FAIL, msg, value=value, limit=limits)


# ---------------------------------------------------------------- face.position


@judges("face.position")
def face_position(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("face.position", analysis)
    if skipped:
        return skipped
    head = analysis.head
    assert head is not None
    offset_x = (head.centre_x - analysis.width / 2) / analysis.width
    centre_y = (head.crown[1] + head.chin[1]) / 2 / analysis.height
    max_x = limit("face.position.offset_x").value
    low_y, high_y = limit("face.position.centre_y").value
    value = {"offset_x": round(offset_x, 3), "centre_y": round(centre_y, 3)}
    lim = {"offset_x": max_x, "centre_y": [low_y, high_y]}
    pct = {"pct": round(abs(offset_x) * 100), "max": round(max_x * 100)}
    if abs(offset_x) > max_x:
        en, ja = ("right", "右") if offset_x > 0 else ("left", "左")
        msg = Text("Your face is {pct}% of the photo's width " + en + " of centre (limit "
                   "{max}%). Stand in the middle of the frame.",
                   "顔が中央から写真の幅の{pct}%" + ja + "にずれています（上限{max}%）。"
                   "画面の中央に立ってください。")
        return Check("face.position", Status.FAIL, msg.format(**pct), value=value, limit=lim)
    if not low_y <= centre_y <= high_y:
        en, ja = ("top", "上") if centre_y < low_y else ("bottom", "下")
        msg = Text("Your head is too close to the " + en + " edge of the photo (its centre "
                   "is at {at}% of the height; {lo}-{hi}% expected). Centre it vertically.",
                   "頭が写真の" + ja + "端に寄りすぎています（中心が高さの{at}%、"
                   "{lo}〜{hi}%が目安）。上下の中央に写してください。")
        params = {"at": round(centre_y * 100), "lo": round(low_y * 100),
                  "hi": round(high_y * 100)}
        return Check("face.position", Status.FAIL, msg.format(**params), value=value, limit=lim)
    msg = Text("The face is centred ({pct}% off centre, limit {max}%).",
               "顔は中央にあります（中央から{pct}%、上限{max}%）。")
    return Check("face.position", Status.PASS, msg.format(**pct), value=value, limit=lim)


# ---------------------------------------------------------------- face.size


_NOMINAL = (34.0, 4.0)
"""Head height and crown margin (mm of 45) of the passport framing the agency trims to."""


@judges("face.size")
def face_size(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("face.size", analysis)
    if skipped:
        return skipped
    head = analysis.head
    assert head is not None
    fraction = head.height / analysis.height
    min_fraction = limit("face.size.head_fraction").value
    problem = (_cut_off(head, analysis.height) or _too_small(fraction)
               or _no_room(head.height, analysis.width, analysis.height)
               or _trim_too_small(trim_around(head, *_NOMINAL).h / ctx.working.scale))
    if problem:
        return Check("face.size", Status.FAIL, problem, value=round(fraction, 3),
                     limit=min_fraction)
    msg = Text("The head fills {pct}% of the height, with room around it for the 35:45 trim.",
               "頭の高さは写真の{pct}%で、35:45のトリミングに必要な余白があります。")
    return Check("face.size", Status.PASS, msg.format(pct=round(fraction * 100)),
                 value=round(fraction, 3), limit=min_fraction)


def _cut_off(head: HeadSpan, height: int) -> Text | None:
    """The crown or chin outside the frame."""
    crown_out = head.crown_cut or head.crown[1] < 0
    if not crown_out and head.chin[1] <= height:
        return None
    cut = ("The top of your head", "頭頂部") if crown_out else ("Your chin", "あご")
    return Text(cut[0] + " is cut off by the frame. Leave a little space above your "
                "head and include your shoulders.",
                cut[1] + "が写真からはみ出しています。頭の上に少し余白をとり、肩まで"
                "写してください。")


def _too_small(fraction: float) -> Text | None:
    """The head too small a part of the photo (not bust-up)."""
    min_fraction = limit("face.size.head_fraction").value
    if fraction >= min_fraction:
        return None
    return Text("Your head fills only {pct}% of the photo's height (at least {min}%). Move "
                "closer or zoom in so head and shoulders fill the frame.",
                "頭の高さが写真の{pct}%しかありません（{min}%以上が必要）。近づくか"
                "ズームして、頭と肩が画面に収まるようにしてください。").format(
        pct=round(fraction * 100), min=round(min_fraction * 100))


def _no_room(head_height: float, width: int, height: int) -> Text | None:
    """A close-up too tight for any 35:45 trim to leave room around the head."""
    width_mm, height_mm = limit("print.size_mm").value
    largest_trim = min(height, width * height_mm / width_mm)
    max_fill = limit("face.size.max_trim_fill").value
    if head_height <= max_fill * largest_trim:
        return None
    return Text("Your head fills {fill}% of the largest 35:45 trim of this photo (at most "
                "{max}%): there is no room around it. Step back a little so there is space "
                "above your head and your shoulders show.",
                "頭がこの写真で切り抜ける最大の35:45の枠の{fill}%を占めています（{max}%"
                "まで）。周りに余白がありません。少し下がり、頭の上に余白をとって肩まで"
                "写してください。").format(fill=round(100 * head_height / largest_trim),
                                          max=round(100 * max_fill))


def _trim_too_small(trim_px: float) -> Text | None:
    """The passport trim around the head too few pixels high (full resolution)."""
    min_px = limit("face.size.trim_px").value
    if trim_px >= min_px:
        return None
    return Text("Trimmed to 35:45 around the head, the photo would be only {px} px high (at "
                "least {min} px). Move closer or use a higher resolution.",
                "頭を中心に35:45に切り抜くと高さが{px}ピクセルしかありません（{min}"
                "ピクセル以上が必要）。近づくか高い解像度で撮影してください。").format(
        px=round(trim_px), min=min_px)


# ---------------------------------------------------------------- face.eyes_open


@judges("face.eyes_open")
def face_eyes_open(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("face.eyes_open", analysis)
    if skipped:
        return skipped
    assert analysis.landmarks is not None
    openness = eye_openness(analysis.landmarks)
    min_ratio = limit("face.eyes_open.ratio").value
    value = {side: round(r, 3) for side, r in openness.ratio.items()}
    min_iris = limit("face.eyes_open.iris_shown").value
    # Closed only when both measures agree: narrow (e.g. monolid) eyes have a low aspect ratio
    # but still show most of the iris height.
    closed = [side for side, r in openness.ratio.items()
              if r < min_ratio and openness.iris_shown[side] < min_iris]
    if not closed:
        msg = Text("Both eyes are open.", "両目が開いています。")
        return Check("face.eyes_open", Status.PASS, msg, value=value, limit=min_ratio)
    which = {("left",): ("your left eye looks", "左目が"),
             ("right",): ("your right eye looks", "右目が"),
             ("right", "left"): ("both eyes look", "両目が")}[tuple(closed)]
    msg = Text("Open your eyes: " + which[0] + " closed or covered (opening {r} of the eye's "
               "width, at least {min}). Keep hair off your eyes.",
               which[1] + "閉じているか隠れています（開き具合{r}、{min}以上が必要）。目を"
               "開け、前髪が目にかからないようにしてください。")
    worst = min(openness.ratio.values())
    return Check("face.eyes_open", Status.FAIL, msg.format(r=f"{worst:.2f}", min=min_ratio),
                 value=value, limit=min_ratio)


# ---------------------------------------------------------------- face.glasses_glare


@judges("face.glasses_glare")
def face_glasses_glare(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("face.glasses_glare", analysis)
    if skipped:
        return skipped
    assert analysis.landmarks is not None
    fraction = glare_fraction(ctx.working.pixels, analysis.landmarks,
                              limit("face.glasses_glare.min_blob").value)
    max_fraction = limit("face.glasses_glare.fraction").value
    value = round(fraction, 4)
    if fraction <= max_fraction:
        msg = Text("No reflection over the eyes.", "目の周りに反射はありません。")
        return Check("face.glasses_glare", Status.PASS, msg, value=value, limit=max_fraction)
    msg = Text("There seem to be reflections over your eyes ({pct}% of the eye area). Tilt "
               "your glasses slightly down, move the light or take the glasses off.",
               "目の周りに反射があるようです（目の領域の{pct}%）。眼鏡を少し下に傾けるか、"
               "照明の位置を変えるか、眼鏡を外してください。")
    return Check("face.glasses_glare", Status.WARN, msg.format(pct=round(fraction * 100, 1)),
                 value=value, limit=max_fraction)


# ---------------------------------------------------------------- face.head_covering


@judges("face.head_covering")
def face_head_covering(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("face.head_covering", analysis)
    if skipped:
        return skipped
    assert analysis.landmarks is not None
    score = covering_evidence(ctx.working.pixels, analysis.landmarks).score
    max_score = limit("face.head_covering.score").value
    value = round(score, 3)
    if score <= max_score:
        msg = Text("No hat detected.", "帽子は検出されませんでした。")
        return Check("face.head_covering", Status.PASS, msg, value=value, limit=max_score)
    msg = Text("You seem to be wearing a hat or head covering. Take it off, unless you wear "
               "it for religious or medical reasons and your face is fully visible.",
               "帽子などをかぶっているようです。宗教上・医療上の理由で顔全体が見える場合を"
               "除き、外して撮影してください。")
    return Check("face.head_covering", Status.WARN, msg, value=value, limit=max_score)


# ---------------------------------------------------------------- print.framing


@judges("print.framing")
def print_framing(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = _skip_without_face("print.framing", analysis)
    if skipped:
        return skipped
    head = analysis.head
    assert head is not None
    _, print_h = limit("print.size_mm").value
    head_mm = head.height / analysis.height * print_h
    crown_mm = head.crown[1] / analysis.height * print_h
    head_lim, crown_lim = limit("print.head_mm").value, limit("print.crown_margin_mm").value
    value = {"head_mm": round(head_mm, 1), "crown_margin_mm": round(crown_mm, 1)}
    lim = {"head_mm": list(head_lim), "crown_margin_mm": list(crown_lim)}
    problems_en, problems_ja = [], []
    if not head_lim[0] <= head_mm <= head_lim[1]:
        problems_en.append(f"the head is {head_mm:.1f} mm from crown to chin "
                           f"({head_lim[0]:g}-{head_lim[1]:g} mm needed)")
        problems_ja.append(f"頭頂からあごまでが{head_mm:.1f} mmです"
                           f"（{head_lim[0]:g}〜{head_lim[1]:g} mmが必要）")
    if not crown_lim[0] <= crown_mm <= crown_lim[1]:
        problems_en.append(f"the space above the head is {crown_mm:.1f} mm "
                           f"({crown_lim[0]:g}-{crown_lim[1]:g} mm needed)")
        problems_ja.append(f"頭の上の余白が{crown_mm:.1f} mmです"
                           f"（{crown_lim[0]:g}〜{crown_lim[1]:g} mmが必要）")
    if not problems_en:
        msg = Text("Printed at 35 x 45 mm, the head is {h} mm with {c} mm above it.",
                   "35 x 45 mmで印刷すると頭は{h} mm、頭の上の余白は{c} mmです。")
        return Check("print.framing", Status.PASS,
                     msg.format(h=value["head_mm"], c=value["crown_margin_mm"]),
                     value=value, limit=lim)
    fix = Text("`photocheck fix --profile print` crops it to 35:45 with the head at passport "
               "size.", "`photocheck fix --profile print` で頭がパスポート規格の大きさになるよう"
               "35:45に切り抜けます。")
    msg = Text("Printed at 35 x 45 mm, " + "; ".join(problems_en) + ".",
               "35 x 45 mmで印刷すると、" + "、".join(problems_ja) + "。")
    return Check("print.framing", Status.FAIL, msg, value=value, limit=lim, fix=fix)


# ---------------------------------------------------------------- report block


def face_summary(ctx: Context, analysis: FaceAnalysis) -> dict[str, object]:
    """The report's `face` block in full-resolution upright pixels, for overlays and the fixer."""
    s = ctx.working.scale
    head, pose = analysis.head, analysis.pose
    assert head is not None and pose is not None and analysis.landmarks is not None
    main = max(analysis.counted, key=lambda d: d.box[2] * d.box[3])
    summary: dict[str, object] = {
        "box": [round(v / s) for v in main.box],
        "yaw": round(pose.yaw, 1), "pitch": round(pose.pitch, 1), "roll": round(pose.roll, 1),
        "score": round(main.score, 3),
        "crown_y": round(head.crown[1] / s), "chin_y": round(head.chin[1] / s),
        "centre_x": round(head.centre_x / s),
    }
    # The fixer crops to `trim`: the passport framing nearest the nominal one that fits inside
    # the photo, or the nominal one reaching past the edge (`trim_fits` false: pad to use it).
    fitted = fit_trim(head, analysis.width, analysis.height)
    trim = fitted or trim_around(head, *_NOMINAL)
    summary["trim"] = [round(trim.x / s), round(trim.y / s), round(trim.w / s), round(trim.h / s)]
    summary["trim_fits"] = fitted is not None
    return summary

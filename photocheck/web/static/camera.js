// The guided camera (issue 25): a live preview cropped to the card's 35:45 with a head outline,
// hints from POST /api/guide a few times a second, and a shutter enabled only when the guide
// says ready. The still is the same 35:45 crop at the camera's full resolution, sent through
// the page's usual check (app.js `choose`). Uses app.js's globals: $, t, writeText, pick,
// state, choose. No inline script: runs under the page's strict CSP.
"use strict";

const GUIDE_INTERVAL_MS = 300;  // ~3 frames a second; a frame costs the server ~40 ms
const PREVIEW_LONG_SIDE = 640;  // the frame sent to the guide (it judges at 500 px)
const ASPECT = 35 / 45;

const camera = {
  stream: null,
  timer: null,
  inFlight: false,
  ready: false,
  readyFrames: 0,  // consecutive frames the guide called ready
  hintKey: "",
};
const READY_FRAMES = 2;  // the shutter waits until the pose has held for this many frames

function cameraMessage(key) {
  const el = $("camera-error");
  el.hidden = !key;
  if (key) el.dataset.i18n = key; else delete el.dataset.i18n;  // re-drawn on a language switch
  if (key) writeText(el, t(key));
}

async function openCamera() {
  cameraMessage(null);
  if (!window.isSecureContext) return cameraMessage("cameraInsecure");
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return cameraMessage("cameraAbsent");
  }
  stopStream();
  setHints([{ id: "starting", text: t("cameraStarting") }]);
  $("guide").hidden = false;
  const facing = $("camera-facing").value;
  try {
    camera.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: facing, width: { ideal: 1920 }, height: { ideal: 1920 } },
    });
  } catch (error) {
    closeCamera();
    const name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") return cameraMessage("cameraDenied");
    if (name === "NotFoundError" || name === "OverconstrainedError") return cameraMessage("cameraAbsent");
    return cameraMessage("cameraFailed");
  }
  const video = $("guide-video");
  video.setAttribute("aria-label", t("cameraPreview"));
  video.classList.toggle("mirrored", facing === "user");
  video.srcObject = camera.stream;
  try { await video.play(); } catch (_) { /* autoplay starts it */ }
  camera.timer = window.setInterval(sendFrame, GUIDE_INTERVAL_MS);
  $("shutter").focus();
}

function stopStream() {
  if (camera.timer) window.clearInterval(camera.timer);
  camera.timer = null;
  if (camera.stream) camera.stream.getTracks().forEach((track) => track.stop());
  camera.stream = null;
  setReady(false);
}

function closeCamera() {
  stopStream();
  $("guide-video").srcObject = null;
  $("guide").hidden = true;
  camera.hintKey = "";
  $("guide-hints").replaceChildren();
}

// The centre 35:45 crop of the video (what the outline frames), drawn `longSide` px high at
// most (0: full resolution). Returns the canvas, or null before the first video frame.
function cropToCanvas(longSide) {
  const video = $("guide-video");
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  const cropW = Math.min(vw, vh * ASPECT);
  const cropH = cropW / ASPECT;
  const scale = longSide ? Math.min(1, longSide / cropH) : 1;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(cropW * scale);
  canvas.height = Math.round(cropH * scale);
  canvas.getContext("2d").drawImage(video, (vw - cropW) / 2, (vh - cropH) / 2, cropW, cropH,
    0, 0, canvas.width, canvas.height);
  canvas.fullSize = [Math.round(cropW), Math.round(cropH)];
  return canvas;
}

function toJpeg(canvas, quality) {
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
}

async function sendFrame() {
  if (camera.inFlight || !camera.stream) return;
  const canvas = cropToCanvas(PREVIEW_LONG_SIDE);
  if (!canvas) return;
  camera.inFlight = true;
  try {
    const blob = await toJpeg(canvas, 0.85);
    const form = new FormData();
    form.append("photo", blob, "frame.jpg");
    form.append("still_width", String(canvas.fullSize[0]));
    form.append("still_height", String(canvas.fullSize[1]));
    form.append("lang", state.lang || "en");
    const covering = document.getElementById("covering");
    if (covering && covering.value) form.append("covering", covering.value);  // declared only
    const response = await fetch("/api/guide", { method: "POST", body: form });
    const body = await response.json();
    if (!camera.stream) return;  // closed meanwhile
    if (response.ok) {
      setReady(body.ready);
      setHints(body.hints.map((h) => ({ id: h.id, text: pick(h.message) })));
    } else {
      setReady(false);
      setHints([{ id: body.error || "error", text: pick(body.message) }]);
    }
  } catch (_) {
    setReady(false);
    setHints([{ id: "network", text: t("network") }]);
  } finally {
    camera.inFlight = false;
  }
}

function setReady(ready) {
  camera.readyFrames = ready ? camera.readyFrames + 1 : 0;
  camera.ready = camera.readyFrames >= READY_FRAMES;
  $("shutter").disabled = !camera.ready;
  $("guide").classList.toggle("ready", camera.ready);
  $("guide").dataset.ready = String(camera.ready);
}

// Re-drawn only when the hints change, so a screen reader announces each change once.
function setHints(hints) {
  const key = hints.map((h) => `${h.id}:${h.text}`).join("|");
  if (key === camera.hintKey) return;
  camera.hintKey = key;
  $("guide-hints").replaceChildren(...hints.map((hint) => {
    const item = document.createElement("li");
    item.dataset.hint = hint.id;
    writeText(item, hint.text);
    return item;
  }));
}

async function takePhoto() {
  if (!camera.ready) return;
  const canvas = cropToCanvas(0);
  if (!canvas) return;
  const blob = await toJpeg(canvas, 0.92);
  closeCamera();
  choose(new File([blob], "camera.jpg", { type: "image/jpeg" }));
  $("verdict").scrollIntoView({ block: "nearest" });
}

function wireCamera() {
  $("camera-open").addEventListener("click", openCamera);
  $("camera-close").addEventListener("click", closeCamera);
  $("shutter").addEventListener("click", takePhoto);
  $("camera-facing").addEventListener("change", () => { if (camera.stream) openCamera(); });
}

wireCamera();

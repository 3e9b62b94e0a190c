"""A fake camera for Chromium: a .y4m video written at test time from a test portrait.

Chromium's `--use-file-for-fake-video-capture=FILE` plays a YUV4MPEG2 file in a loop as the
camera (`--use-fake-device-for-media-stream` makes it the only device, and
`--use-fake-ui-for-media-stream` answers the permission prompt "allow").
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def write_y4m(pixels: np.ndarray, path: Path, frames: int = 2, fps: int = 10) -> Path:
    """`pixels` (RGB, uint8) as a still video of `frames` frames, 4:2:0; even sides required
    by the chroma subsampling, so an odd last row or column is dropped."""
    h, w = (pixels.shape[0] // 2) * 2, (pixels.shape[1] // 2) * 2
    yuv = cv2.cvtColor(np.ascontiguousarray(pixels[:h, :w]), cv2.COLOR_RGB2YUV_I420)
    header = f"YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii")
    frame = b"FRAME\n" + yuv.tobytes()
    path.write_bytes(header + frame * frames)
    return path


def camera_args(video: Path) -> tuple[str, ...]:
    """The Chromium flags that make `video` the camera, allowed without asking."""
    return ("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}")

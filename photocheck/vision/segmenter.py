"""The selfie segmenter: how much each pixel looks like the person in front of the backdrop.

mediapipe's general selfie segmentation model (in its wheel, 256 x 256 input), run through the
LiteRT interpreter exactly as mediapipe's SelfieSegmentationCpu graph runs it (see `tflite`).
"""

from __future__ import annotations

import cv2
import numpy as np

from photocheck.vision import tflite

MODEL = "selfie_segmentation/selfie_segmentation.tflite"
"""The general model (mp.solutions' model_selection=0), under mediapipe/modules."""


def segment_person(rgb: np.ndarray) -> np.ndarray:
    """The selfie segmenter's person confidence for RGB uint8 `rgb` (same size, float32).

    As mediapipe's selfie segmentation graph does it: the image stretched to the model's
    256 x 256 input (values 0..1), the model's own output (already a probability), enlarged
    back to the image's size bilinearly.
    """
    model = tflite.model(MODEL)
    tensor, _ = tflite.image_to_tensor(np.ascontiguousarray(rgb, dtype=np.uint8),
                                       model.input_width, model.input_height,
                                       keep_aspect=False, value_range=(0.0, 1.0))
    (mask,) = model.run(tensor)
    height, width = rgb.shape[:2]
    return cv2.resize(mask[..., 0], (width, height), interpolation=cv2.INTER_LINEAR)

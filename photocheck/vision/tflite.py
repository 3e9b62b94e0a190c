"""The wheel's bundled .tflite models run directly through the LiteRT interpreter.

mediapipe's `mp.solutions` wrap each model in a calculator graph: every call copies the image into
an ImageFrame, schedules a dozen calculators and converts the result to protobufs, which costs
about as much again as the model itself on a photo-sized input (BlazeFace: 4.3 ms through the
solution, 3.1 ms in the interpreter; the selfie segmenter 4.5 ms vs 3.2 ms). For the two models
that need no custom operator (BlazeFace and the selfie segmenter) photocheck prepares the input
tensor itself the way mediapipe's ImageToTensorCalculator does and runs the same model file with
the same XNNPACK delegate, so the outputs are the model's own (see `blazeface` for the
post-processing). The face mesh with attention uses mediapipe's custom operators and stays in
mediapipe.

One interpreter per model and thread (an interpreter is not thread-safe), one CPU thread each:
a batch worker is one process per core already.
"""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

_local = threading.local()


def mediapipe_modules() -> Path:
    """The folder of the mediapipe wheel that holds its bundled model files."""
    import mediapipe  # imported lazily: a header-only rejection never pays for it

    return Path(mediapipe.__file__).with_name("modules")


class Model:
    """One bundled .tflite model, loaded once, with its single input and its outputs."""

    def __init__(self, relative_path: str) -> None:
        from ai_edge_litert.interpreter import Interpreter

        self.path = mediapipe_modules() / relative_path
        self._interpreter = Interpreter(model_path=str(self.path), num_threads=1)
        self._interpreter.allocate_tensors()
        source = self._interpreter.get_input_details()[0]
        self._input = source["index"]
        self.input_height, self.input_width = (int(n) for n in source["shape"][1:3])
        self._outputs = [d["index"] for d in self._interpreter.get_output_details()]

    def run(self, tensor: np.ndarray) -> list[np.ndarray]:
        """The model's outputs (copies, batch dimension dropped) for a 1 x H x W x 3 float32
        `tensor`."""
        self._interpreter.set_tensor(self._input, tensor)
        self._interpreter.invoke()
        return [self._interpreter.get_tensor(index)[0] for index in self._outputs]


def model(relative_path: str) -> Model:
    """The calling thread's instance of the bundled model at `relative_path` (under
    mediapipe/modules), loaded on first use."""
    models: dict[str, Model] = getattr(_local, "models", None) or {}
    _local.models = models
    if relative_path not in models:
        models[relative_path] = Model(relative_path)
    return models[relative_path]


def image_to_tensor(pixels: np.ndarray, width: int, height: int, keep_aspect: bool,
                    value_range: tuple[float, float]) -> tuple[np.ndarray, tuple[float, float]]:
    """`pixels` (H x W x 3 uint8) as the model's 1 x `height` x `width` x 3 float32 input, as
    mediapipe's ImageToTensorCalculator makes it on the CPU, and the letterbox padding
    (left and right, top and bottom, each as a fraction of the tensor's width and height).

    mediapipe maps the corners of the image (keeping the aspect ratio: of the smallest
    rectangle of the tensor's shape centred on it) onto the tensor's corners with OpenCV's
    bilinear perspective warp, zero outside the image, then scales 0..255 to `value_range`.
    The same calls here give the same tensor (the selfie mask on the dev photos: within
    4e-5 of mediapipe's; a plain resize differs by up to 0.45).
    """
    rows, cols = pixels.shape[:2]
    span_x, span_y = float(cols), float(rows)
    pad_x = pad_y = 0.0
    if keep_aspect:
        tensor_aspect, image_aspect = height / width, rows / cols
        if tensor_aspect > image_aspect:
            span_y = cols * tensor_aspect
            pad_y = (1 - image_aspect / tensor_aspect) / 2
        else:
            span_x = rows / tensor_aspect
            pad_x = (1 - tensor_aspect / image_aspect) / 2
    left, top = (cols - span_x) / 2, (rows - span_y) / 2
    source = np.float32([[left, top + span_y], [left, top], [left + span_x, top],
                         [left + span_x, top + span_y]])
    target = np.float32([[0, height], [0, 0], [width, 0], [width, height]])
    warped = cv2.warpPerspective(pixels, cv2.getPerspectiveTransform(source, target),
                                 (width, height), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    low, high = value_range
    tensor = warped.astype(np.float32)
    tensor *= np.float32((high - low) / 255.0)
    tensor += np.float32(low)
    return tensor[np.newaxis], (pad_x, pad_y)

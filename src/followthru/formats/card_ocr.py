"""A photo of a business card into OCR words with RapidOCR (PP-OCR models on onnxruntime).

The optional `ocr` extra. It reads the raw photo far better than Tesseract reads even a
prepared one — turned, slanted, blurred or dim cards, accented letters, word spaces — and
returns each text line with its four corners and a confidence, which become the same
`Word`s the Tesseract path produces, so one line/field pipeline serves both engines.

Nothing is downloaded: the detection, orientation and recognition models ship inside the
`rapidocr` wheel, and each is named by its path here, so RapidOCR's own fallback (fetching
a model it cannot find) is never reached; a wheel without them is a clear error instead.
The models are loaded once per `CardReader`, which a whole batch shares.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followthru.domain.card_fields import Word
from followthru.errors import BadInput

if TYPE_CHECKING:
    from PIL import Image as PILImage

INSTALL_HINT = "Install the OCR extra: `pip install 'followthru[ocr]'`."
MODELS = {  # RapidOCR's step: the model file its wheel ships
    "Det": "PP-OCRv6_det_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
}
MAX_SIDE = 1280  # px: a larger photo is shrunk first; detection gains nothing past this


def available() -> bool:
    """Whether the `ocr` extra (rapidocr and onnxruntime) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


def model_paths() -> dict[str, Path]:
    """Each model inside the installed wheel; BadInput when one is missing (a wheel that
    would fetch it at run time is not one followthru uses)."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise BadInput("RapidOCR is not installed.", INSTALL_HINT)
    folder = Path(spec.origin).parent / "models"
    paths = {step: folder / name for step, name in MODELS.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise BadInput(
            f"RapidOCR's models are not where its wheel puts them ({', '.join(missing)}).",
            "Reinstall the OCR extra: `pip install --force-reinstall 'followthru[ocr]'`.",
        )
    return paths


class CardReader:
    """RapidOCR with its models loaded once: every card of a batch goes through one."""

    name = "rapidocr"

    def __init__(self) -> None:
        from rapidocr import RapidOCR

        # One thread: onnxruntime's worker threads spin against each other (and anything
        # else running) on a small machine, as Tesseract's do; one reads a card faster.
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        for step, path in model_paths().items():
            params[f"{step}.model_path"] = str(path)
        self._engine = RapidOCR(params=params)

    def words(self, image: PILImage.Image) -> list[Word]:
        """Each text line RapidOCR found, as one Word in the image's own coordinates: its
        top-left corner, its length and height along its own slant, its confidence 0-100."""
        scale = min(1.0, MAX_SIDE / max(image.size))
        if scale < 1:
            from PIL import Image

            size = (round(image.width * scale), round(image.height * scale))
            image = image.resize(size, Image.Resampling.BOX)
        result: Any = self._engine(image.convert("RGB"))  # RapidOCROutput for a photo
        if result.boxes is None or result.txts is None or result.scores is None:
            return []
        return [
            _word(i, box, str(text), float(score), scale)
            for i, (box, text, score) in enumerate(
                zip(result.boxes, result.txts, result.scores, strict=True)
            )
            if str(text).strip()
        ]


def _word(index: int, box: Any, text: str, score: float, scale: float) -> Word:
    """One detected line: corners top-left, top-right, bottom-right, bottom-left."""
    (x0, y0), (x1, y1), _, (x3, y3) = ((float(x) / scale, float(y) / scale) for x, y in box)
    return Word(
        text=text.strip(),
        conf=100 * score,
        left=round(x0),
        top=round(y0),
        width=max(1, round(math.hypot(x1 - x0, y1 - y0))),
        height=max(1, round(math.hypot(x3 - x0, y3 - y0))),
        line=(index,),
    )

"""A photo of a business card into OCR words: Pillow prepares it, Tesseract reads it.

Phone photos are not scans: the card lies on a desk at an angle, under uneven light, with
coloured or light-on-dark text. Preparation, in order: EXIF orientation; the card found
(the largest region unlike the photo's border) and cropped; rotation measured from the
text lines (a projection profile, up to ±20°) and undone; the card's own background colour
flattened to white, so coloured and inverted text both come out dark; small images scaled
up and large ones down to the size Tesseract reads best. Nothing is downloaded: Tesseract
and its English data are the one system dependency.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from followthru.domain.card_fields import Word
from followthru.errors import BadInput

if TYPE_CHECKING:
    from PIL import Image as PILImage

INSTALL_HINT = (
    "Install Tesseract OCR: `sudo apt-get install tesseract-ocr tesseract-ocr-eng` "
    "(Debian/Ubuntu), `brew install tesseract` (macOS)."
)
TARGET_WIDTH = 1800  # px across the card: text of a business card lands at 20-60 px high
_SMALL = 320  # the working copy for finding the card and its angle


class NotAnImage(BadInput):
    """The file is not a picture Pillow can open."""


@dataclass
class Prepared:
    image: PILImage.Image  # grayscale, text dark on white
    angle: float  # degrees the card was turned back by
    cropped: bool


def tesseract_available(command: str = "tesseract") -> bool:
    return shutil.which(command) is not None


def require_tesseract() -> None:
    if not tesseract_available():
        raise BadInput("`scan` needs Tesseract OCR, which is not installed.", INSTALL_HINT)


def open_image(data: bytes, name: str = "image") -> PILImage.Image:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAnImage(f"{name} is not an image Pillow can read.", "Use a JPEG or PNG.") from exc
    image: PILImage.Image = ImageOps.exif_transpose(opened) or opened
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    return image.convert("RGB")


def prepare(image: PILImage.Image, *, find_card: bool = True) -> Prepared:
    """The card, upright, flattened to dark text on white, at a size Tesseract likes.

    find_card=False takes the whole photo as the card: the retry when the card found was
    wrong (a shadow across a pale card on a pale desk splits it in two)."""
    from PIL import Image

    box, angle_hint, region = _find_card(image) if find_card else (None, None, None)
    cropped = box is not None
    card = image.crop(box) if box is not None else image
    scale = TARGET_WIDTH / max(card.size)
    if abs(scale - 1) > 0.1:
        card = card.resize(
            (max(1, round(card.width * scale)), max(1, round(card.height * scale))),
            Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC,
        )
    gray = _flatten(card, region)
    angle = _skew_angle(gray, angle_hint)
    if abs(angle) >= 0.3:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return Prepared(gray, angle, cropped)


def _otsu(histogram: list[int]) -> int:
    total = sum(histogram)
    if total == 0:
        return 128
    sum_all = sum(i * h for i, h in enumerate(histogram))
    weight_b = 0
    sum_b = 0.0
    best, threshold = -1.0, 128
    for i, count in enumerate(histogram):
        weight_b += count
        if weight_b == 0:
            continue
        weight_f = total - weight_b
        if weight_f == 0:
            break
        sum_b += i * count
        mean_b = sum_b / weight_b
        mean_f = (sum_all - sum_b) / weight_f
        between = weight_b * weight_f * (mean_b - mean_f) ** 2
        if between > best:
            best, threshold = between, i
    return threshold


def _median_colour(pixels: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    channels = list(zip(*pixels, strict=True)) if pixels else [(255,), (255,), (255,)]
    return (
        sorted(channels[0])[len(channels[0]) // 2],
        sorted(channels[1])[len(channels[1]) // 2],
        sorted(channels[2])[len(channels[2]) // 2],
    )


def _find_card(
    image: PILImage.Image,
) -> tuple[tuple[int, int, int, int] | None, float | None, PILImage.Image | None]:
    """The card's box in the photo, its tilt from its outline and its mask (in the box), or
    Nones when the card fills the picture (a scan, or a photo cropped already).

    Three guesses at what is card: the pale unsaturated region (a white card on a desk), the
    saturated one (a coloured card on a grey desk), and whatever differs from the photo's
    border; the one whose largest region is most like a filled rectangle wins."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    small = image.copy()
    small.thumbnail((_SMALL, _SMALL), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(1.5))
    w, h = small.size
    if w < 20 or h < 20:
        return None, None, None
    px: Any = small.load()
    ring = 3
    border = [px[x, y] for x in range(w) for y in (*range(ring), *range(h - ring, h))]
    border += [px[x, y] for y in range(h) for x in (*range(ring), *range(w - ring, w))]
    bg = _median_colour(border)
    diff = ImageChops.difference(small, Image.new("RGB", small.size, bg))
    r, g, b = diff.split()
    dist = ImageChops.add(ImageChops.add(r, g), b)  # clipped at 255: fine for a mask
    dist_cut = max(_otsu(dist.histogram()), 40)
    saturation = small.convert("HSV").getchannel("S")
    sat_cut = _otsu(saturation.histogram())
    masks = [
        dist.point(lambda v: 255 if v > dist_cut else 0),
        saturation.point(lambda v: 255 if v < sat_cut else 0),
        saturation.point(lambda v: 255 if v >= sat_cut else 0),
    ]
    # A photo's own frame (a dark rim, a vignette) would join everything into one region.
    keep = Image.new("L", (w, h), 0)
    keep.paste(Image.new("L", (w - 2 * ring, h - 2 * ring), 255), (ring, ring))
    best: tuple[float, list[tuple[int, int]], float | None] | None = None
    for mask in masks:
        mask = ImageChops.multiply(mask.convert("L"), keep)
        # Close the text holes, then open away the speckle of a textured background.
        mask = mask.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))
        mask = mask.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))
        component = _largest_component(mask)
        area = len(component)
        if not 0.12 * w * h <= area <= 0.93 * w * h:
            continue
        angle = _outline_angle(component)
        fill = _rectangularity(component, angle or 0.0)
        if fill >= 0.7 and (best is None or fill > best[0]):
            best = (fill, component, angle)
    if best is None:
        return None, None, None
    _, component, angle = best
    xs = [p[0] for p in component]
    ys = [p[1] for p in component]
    x0, x1, y0, y1 = min(xs), max(xs) + 1, min(ys), max(ys) + 1
    # The card is the convex hull of its region: the text holes in it are card too.
    region = Image.new("L", (w, h), 0)
    ImageDraw.Draw(region).polygon(_hull(component), fill=255)
    region = region.filter(ImageFilter.MinFilter(3))
    sx, sy = image.width / w, image.height / h
    box = (
        max(0, round(x0 * sx)),
        max(0, round(y0 * sy)),
        min(image.width, round(x1 * sx)),
        min(image.height, round(y1 * sy)),
    )
    return box, angle, region.crop((x0, y0, x1, y1))


def _hull(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Convex hull (monotone chain) of a region, from each row's two ends."""
    ends: dict[int, tuple[int, int]] = {}
    for x, y in points:
        lo, hi = ends.get(y, (x, x))
        ends[y] = (min(lo, x), max(hi, x))
    pts = sorted({(x, y) for y, (lo, hi) in ends.items() for x in (lo, hi)})

    def cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[int, int]] = []
    upper: list[tuple[int, int]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _rectangularity(component: list[tuple[int, int]], angle: float) -> float:
    """The share of its own (turned) bounding rectangle a region fills: 1 for a card."""
    import math

    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    us = [x * c + y * s for x, y in component]
    vs = [-x * s + y * c for x, y in component]
    box = (max(us) - min(us) + 1) * (max(vs) - min(vs) + 1)
    return len(component) / box if box else 0.0


def _largest_component(mask: PILImage.Image) -> list[tuple[int, int]]:
    w, h = mask.size
    data = mask.tobytes()
    seen = bytearray(w * h)
    best: list[tuple[int, int]] = []
    for start in range(w * h):
        if not data[start] or seen[start]:
            continue
        seen[start] = 1
        stack = [start]
        pixels: list[tuple[int, int]] = []
        while stack:
            at = stack.pop()
            x, y = at % w, at // w
            pixels.append((x, y))
            for nxt in (at - 1 if x else -1, at + 1 if x < w - 1 else -1, at - w, at + w):
                if 0 <= nxt < w * h and data[nxt] and not seen[nxt]:
                    seen[nxt] = 1
                    stack.append(nxt)
        if len(pixels) > len(best):
            best = pixels
    return best


def _outline_angle(component: list[tuple[int, int]]) -> float | None:
    """The tilt of a filled rectangle from its second moments (None: too square to tell)."""
    import math

    xs = [p[0] for p in component]
    ys = [p[1] for p in component]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    mu20 = sum((x - mx) ** 2 for x in xs) / n
    mu02 = sum((y - my) ** 2 for y in ys) / n
    mu11 = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / n
    if abs(mu20 - mu02) < 0.15 * (mu20 + mu02):
        return None
    theta = 0.5 * math.degrees(math.atan2(2 * mu11, mu20 - mu02))
    return theta if abs(theta) <= 25 else None


def _flatten(card: PILImage.Image, region: PILImage.Image | None = None) -> PILImage.Image:
    """Dark text on white, whatever the card's colours: distance from the card's own
    background colour, divided by the local background level to even out the light."""
    from PIL import Image, ImageChops, ImageFilter, ImageOps

    small = card.copy()
    small.thumbnail((_SMALL, _SMALL))
    inside = cast(list[tuple[int, int, int]], list(small.get_flattened_data()))
    if region is not None:
        region = region.resize(card.size, Image.Resampling.BILINEAR)
        inside = [
            p for p, m in zip(inside, region.resize(small.size).tobytes(), strict=True) if m > 128
        ] or inside
    bg = _median_colour(inside)
    diff = ImageChops.difference(card, Image.new("RGB", card.size, bg))
    r, g, b = diff.split()
    ink = ImageChops.lighter(ImageChops.lighter(r, g), b)  # the largest channel difference
    # Shading and the card's edge make slow changes; text makes fast ones. Subtract a
    # heavily smoothed copy (the minimum over a text-sized window, then blurred).
    # The window (a ninth of the card) must be wider than the largest text is tall.
    level = ink.resize((64, max(8, round(64 * card.height / card.width))))
    level = level.filter(ImageFilter.MinFilter(7)).filter(ImageFilter.GaussianBlur(3))
    level = level.resize(card.size, Image.Resampling.BILINEAR)
    ink = ImageChops.subtract(ink, level)
    if region is not None:  # the desk around a turned card is not text
        ink = ImageChops.multiply(ink, region)
    ink = ImageOps.autocontrast(ink, cutoff=(0, 0.5))
    return ImageOps.invert(ink)


def _skew_angle(gray: PILImage.Image, hint: float | None) -> float:
    """Degrees to rotate (counter-clockwise) so the text lines are level: the angle whose
    row sums of ink vary the most (text lines and the gaps between them as sharp as can be)."""
    from PIL import Image, ImageOps

    small = ImageOps.invert(gray)
    small.thumbnail((600, 600))
    small = small.point(lambda v: 255 if v > 90 else 0)

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.NEAREST, expand=True)
        rows = list(turned.resize((1, turned.height), Image.Resampling.BOX).tobytes())
        mean = sum(rows) / len(rows)
        return sum((v - mean) ** 2 for v in rows) / len(rows)

    if hint is not None:  # the card's outline says roughly; the text lines say exactly
        candidates = [float(round(hint) + d) for d in range(-4, 5)]
    else:
        candidates = [float(a) for a in range(-20, 21)]
    best = max(candidates, key=sharpness)
    fine = [best + d / 4 for d in range(-4, 5)]
    return max(fine, key=sharpness)


def variants(gray: PILImage.Image) -> Iterator[PILImage.Image]:
    """Other preparations of a prepared card for a second OCR pass, cheapest first: smaller
    (blur shrunk with it), thresholded (faint, blurred strokes made solid) and larger (small
    print made bigger)."""
    from PIL import Image

    def scaled(factor: float) -> PILImage.Image:
        size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
        resample = Image.Resampling.LANCZOS if factor < 1 else Image.Resampling.BICUBIC
        return gray.resize(size, resample)

    yield scaled(0.6)
    yield gray.point(lambda v: 255 if v > 160 else 0)
    yield scaled(1.4)


def ocr_words(image: PILImage.Image, *, psm: int = 11) -> list[Word]:
    """Tesseract's words with their boxes and confidences."""
    import pytesseract  # type: ignore[import-untyped]

    try:
        data = pytesseract.image_to_data(
            image,
            lang="eng",
            config=f"--psm {psm} --oem 1",
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise BadInput("`scan` needs Tesseract OCR, which is not installed.", INSTALL_HINT) from exc
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        if not str(text).strip():
            continue
        words.append(
            Word(
                text=str(text),
                conf=float(data["conf"][i]),
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                line=(
                    int(data["block_num"][i]),
                    int(data["par_num"][i]),
                    int(data["line_num"][i]),
                ),
            )
        )
    return words

"""A photo of a business card into OCR words: Pillow prepares it, Tesseract reads it.

Phone photos are not scans: the card lies on a desk at an angle, under uneven light, with
coloured or light-on-dark text. Preparation, in order: EXIF orientation; the card found
(the largest region unlike the photo's border) and its four corners cut out and squared
up — one perspective warp undoes the crop, the turn and the slant of a card photographed
from the side, and scales it to the size Tesseract reads best; any rotation left measured
from the text lines (a projection profile; up to ±20° when no card was found) and undone;
the card's own background colour flattened to white, so coloured and inverted text both
come out dark. Nothing is downloaded: Tesseract and its English data are the one system
dependency.
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
DECODE_MIN = 2600  # px: a JPEG's long side is never decoded smaller than this
_ORIENTATION = 0x0112  # the EXIF tag
MIN_INK = 48  # of 255: a card whose strongest print differs less from it holds none
OCR_TIMEOUT = 6  # s: a page of noise, not a card; Tesseract reads a card in under 1 s


class NotAnImage(BadInput):
    """The file is not a picture Pillow can open. Like every reason `scan` reports per
    file, the message is a predicate ("is not an image …") that follows the file's name."""


@dataclass
class Prepared:
    image: PILImage.Image  # grayscale, text dark on white
    angle: float  # degrees the card was turned back by after squaring it up
    cropped: bool  # the card was found and cut out of the photo


def tesseract_available(command: str = "tesseract") -> bool:
    return shutil.which(command) is not None


def require_tesseract() -> None:
    if not tesseract_available():
        raise BadInput("`scan` needs Tesseract OCR, which is not installed.", INSTALL_HINT)


def open_image(data: bytes) -> PILImage.Image:
    """The photo as RGB, upright by its EXIF orientation, transparency on white.

    A JPEG far larger than the card needs (a 48-megapixel phone) is decoded at a half or a
    quarter of its size straight from the file, which is several times cheaper than
    decoding it whole and shrinking it; its long side stays at least DECODE_MIN."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        opened = Image.open(io.BytesIO(data))
        if opened.format == "JPEG" and max(opened.size) > 2 * DECODE_MIN:
            shrink = DECODE_MIN / max(opened.size)
            opened.draft("RGB", (round(opened.width * shrink), round(opened.height * shrink)))
        opened.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAnImage("is not an image Pillow can read", "Use a JPEG or PNG.") from exc
    image: PILImage.Image = opened
    if image.getexif().get(_ORIENTATION, 1) != 1:  # turning copies the photo: only if needed
        image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    return image if image.mode == "RGB" else image.convert("RGB")


def prepare(image: PILImage.Image, *, find_card: bool = True) -> Prepared:
    """The card, upright, flattened to dark text on white, at a size Tesseract likes.

    find_card=False takes the whole photo as the card: the retry when the card found was
    wrong (a shadow across a pale card on a pale desk splits it in two)."""
    from PIL import Image

    corners = _find_card(image) if find_card else None
    if corners is not None:
        card = _warp(image, corners)
    else:
        card = image
        scale = TARGET_WIDTH / max(card.size)
        if abs(scale - 1) > 0.1:
            card = card.resize(
                (max(1, round(card.width * scale)), max(1, round(card.height * scale))),
                Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC,
            )
    gray = _flatten(card, edge=corners is not None)
    # A card squared up by its corners is level already, up to the corners' error.
    angle = _skew_angle(gray, 0.0 if corners is not None else None)
    if abs(angle) >= 0.3:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return Prepared(gray, angle, corners is not None)


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


Point = tuple[float, float]
Run = tuple[int, int, int]  # one row's stretch of a region: y, first x, last x + 1


def _find_card(image: PILImage.Image) -> list[Point] | None:
    """The card's four corners in the photo (top-left, top-right, bottom-right,
    bottom-left), or None when the card fills the picture (a scan, a photo cropped already).

    Three guesses at what is card: the pale unsaturated region (a white card on a desk), the
    saturated one (a coloured card on a grey desk), and whatever differs from the photo's
    border. A guess counts when its largest region is a convex four-sided shape — a card
    seen at an angle is a trapezoid, not a rectangle — no more than three times as long as
    it is wide (a longer one is a strip of desk between the card and the frame). The guess
    that fills its four-sided outline best wins."""
    from PIL import Image, ImageFilter

    small = image.resize(_small_size(image.size), Image.Resampling.BOX)
    small = small.filter(ImageFilter.GaussianBlur(1.5))
    w, h = small.size
    if w < 20 or h < 20:
        return None
    found = [_card_outline(mask) for mask in _card_masks(small)]
    fills = [outline for outline in found if outline is not None]
    if not fills:
        return None
    _, quad = max(fills, key=lambda outline: outline[0])  # on a tie, the first guess
    sx, sy = image.width / w, image.height / h
    return [(x * sx, y * sy) for x, y in quad]


_RING = 3  # the photo's border, in pixels of the working copy


def _card_masks(small: PILImage.Image) -> list[PILImage.Image]:
    """The three guesses at what is card, as masks without the photo's own frame (a dark
    rim, a vignette would join everything into one region)."""
    from PIL import Image, ImageChops

    w, h = small.size
    r, g, b = ImageChops.difference(
        small, Image.new("RGB", small.size, _border_colour(small))
    ).split()
    dist = ImageChops.add(ImageChops.add(r, g), b)  # clipped at 255: fine for a mask
    dist_cut = max(_otsu(dist.histogram()), 40)
    saturation = small.convert("HSV").getchannel("S")
    sat_cut = _otsu(saturation.histogram())
    masks = [
        dist.point(lambda v: 255 if v > dist_cut else 0),
        saturation.point(lambda v: 255 if v < sat_cut else 0),
        saturation.point(lambda v: 255 if v >= sat_cut else 0),
    ]
    keep = Image.new("L", (w, h), 0)
    keep.paste(Image.new("L", (w - 2 * _RING, h - 2 * _RING), 255), (_RING, _RING))
    return [ImageChops.multiply(mask.convert("L"), keep) for mask in masks]


def _border_colour(small: PILImage.Image) -> tuple[int, int, int]:
    """The median colour of the photo's border: the desk, most likely."""
    w, h = small.size
    px: Any = small.load()
    border = [px[x, y] for x in range(w) for y in (*range(_RING), *range(h - _RING, h))]
    border += [px[x, y] for y in range(h) for x in (*range(_RING), *range(w - _RING, w))]
    return _median_colour(border)


def _card_outline(mask: PILImage.Image) -> tuple[float, list[Point]] | None:
    """How well the mask's largest region fills its four-sided outline, and the outline;
    None when the region is too small or too large, not four-sided, or too long."""
    from PIL import ImageFilter

    w, h = mask.size
    # Close the text holes, then open away the speckle of a textured background.
    mask = mask.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))
    mask = mask.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))
    runs = _largest_component(mask)
    area = sum(x1 - x0 for _, x0, x1 in runs)
    if not 0.12 * w * h <= area <= 0.93 * w * h:
        return None
    hull = _hull(runs)
    quad = _quad(hull)
    quad_area = _area(quad)
    if quad_area <= 0 or _aspect(quad) > 3:
        return None
    # The region fills its hull (no bites out of it) and the hull is four-sided.
    fill = min(area / _area(hull), quad_area / _area(hull))
    return (fill, quad) if fill >= 0.85 else None


def _small_size(size: tuple[int, int]) -> tuple[int, int]:
    """The working copy's size: finding the card or the card's colour needs no detail."""
    w, h = size
    scale = min(1.0, _SMALL / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


class _Joined:
    """Union-find over numbered items: which ones touch, directly or through others."""

    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        """A new item, joined to nothing yet; its number."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[ra] = rb


def _largest_component(mask: PILImage.Image) -> list[Run]:
    """The largest 4-connected region of a mask, as runs: each row's stretches are found
    by a regular expression (in C) and joined to the row above's by union-find, so a
    320-pixel mask costs a few milliseconds rather than a pixel-by-pixel flood fill."""
    import re

    w, h = mask.size
    data = mask.tobytes()
    runs: list[Run] = []
    joined = _Joined()
    above: list[int] = []
    for y in range(h):
        here: list[int] = []
        for match in re.finditer(rb"[^\x00]+", data[y * w : (y + 1) * w]):
            index = joined.add()
            runs.append((y, match.start(), match.end()))
            here.append(index)
            for other in above:
                _, a0, a1 = runs[other]
                if a0 < match.end() and match.start() < a1:
                    joined.join(index, other)
        above = here
    sizes: dict[int, int] = {}
    for i, (_, x0, x1) in enumerate(runs):
        r = joined.root(i)
        sizes[r] = sizes.get(r, 0) + x1 - x0
    if not sizes:
        return []
    largest = max(sizes, key=lambda k: sizes[k])
    return [run for i, run in enumerate(runs) if joined.root(i) == largest]


def _hull(runs: list[Run]) -> list[Point]:
    """Convex hull (monotone chain, counter-clockwise in image axes) of a region, from each
    row's two ends."""
    pts = sorted({(float(x), float(y)) for y, x0, x1 in runs for x in (x0, x1 - 1)})

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _area(polygon: list[Point]) -> float:
    """Shoelace area; a region's pixel count and its hull's area agree within the edge."""
    n = len(polygon)
    twice = sum(
        polygon[i][0] * polygon[(i + 1) % n][1] - polygon[(i + 1) % n][0] * polygon[i][1]
        for i in range(n)
    )
    return abs(twice) / 2


def _quad(hull: list[Point]) -> list[Point]:
    """The largest four-cornered shape on the hull's vertices, as top-left, top-right,
    bottom-right, bottom-left: the card's corners, perspective and all.

    Starts from the points furthest along the four diagonals and moves one corner at a time
    to the hull vertex that enlarges the shape most, until none does."""
    if len(hull) < 4:
        return []
    corners = [
        min(hull, key=lambda p: p[0] + p[1]),
        max(hull, key=lambda p: p[0] - p[1]),
        max(hull, key=lambda p: p[0] + p[1]),
        min(hull, key=lambda p: p[0] - p[1]),
    ]
    if len(set(corners)) < 4:
        return []
    for _ in range(4):
        moved = False
        for i in range(4):
            for p in hull:
                trial = [*corners[:i], p, *corners[i + 1 :]]
                if _convex(trial) and _area(trial) > _area(corners) + 1e-9:
                    corners, moved = trial, True
        if not moved:
            break
    return corners if _convex(corners) else []


def _aspect(quad: list[Point]) -> float:
    """Long side over short side of a four-cornered shape (its opposite sides averaged)."""
    import math

    def side(i: int) -> float:
        a, b = quad[i], quad[(i + 1) % 4]
        return math.hypot(a[0] - b[0], a[1] - b[1])

    across, down = (side(0) + side(2)) / 2, (side(1) + side(3)) / 2
    return max(across, down) / max(min(across, down), 1e-9)


def _convex(quad: list[Point]) -> bool:
    """Corners in order (clockwise on screen) turning the same way at each one."""
    turns = []
    for i in range(4):
        o, a, b = quad[i], quad[(i + 1) % 4], quad[(i + 2) % 4]
        turns.append((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))
    return all(t > 0 for t in turns)


def _warp(image: PILImage.Image, corners: list[Point]) -> PILImage.Image:
    """The card cut out along its corners and squared up to TARGET_WIDTH across: crop,
    rotation, perspective and scale in one resampling. A large photo is first shrunk by a
    whole factor (a cheap box filter) so the warp never shrinks by more than half, where
    bicubic sampling would alias thin strokes."""
    import math

    from PIL import Image

    def dist(a: Point, b: Point) -> float:
        return math.hypot(a[0] - b[0], a[1] - b[1])

    tl, tr, br, bl = corners
    width = max(dist(tl, tr), dist(bl, br))
    height = max(dist(tl, bl), dist(tr, br))
    scale = TARGET_WIDTH / max(width, height, 1.0)
    factor = max(1, math.floor(0.5 / scale)) if scale < 0.5 else 1
    if factor > 1:
        image = image.reduce(factor)
        corners = [(x / factor, y / factor) for x, y in corners]
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    target = [(0.0, 0.0), (float(out_w), 0.0), (float(out_w), float(out_h)), (0.0, float(out_h))]
    return image.transform(
        (out_w, out_h),
        Image.Transform.PERSPECTIVE,
        _perspective(target, corners),
        Image.Resampling.BICUBIC,
        fillcolor=(255, 255, 255),
    )


def _perspective(src: list[Point], dst: list[Point]) -> tuple[float, ...]:
    """The 8 coefficients Pillow's PERSPECTIVE transform wants, taking each src point (in
    the output) to its dst point (in the photo): a linear system solved by elimination."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    n = 8
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        if abs(rows[col][col]) < 1e-12:
            raise ValueError("degenerate corners")
        for r in range(n):
            if r != col:
                f = rows[r][col] / rows[col][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[col], strict=True)]
    return tuple(rows[i][n] / rows[i][i] for i in range(n))


def _flatten(card: PILImage.Image, *, edge: bool = False) -> PILImage.Image:
    """Dark text on white, whatever the card's colours: distance from the card's own
    background colour, divided by the local background level to even out the light.

    edge: the card was cut out along its outline, so a sliver of desk may line its border;
    that sliver is no text (Tesseract reads an edge as '|' or 'l')."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    small = card.resize(_small_size(card.size), Image.Resampling.BOX)
    inside = cast(list[tuple[int, int, int]], list(small.get_flattened_data()))
    bg = _median_colour(inside)
    diff = ImageChops.difference(card, Image.new("RGB", card.size, bg))
    r, g, b = diff.split()
    ink = ImageChops.lighter(ImageChops.lighter(r, g), b)  # the largest channel difference
    # Shading and the card's edge make slow changes; text makes fast ones. Subtract a
    # heavily smoothed copy (the minimum over a text-sized window, then blurred).
    # The window (a ninth of the card) must be wider than the largest text is tall.
    level = ink.resize((64, max(8, round(64 * card.height / card.width))), Image.Resampling.BOX)
    level = level.filter(ImageFilter.MinFilter(7)).filter(ImageFilter.GaussianBlur(3))
    level = level.resize(card.size, Image.Resampling.BILINEAR)
    ink = ImageChops.subtract(ink, level)
    if edge:
        margin = max(2, round(0.012 * min(card.size)))
        ImageDraw.Draw(ink).rectangle(
            (0, 0, card.width - 1, card.height - 1), outline=0, width=margin
        )
    # Stretch the strongest print to black. A card (or a part of one) whose strongest
    # print is fainter than MIN_INK holds none: stretching its grain would make a page of
    # speckle that Tesseract spends 10 s on, so it comes out blank.
    top = _strongest_print(ink.histogram(), card.width * card.height)
    if top < MIN_INK:
        return Image.new("L", card.size, 255)
    return ink.point(lambda v: 255 - min(255, round(v * 255 / top)))


def _strongest_print(histogram: list[int], pixels: int) -> int:
    """The ink level the darkest half percent of the pixels reach: the print, not a speck."""
    top, seen = 255, 0
    while top > 0 and seen + histogram[top] <= 0.005 * pixels:
        seen += histogram[top]
        top -= 1
    return top


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


LINE_HEIGHTS = (26, 20)  # px: the sizes a line is read again at, in turn


def ocr_line(
    image: PILImage.Image, box: tuple[int, int, int, int], line: tuple[int, ...], height: int
) -> list[Word]:
    """One line read again on its own (Tesseract's single-line mode), scaled so its text is
    `height` px tall, in the image's coordinates and under the line's own id.

    The box is widened — OCR drops the end of a long address ('…@contos') and may drop its
    first word — but hardly at all up and down, where the next line would join in."""
    from PIL import Image

    left, top, right, bottom = box
    tall = max(1, bottom - top)
    crop_box = (
        max(0, left - tall),
        max(0, round(top - 0.2 * tall)),
        min(image.width, right + 3 * tall),
        min(image.height, round(bottom + 0.2 * tall)),
    )
    crop = image.crop(crop_box)
    scale = height / tall
    size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
    resample = Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC
    words = ocr_words(crop.resize(size, resample), psm=7)
    return [_placed(w, crop_box[:2], scale, line) for w in words]


def _placed(word: Word, origin: tuple[int, int], scale: float, line: tuple[int, ...]) -> Word:
    """A word read in a crop scaled by `scale`, back in the image's coordinates."""
    return Word(
        text=word.text,
        conf=word.conf,
        left=origin[0] + round(word.left / scale),
        top=origin[1] + round(word.top / scale),
        width=round(word.width / scale),
        height=round(word.height / scale),
        line=line,
    )


def ocr_words(image: PILImage.Image, *, psm: int = 11) -> list[Word]:
    """Tesseract's words with their boxes and confidences (none when it timed out).

    Two costs that are not reading: Tesseract's OpenMP threads spin against each other (and
    anything else running) on a small machine — one thread reads a card 2-4x faster here,
    so it is the default unless OMP_THREAD_LIMIT says otherwise; and pytesseract hands the
    picture over as a compressed PNG (0.3 s for a card), where an uncompressed BMP costs
    nothing to write."""
    import os
    import tempfile

    import pytesseract  # type: ignore[import-untyped]

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        with tempfile.TemporaryDirectory(prefix="followthru-scan-") as folder:
            path = os.path.join(folder, "card.bmp")
            image.save(path, "BMP")
            data = pytesseract.image_to_data(
                path,
                lang="eng",
                config=f"--psm {psm} --oem 1",
                output_type=pytesseract.Output.DICT,
                timeout=OCR_TIMEOUT,
            )
    except pytesseract.TesseractNotFoundError as exc:
        raise BadInput("`scan` needs Tesseract OCR, which is not installed.", INSTALL_HINT) from exc
    except RuntimeError as exc:  # pytesseract's timeout: no text worth the wait
        if "timeout" not in str(exc).lower():
            raise
        return []
    return [_word(data, i) for i, text in enumerate(data["text"]) if str(text).strip()]


def _word(data: dict[str, list[Any]], i: int) -> Word:
    """The i-th word of Tesseract's table (`image_to_data`), its line as (block, par, line)."""
    return Word(
        text=str(data["text"][i]),
        conf=float(data["conf"][i]),
        left=int(data["left"][i]),
        top=int(data["top"][i]),
        width=int(data["width"][i]),
        height=int(data["height"][i]),
        line=(int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])),
    )

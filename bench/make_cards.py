"""Synthetic business-card photos with known fields, for `eval_cards.py` and the tests.

    python bench/make_cards.py OUT_DIR [--count 40] [--seed 7]

Each card gets a layout (left, centred, split, name-at-bottom), a colour scheme (light,
coloured text, dark card with light text), fonts from the DejaVu family Debian ships
(nothing is downloaded), then is photographed: placed on a textured "desk", turned up to
±5°, blurred, noised, and saved small or large, as JPEG or PNG. `labels.json` holds what
each card says: {file: {name, title, company, email, phone, website}} (phone in E.164).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"))
FONTS = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "condensed": "DejaVuSansCondensed.ttf",
    "condensed-bold": "DejaVuSansCondensed-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
}

GIVEN = ("Maya", "Oliver", "Priya", "Lucas", "Hannah", "Tomasz", "Aisha", "Daniel", "Sofia",
         "Kenji", "Elena", "Marcus", "Chloe", "Rafael", "Ingrid", "Samuel", "Leila", "Victor",
         "Grace", "Mateo", "Nadia", "Patrick", "Yuki", "Fatima", "Henrik", "Zoe", "Andre",
         "Clara", "Omar", "Beatrice")  # fmt: skip
FAMILY = ("Okafor", "Lindqvist", "Patel", "Moreau", "Fischer", "Kowalski", "Haddad",
          "Brennan", "Rossi", "Tanaka", "Novak", "Whitfield", "Dubois", "Alvarez", "Berg",
          "Osei", "Karimi", "Castillo", "Nguyen", "Schmidt", "Harrington", "Larsen",
          "Mendes", "Costa", "Ivanova", "Quinn", "Sato", "Rahman", "Keller", "Walsh")  # fmt: skip
TITLES = ("Chief Executive Officer", "Head of Partnerships", "Senior Software Engineer",
          "Product Manager", "Marketing Director", "VP of Sales", "Founder & CEO",
          "Data Scientist", "Account Executive", "UX Designer", "Operations Manager",
          "Managing Partner", "Business Development Lead", "Research Scientist",
          "Chief Technology Officer", "Financial Analyst", "Creative Director",
          "Customer Success Manager", "Solutions Architect", "Talent Acquisition Specialist")  # fmt: skip
COMPANIES = (("Northwind Traders", "northwindtraders.com"), ("Bluefin Analytics Ltd", "bluefin.io"),
             ("Kestrel Robotics Inc.", "kestrelrobotics.com"), ("Harbour & Pine LLP", "harbourpine.co.uk"),
             ("Lumen Health GmbH", "lumenhealth.de"), ("Quayside Studio", "quayside.studio"),
             ("Tidewater Capital", "tidewater.vc"), ("Orchard Systems Corp.", "orchardsys.com"),
             ("Papercrane Labs", "papercrane.dev"), ("Granite Peak Consulting", "granitepeak.com"),
             ("Solstice Energy SA", "solstice-energy.fr"), ("Copperleaf Foods Pty Ltd", "copperleaf.com.au"),
             ("Meridian Logistics", "meridianlogistics.com"), ("Foxglove Creative", "foxglove.design"),
             ("Atlas Biotech AG", "atlasbio.ch"), ("Riverstone Partners", "riverstone.com"))  # fmt: skip
REGIONS = ("US", "GB", "DE", "FR", "AU", "NL")
STREETS = ("221 Baker Street", "1600 Market Street, Suite 400", "12 Rue de Rivoli",
           "Friedrichstraße 43", "88 George Street", "Keizersgracht 520")  # fmt: skip
CITIES = ("London NW1 6XE", "San Francisco, CA 94103", "75001 Paris", "10117 Berlin",
          "Sydney NSW 2000", "1017 EG Amsterdam")  # fmt: skip
SCHEMES = (  # (card, primary text, secondary text, accent)
    ((250, 250, 248), (20, 20, 20), (70, 70, 70), (30, 80, 160)),
    ((255, 255, 255), (10, 40, 90), (60, 60, 60), (200, 60, 40)),
    ((245, 240, 228), (60, 40, 20), (90, 70, 50), (120, 90, 30)),
    ((235, 242, 250), (20, 60, 120), (40, 70, 110), (20, 140, 120)),
    ((30, 32, 40), (245, 245, 245), (200, 200, 205), (240, 180, 60)),  # dark card
    ((20, 60, 110), (255, 255, 255), (215, 225, 240), (255, 200, 80)),  # navy card
    ((250, 250, 250), (150, 30, 40), (40, 40, 40), (150, 30, 40)),  # coloured name
)
DESKS = ((120, 90, 60), (200, 200, 195), (60, 60, 65), (170, 140, 100), (90, 110, 80))


@dataclass
class Card:
    name: str
    title: str
    company: str
    email: str
    phone_e164: str
    phone_shown: str
    website: str
    address: str


def random_phone(rng: random.Random, region: str) -> tuple[str, str]:
    """A valid number for the region: (E.164, as printed on the card)."""
    import phonenumbers

    example = phonenumbers.example_number_for_type(
        region,
        rng.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]),
    )
    assert example is not None
    national = str(example.national_number)
    for _ in range(200):
        digits = national[:2] + "".join(rng.choice("0123456789") for _ in national[2:])
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            break
    else:
        number = example
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    style = rng.random()
    if region == "US" and style < 0.5:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if style > 0.85:
            shown = shown.replace(" ", ".", 2).replace(".", " ", 1)
    return e164, shown


def random_card(rng: random.Random) -> Card:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    company, domain = rng.choice(COMPANIES)
    local = rng.choice(
        [
            f"{given}.{family}",
            f"{given[0]}{family}",
            given,
            f"{given}{family[0]}",
            f"{given}_{family}",
        ]
    ).lower()
    region = rng.choice(REGIONS)
    e164, shown = random_phone(rng, region)
    website = rng.choice([f"www.{domain}", domain, f"https://{domain}", f"www.{domain}"])
    i = rng.randrange(len(STREETS))
    return Card(
        name=f"{given} {family}",
        title=rng.choice(TITLES),
        company=company,
        email=f"{local}@{domain}",
        phone_e164=e164,
        phone_shown=shown,
        website=website,
        address=f"{STREETS[i]}, {CITIES[i]}",
    )


def _font(name: str, size: int) -> Any:
    from PIL import ImageFont

    for folder in FONT_DIRS:
        path = folder / FONTS[name]
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def render(card: Card, rng: random.Random, *, scheme: int | None = None) -> Any:
    """The card alone, 1050x600 (3.5x2 in at 300 dpi)."""
    from PIL import Image, ImageDraw

    w, h = 1050, 600
    bg, primary, secondary, accent = SCHEMES[
        rng.randrange(len(SCHEMES)) if scheme is None else scheme
    ]
    image = Image.new("RGB", (w, h), bg)
    draw = ImageDraw.Draw(image)
    family = rng.choice(["sans", "serif", "condensed"])
    bold = f"{family}-bold"
    label = rng.random() < 0.5
    contact = [
        ("E: " if label else "") + card.email,
        rng.choice(["T: ", "Tel ", "M: ", "Mobile: ", ""]) + card.phone_shown,
        card.website,
    ]
    if rng.random() < 0.5:
        contact.append(card.address)
    rng.shuffle(contact)
    name_size = rng.randint(52, 70)
    small = rng.randint(28, 34)
    layout = rng.choice(["left", "centre", "split", "bottom"])
    name_font, title_font = _font(bold, name_size), _font(family, small + 2)
    company_font = _font(rng.choice([bold, "sans-bold", "serif-bold"]), rng.randint(34, 48))
    body_font = _font(rng.choice([family, "sans", "mono"]), small)
    draw.rectangle((0, 0, w, 14), fill=accent) if rng.random() < 0.5 else None

    def block(x: int, y: int, items: list[tuple[str, Any, Any]], anchor: str = "la") -> int:
        for text, font, colour in items:
            draw.text((x, y), text, font=font, fill=colour, anchor=anchor)
            y += int(font.size * 1.35)
        return y

    head = [(card.name, name_font, primary), (card.title, title_font, secondary)]
    body = [(t, body_font, secondary) for t in contact]
    firm = [(card.company, company_font, accent if rng.random() < 0.5 else primary)]
    if layout == "left":
        y = block(70, 60, firm)
        y = block(70, y + 20, head)
        block(70, y + 25, body)
    elif layout == "centre":
        y = block(w // 2, 50, head, "ma")
        y = block(w // 2, y + 5, firm, "ma")
        block(w // 2, y + 20, body, "ma")
    elif layout == "split":
        block(60, 70, head)
        block(60, 420, firm)
        block(w - 60, 250, body, "ra")
    else:  # the name near the bottom, the company on top
        block(60, 50, firm)
        block(60, 150, body)
        block(60, h - 170, head)
    return image


def photograph(card_image: Any, rng: random.Random, *, size: str = "") -> Any:
    """The card on a desk: turned, blurred, noisy, at a phone's or a tiny size."""
    from PIL import Image, ImageDraw, ImageFilter

    desk_colour = rng.choice(DESKS)
    cw, ch = card_image.size
    margin = rng.choice([0, 120, 200, 300])
    desk = Image.new("RGB", (cw + 2 * margin, ch + 2 * margin), desk_colour)
    if margin:
        draw = ImageDraw.Draw(desk)
        for _ in range(60):  # wood grain / fabric
            y = rng.randrange(desk.height)
            shade = tuple(max(0, min(255, c + rng.randint(-25, 25))) for c in desk_colour)
            draw.line(
                (0, y, desk.width, y + rng.randint(-40, 40)), fill=shade, width=rng.randint(2, 9)
            )
        desk = desk.filter(ImageFilter.GaussianBlur(2))
    angle = rng.uniform(-5, 5)
    turned = card_image.convert("RGBA").rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True
    )
    desk.paste(
        turned, ((desk.width - turned.width) // 2, (desk.height - turned.height) // 2), turned
    )
    if rng.random() < 0.6:
        desk = desk.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.6)))
    if rng.random() < 0.6:
        noise = Image.effect_noise(desk.size, rng.uniform(8, 25)).convert("RGB")
        desk = Image.blend(desk, noise, 0.08)
    # Light falls off across a phone photo.
    shade = Image.linear_gradient("L").resize(desk.size).rotate(rng.choice([0, 90, 180, 270]))
    desk = Image.composite(
        desk, Image.new("RGB", desk.size, (0, 0, 0)), shade.point(lambda v: 255 - v // 5)
    )
    size = size or rng.choice(["small", "phone", "phone", "large"])
    width = {"small": 640, "phone": 1600, "large": 3000}[size]
    scale = width / desk.width
    return desk.resize((width, round(desk.height * scale)), Image.Resampling.LANCZOS)


def labels_of(card: Card) -> dict[str, str]:
    return {
        "name": card.name,
        "title": card.title,
        "company": card.company,
        "email": card.email,
        "phone": card.phone_e164,
        "website": card.website,
    }


def make(out: Path, count: int, seed: int) -> dict[str, dict[str, str]]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, str]] = {}
    for i in range(count):
        card = random_card(rng)
        photo = photograph(render(card, rng), rng)
        name = f"card{i:03d}.{'jpg' if rng.random() < 0.6 else 'png'}"
        photo.save(out / name, quality=rng.randint(70, 92)) if name.endswith("jpg") else photo.save(
            out / name
        )
        labels[name] = labels_of(card)
    (out / "labels.json").write_text(json.dumps(labels, indent=2, ensure_ascii=False) + "\n")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make(args.out, args.count, args.seed)
    print(f"wrote {args.count} cards and labels.json to {args.out}")


if __name__ == "__main__":
    main()

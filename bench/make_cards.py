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


Items = list[tuple[str, Any, Any]]  # (text, font, colour) a line


def block(draw: Any, x: int, y: int, items: Items, anchor: str = "la") -> int:
    """Lines one under the other from (x, y); where the next block may start."""
    for text, font, colour in items:
        draw.text((x, y), text, font=font, fill=colour, anchor=anchor)
        y += int(font.size * 1.3)
    return y


def lay_out(
    draw: Any, layout: str, size: tuple[int, int], firm: Items, head: Items, body: Items
) -> None:
    """The company, the name with its title, and the contact lines in one of four layouts."""
    w, h = size
    if layout == "left":
        y = block(draw, 60, 45, firm)
        y = block(draw, 60, y + 15, head)
        block(draw, 60, y + 15, body)
    elif layout == "centre":
        y = block(draw, w // 2, 40, head, "ma")
        y = block(draw, w // 2, y + 5, firm, "ma")
        block(draw, w // 2, y + 15, body, "ma")
    elif layout == "split":
        block(draw, 50, 60, head)
        block(draw, 50, 440, firm)
        block(draw, w - 50, 230, body, "ra")
    else:  # the name near the bottom, the company on top
        block(draw, 50, 40, firm)
        block(draw, 50, 130, body)
        block(draw, 50, h - 60 - int(head[0][1].size * 1.3) - 36 * (len(head) - 1), head)


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

    head = [(card.name, name_font, primary), (card.title, title_font, secondary)]
    body = [(t, body_font, secondary) for t in contact]
    firm = [(card.company, company_font, accent if rng.random() < 0.5 else primary)]
    lay_out(draw, layout, (w, h), firm, head, body)
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


# ---------------------------------------------------------------- the world set
# Cards as people across Europe and beyond hand them out: accented and multi-part names,
# titles in the card's own language (some wrapping onto a second line), the country's
# company forms, ccTLD web addresses, phones printed the country's way — and photographed
# the way phones photograph them (turned, slanted, blurred, a shadow band, low light, JPEG).

# region: (language, domain ending, cities with their street)
COUNTRIES: dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "DE": ("de", ("de",), (("Friedrichstraße 43", "10117 Berlin"), ("Königsallee 92", "40212 Düsseldorf"))),
    "AT": ("de", ("at", "co.at"), (("Mariahilfer Straße 12", "1070 Wien"),)),
    "CH": ("de", ("ch",), (("Bahnhofstrasse 21", "8001 Zürich"),)),
    "FR": ("fr", ("fr",), (("12 rue de Rivoli", "75001 Paris"), ("3 quai Saint-Antoine", "69002 Lyon"))),
    "BE": ("fr", ("be",), (("Avenue Louise 54", "1050 Bruxelles"),)),
    "ES": ("es", ("es", "com.es"), (("Calle de Alcalá 48", "28014 Madrid"), ("Carrer de Pau Claris 97", "08009 Barcelona"))),
    "MX": ("es", ("com.mx", "mx"), (("Av. Reforma 222", "06600 Ciudad de México"),)),
    "IT": ("it", ("it",), (("Via Torino 61", "20123 Milano"),)),
    "PT": ("pt", ("pt", "com.pt"), (("Rua Augusta 27", "1100-048 Lisboa"),)),
    "BR": ("pt", ("com.br",), (("Av. Paulista 1578", "01310-200 São Paulo"),)),
    "NL": ("nl", ("nl",), (("Keizersgracht 520", "1017 EG Amsterdam"),)),
    "PL": ("pl", ("pl", "com.pl"), (("ul. Marszałkowska 84", "00-514 Warszawa"),)),
    "CZ": ("cs", ("cz",), (("Václavské náměstí 19", "110 00 Praha 1"),)),
    "NO": ("no", ("no",), (("Karl Johans gate 16", "0154 Oslo"),)),
    "SE": ("sv", ("se",), (("Drottninggatan 33", "111 51 Stockholm"),)),
    "DK": ("da", ("dk",), (("Strøget 28", "1160 København K"),)),
    "FI": ("fi", ("fi",), (("Mannerheimintie 14", "00100 Helsinki"),)),
    "TR": ("tr", ("com.tr",), (("İstiklal Caddesi 120", "34433 Beyoğlu/İstanbul"),)),
    "GB": ("en", ("co.uk", "uk"), (("221 Baker Street", "London NW1 6XE"), ("14 Deansgate", "Manchester M3 2BW"))),
    "IE": ("en", ("ie",), (("33 Grafton Street", "Dublin 2, D02 X285"),)),
    "US": ("en", ("com",), (("1600 Market Street, Suite 400", "San Francisco, CA 94103"),)),
    "CA": ("en", ("ca",), (("200 Bay Street", "Toronto, ON M5J 2J2"),)),
    "AU": ("en", ("com.au",), (("88 George Street", "Sydney NSW 2000"),)),
    "NZ": ("en", ("co.nz",), (("45 Queen Street", "Auckland 1010"),)),
    "ZA": ("en", ("co.za",), (("10 Long Street", "Cape Town 8001"),)),
    "SG": ("en", ("com.sg", "sg"), (("8 Marina Boulevard", "Singapore 018981"),)),
    "IN": ("en", ("co.in", "in"), (("12 MG Road", "Bengaluru 560001"),)),
    "JP": ("en", ("co.jp", "jp"), (("2-7-1 Marunouchi", "Tokyo 100-7090"),)),
}  # fmt: skip
NAMES = {
    "de": ("Jürgen Weiß", "Anna-Lena Schröder", "Björn Krämer", "Dörte Vogel", "Matthias Köhler"),
    "fr": ("François-Xavier Dubé", "Hélène Lefèvre", "Zoé Garnier", "Amélie Rousseau", "Jérôme Bézier"),
    "es": ("José Martínez", "Lucía Fernández", "Íñigo Ibáñez", "María José Peña", "Ramón Núñez"),
    "it": ("Niccolò Bianchi", "Chiara Esposito", "Lorenzo De Luca", "Fabrizio Cantù"),
    "pt": ("João Gonçalves", "Conceição Araújo", "Sebastião Guimarães", "Luísa Magalhães"),
    "nl": ("Sanne de Vries", "Daan van den Berg", "Joëlle Bakker", "Pieter van Dijk"),
    "pl": ("Łukasz Wiśniewski", "Małgorzata Kowalczyk", "Paweł Zieliński", "Agnieszka Wójcik"),
    "cs": ("Tomáš Dvořák", "Zuzana Novotná", "Jiří Procházka", "Kateřina Černá"),
    "no": ("Bjørn Haugen", "Solveig Østby", "Ståle Bråten"),
    "sv": ("Åsa Lindqvist", "Björn Åkesson", "Göran Söderström"),
    "da": ("Søren Østergaard", "Mette Kjærsgaard", "Jens Møller"),
    "fi": ("Mikko Järvinen", "Päivi Mäkelä", "Jyrki Hämäläinen"),
    "tr": ("Ayşe Yılmaz", "Mehmet Öztürk", "Gülşen Çelik", "Barış Doğan"),
    "en": ("Siobhán Ní Bhriain", "Seán O'Brien", "Maya Okafor", "Priya Raghunathan",
           "Nguyễn Thị Mai", "Chloe Whitfield", "Marcus Osei", "Renée Castillo", "Zoë Hartley"),
}  # fmt: skip
LOCAL_TITLES = {
    "de": ("Geschäftsführerin", "Geschäftsführer", "Leiterin Vertrieb", "Projektleiter",
           "Leiter Einkauf und Logistik", "Softwareentwicklerin", "Prokurist",
           "Bereichsleiterin Personal und Organisation"),
    "fr": ("Directrice commerciale", "Chef de projet", "Directeur général",
           "Responsable marketing et communication", "Ingénieure logiciel", "Associé",
           "Chargée de développement commercial"),
    "es": ("Directora de Ventas", "Jefe de Proyecto", "Gerente General",
           "Responsable de Compras y Logística", "Ingeniera de Software", "Socio"),
    "it": ("Direttore Commerciale", "Responsabile Marketing", "Amministratore Delegato",
           "Ingegnere del Software", "Responsabile Acquisti e Logistica"),
    "pt": ("Diretora Comercial", "Gerente de Projetos", "Engenheiro de Software",
           "Sócio-Gerente", "Coordenadora de Marketing e Comunicação"),
    "nl": ("Directeur", "Projectleider", "Accountmanager", "Bedrijfsleider",
           "Hoofd Inkoop en Logistiek"),
    "pl": ("Kierownik Projektu", "Dyrektor Handlowy", "Prezes Zarządu",
           "Specjalista ds. Marketingu", "Kierownik Działu Sprzedaży"),
    "cs": ("Vedoucí projektu", "Obchodní ředitel", "Jednatel", "Ředitelka marketingu",
           "Vedoucí oddělení nákupu"),
    "no": ("Daglig leder", "Prosjektleder", "Salgssjef", "Administrerende direktør"),
    "sv": ("Verkställande direktör", "Projektledare", "Försäljningschef", "Utvecklare"),
    "da": ("Administrerende direktør", "Projektleder", "Salgschef", "Udvikler"),
    "fi": ("Toimitusjohtaja", "Myyntipäällikkö", "Projektipäällikkö"),
    "tr": ("Satış Müdürü", "Genel Müdür", "Proje Yöneticisi", "Yazılım Mühendisi"),
    "en": (*TITLES, "Partner", "Founder", "Director",
           "Senior Vice President, Global Strategic Partnerships",
           "Head of Research and Development", "Director of Business Development"),
}  # fmt: skip
FIRMS = {
    "de": ("Kühne Logistik GmbH", "Bergmann Maschinenbau AG", "Weißdorn Software GmbH", "Lindenhof Consulting"),
    "fr": ("Lumière Conseil SAS", "Atelier Béranger SARL", "Éditions du Quai", "Solstice Énergie SA"),
    "es": ("Soluciones Ibéricas S.L.", "Grupo Alcázar S.A.", "Estudio Peñalara"),
    "it": ("Officine Rossi S.r.l.", "Cantieri Adriatici S.p.A.", "Studio Fontana"),
    "pt": ("Construções Atlântico Lda.", "Tecnologia Paulista Ltda.", "Azulejo Digital"),
    "nl": ("Van Dijk Advies B.V.", "Grachtwerk", "Noordzee Logistiek B.V."),
    "pl": ("Wisła Budownictwo Sp. z o.o.", "Bursztyn Software S.A.", "Kraków Design Studio"),
    "cs": ("Vltava Stavby s.r.o.", "Brněnská Strojírna a.s.", "Karlův Most Consulting"),
    "no": ("Fjordtech AS", "Nordlys Energi AS"),
    "sv": ("Nordkust AB", "Skärgård Design AB"),
    "da": ("Havnefront ApS", "Køge Maritime A/S"),
    "fi": ("Järvi Oy", "Revontuli Analytics Oy"),
    "tr": ("Boğaziçi Yazılım A.Ş.", "Anadolu Lojistik Ltd. Şti."),
    "en": ("Northwind Traders", "Bluefin Analytics Ltd", "Kestrel Robotics Inc.",
           "Harbour & Pine LLP", "Granite Peak Consulting", "Copperleaf Foods Pty Ltd",
           "Brooksvale Partners", "Tidewater Capital", "Papercrane Labs"),
}  # fmt: skip
FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "ı": "i", "æ": "ae", "đ": "d"}
)
WORLD_FONTS = (  # (regular, bold) from Debian font packages; missing ones are skipped
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    ("liberation2/LiberationSansNarrow-Regular.ttf", "liberation2/LiberationSansNarrow-Bold.ttf"),
    ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("lato/Lato-Regular.ttf", "lato/Lato-Bold.ttf"),
    ("ebgaramond/EBGaramond12-Regular.ttf", "ebgaramond/EBGaramond12-Bold.ttf"),
)


def world_fonts() -> list[tuple[Path, Path]]:
    """The font families installed here (DejaVu always; the rest when their Debian packages
    are: fonts-liberation2, fonts-freefont-ttf, fonts-crosextra-carlito/-caladea,
    fonts-open-sans, fonts-roboto-unhinted, fonts-lato, fonts-ebgaramond)."""
    found = []
    for regular, bold in WORLD_FONTS:
        paths = [Path("/usr/share/fonts/truetype") / p for p in (regular, bold)]
        paths = [
            p
            if p.exists()
            else Path("/usr/share/fonts/opentype") / p.relative_to("/usr/share/fonts/truetype")
            for p in paths
        ]
        if all(p.exists() for p in paths):
            found.append((paths[0], paths[1]))
    return found


def _ascii(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.translate(FOLD))
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch in " -'"))


def world_phone(rng: random.Random, region: str) -> tuple[str, str]:
    """A valid number printed the country's ways: international, national (the country
    shows in the address or the web address), or '+44 (0)20 …' with the trunk digit."""
    import phonenumbers

    e164, shown = random_phone(rng, region)
    number = phonenumbers.parse(e164)
    style = rng.random()
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if style < 0.3 and region != "US":
        shown = national
    elif style < 0.45 and national.startswith("0") and region not in ("IT",):
        code = f"+{number.country_code}"
        shown = f"{code} (0){national[1:].lstrip()}"
    return e164, shown


def random_world_card(rng: random.Random) -> tuple[Card, str]:
    """A card from one of COUNTRIES, and that country's code."""
    region = rng.choice(sorted(COUNTRIES))
    language, endings, places = COUNTRIES[region]
    name = rng.choice(NAMES[language] if rng.random() < 0.8 else NAMES["en"])
    title = rng.choice(LOCAL_TITLES[language] if rng.random() < 0.8 else LOCAL_TITLES["en"])
    company = rng.choice(FIRMS[language] if rng.random() < 0.8 else FIRMS["en"])
    words = _ascii(company).lower().replace("&", " ").split()
    stem = "".join(
        w for w in words[:2] if len(w) > 2 and w not in ("gmbh", "sas", "sarl", "ltd", "srl")
    )
    domain = f"{stem or words[0]}.{rng.choice(endings)}".replace("'", "")
    parts = _ascii(name).lower().replace("'", "").split()
    given, family = parts[0], "".join(parts[1:])
    local = rng.choice(
        [f"{given}.{family}", f"{given[0]}{family}", given, f"{given}-{family}", f"{given}+cards"]
    )
    e164, shown = world_phone(rng, region)
    street, city = rng.choice(places)
    website = rng.choice([f"www.{domain}", domain, f"https://www.{domain}"])
    card = Card(
        name, title, company, f"{local}@{domain}", e164, shown, website, f"{street}, {city}"
    )
    return card, region


def render_world(card: Card, rng: random.Random, fonts: list[tuple[Path, Path]]) -> Any:
    """The card alone, 1050x600, in one of the installed font families; a long title may
    wrap onto a second line, a logo may be the company's initials."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = 1050, 600
    bg, primary, secondary, accent = rng.choice(SCHEMES)
    image = Image.new("RGB", (w, h), bg)
    draw = ImageDraw.Draw(image)
    regular, bold = rng.choice(fonts)

    def font(path: Path, size: int) -> Any:
        return ImageFont.truetype(str(path), size)

    small = rng.randint(26, 32)
    title_lines = [card.title]
    if len(card.title) > 24 and rng.random() < 0.6:
        words = card.title.split()
        cut = max(1, len(words) // 2)
        title_lines = [" ".join(words[:cut]), " ".join(words[cut:])]
    contact = [
        rng.choice(["", "E: ", "E-mail: "]) + card.email,
        rng.choice(["", "T: ", "Tel. ", "M: ", "Mob. "]) + card.phone_shown,
        card.website,
    ]
    if rng.random() < 0.6:
        contact.append(card.address)
    rng.shuffle(contact)
    name_font = font(bold, rng.randint(48, 66))
    head = [(card.name, name_font, primary)] + [
        (t, font(regular, small + 2), secondary) for t in title_lines
    ]
    firm = [
        (card.company, font(bold, rng.randint(32, 44)), accent if rng.random() < 0.5 else primary)
    ]
    body = [(t, font(regular, small), secondary) for t in contact]

    layout = rng.choice(["left", "centre", "split", "bottom", "logo"])
    if layout == "logo":  # initials in a box as the logo, the company under it
        initials = "".join(wd[0] for wd in card.company.split()[:2]).upper()
        draw.rectangle((w - 190, 40, w - 50, 180), fill=accent)
        draw.text((w - 120, 110), initials, font=font(bold, 70), fill=bg, anchor="mm")
        y = block(draw, 50, 50, head)
        y = block(draw, 50, y + 10, firm)
        block(draw, 50, y + 20, body)
    else:
        lay_out(draw, layout, (w, h), firm, head, body)
    return image


def photograph_harsh(card_image: Any, rng: random.Random) -> Any:
    """The card as a phone sees it: on a desk, slanted (perspective) and turned up to ±12°,
    and some of blur, a shadow band across it, low light and sensor noise."""
    from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

    cw, ch = card_image.size
    width, height = cw + 2 * 260, ch + 2 * 260
    desk = Image.new("RGB", (width, height), rng.choice(DESKS))
    draw = ImageDraw.Draw(desk)
    for _ in range(40):
        y = rng.randrange(height)
        shade = tuple(max(0, min(255, c + rng.randint(-20, 20))) for c in desk.getpixel((0, 0)))
        draw.line((0, y, width, y + rng.randint(-40, 40)), fill=shade, width=rng.randint(2, 8))
    desk = desk.filter(ImageFilter.GaussianBlur(2))
    # Where the card's corners land: a rectangle turned, each corner nudged (perspective).
    import math

    angle = math.radians(rng.uniform(-12, 12))
    cx, cy = width / 2, height / 2
    quad = []
    for x, y in ((-cw / 2, -ch / 2), (cw / 2, -ch / 2), (cw / 2, ch / 2), (-cw / 2, ch / 2)):
        jitter = 0.07 * cw if rng.random() < 0.6 else 0.01 * cw
        x, y = x + rng.uniform(-jitter, jitter), y + rng.uniform(-jitter, jitter) * 0.6
        quad.append(
            (
                cx + x * math.cos(angle) - y * math.sin(angle),
                cy + x * math.sin(angle) + y * math.cos(angle),
            )
        )
    coeffs = _coefficients(quad, [(0, 0), (cw, 0), (cw, ch), (0, ch)])
    warped = card_image.transform(
        (width, height), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).polygon(quad, fill=255)
    desk.paste(warped, mask=mask)
    if rng.random() < 0.35:  # a shadow band: a hand or the phone between card and lamp
        band = Image.new("L", (width, height), 255)
        x0 = rng.randrange(width // 5, width * 3 // 5)
        span = rng.randrange(width // 8, width // 4)
        slope = rng.randint(-200, 200)
        ImageDraw.Draw(band).polygon(
            [(x0, 0), (x0 + span, 0), (x0 + span + slope, height), (x0 + slope, height)],
            fill=rng.randint(110, 170),
        )
        band = band.filter(ImageFilter.GaussianBlur(25))
        desk = Image.composite(desk, Image.new("RGB", desk.size, (0, 0, 0)), band)
    if rng.random() < 0.3:  # low light: dark and noisy
        desk = ImageEnhance.Brightness(desk).enhance(rng.uniform(0.4, 0.6))
        noise = Image.effect_noise(desk.size, 30).convert("RGB")
        desk = Image.blend(desk, noise, 0.06)
    if rng.random() < 0.5:
        desk = desk.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 2.0)))
    scale = rng.choice([1000, 1600, 2400]) / width
    return desk.resize((round(width * scale), round(height * scale)), Image.Resampling.LANCZOS)


def _coefficients(
    src: list[tuple[float, float]], dst: list[tuple[float, float]]
) -> tuple[float, ...]:
    """Pillow's PERSPECTIVE coefficients taking each src point (output) to dst (input)."""
    rows = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    for col in range(8):
        pivot = max(range(col, 8), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(8):
            if r != col:
                f = rows[r][col] / rows[col][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[col], strict=True)]
    return tuple(rows[i][8] / rows[i][i] for i in range(8))


def make_world(out: Path, count: int, seed: int) -> dict[str, dict[str, str]]:
    rng = random.Random(seed)
    fonts = world_fonts()
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, str]] = {}
    for i in range(count):
        card, region = random_world_card(rng)
        photo = photograph_harsh(render_world(card, rng, fonts), rng)
        name = f"card{i:03d}.jpg"
        photo.save(out / name, quality=rng.randint(45, 88))
        labels[name] = {**labels_of(card), "region": region}
    (out / "labels.json").write_text(json.dumps(labels, indent=2, ensure_ascii=False) + "\n")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--classic", action="store_true", help="the older, English-only set with mild damage"
    )
    args = parser.parse_args()
    (make if args.classic else make_world)(args.out, args.count, args.seed)
    print(f"wrote {args.count} cards and labels.json to {args.out}")


if __name__ == "__main__":
    main()

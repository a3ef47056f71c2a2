"""Job-title words in the languages of the cards people exchange.

A card's title is found by its words, so the lexicon decides which cards have one. Three
kinds: the role itself ("director", "Geschäftsführerin", "kierownik"), whose presence makes
a line a title; endings that make a role of a compound ("Vertriebs|leiter",
"Myynti|päällikkö", "Satış |müdürü"); and the words a title is built with around its role
(departments, "of", "ds.", "und"), which only count alongside one. Words are compared in
lower case with their accents, as printed.
"""

from __future__ import annotations

ROLES = frozenset(
    {
        # English
        "ceo", "cto", "cfo", "coo", "cmo", "cio", "cso", "cpo", "vp", "svp", "evp", "president",
        "chairman", "chair", "founder", "co-founder", "cofounder", "owner", "partner",
        "principal", "director", "manager", "head", "lead", "chief", "officer", "engineer",
        "developer", "architect", "designer", "analyst", "scientist", "researcher",
        "consultant", "advisor", "adviser", "specialist", "coordinator", "administrator",
        "assistant", "associate", "representative", "attorney", "lawyer", "counsel",
        "accountant", "editor", "writer", "producer", "strategist", "recruiter", "professor",
        "lecturer", "fellow", "intern", "technician", "supervisor", "planner", "evangelist",
        "advocate", "broker", "agent", "controller", "secretary", "treasurer", "executive",
        "photographer", "coach", "trainer", "copywriter", "marketer", "paralegal", "realtor",
        "leader", "programmer", "journalist", "curator", "economist", "investor",
        "ambassador", "banker", "surveyor", "doctor", "physician", "nurse", "therapist",
        "auditor", "buyer", "estimator",
        # German
        "geschäftsführer", "geschäftsführerin", "leiter", "leiterin", "prokurist",
        "prokuristin", "vorstand", "vorständin", "inhaber", "inhaberin", "direktor",
        "direktorin", "berater", "beraterin", "entwickler", "entwicklerin", "ingenieur",
        "ingenieurin", "referent", "referentin", "gesellschafter", "gesellschafterin",
        "partnerin", "assistentin", "sachbearbeiter", "sachbearbeiterin", "vorsitzender",
        "vorsitzende", "managerin", "architektin", "teamleiter", "teamleiterin",
        # French
        "directeur", "directrice", "chef", "cheffe", "responsable", "ingénieur", "ingénieure",
        "gérant", "gérante", "associé", "associée", "président", "présidente", "chargé",
        "chargée", "consultante", "conseiller", "conseillère", "développeur", "développeuse",
        "fondateur", "fondatrice", "adjoint", "adjointe", "avocat", "avocate", "commerciale",
        # Spanish
        "directora", "jefe", "jefa", "gerente", "ingeniero", "ingeniera", "socio", "socia",
        "presidenta", "consultor", "consultora", "asesor", "asesora", "fundador", "fundadora",
        "desarrollador", "desarrolladora", "coordinador", "coordinadora", "abogado", "abogada",
        "analista", "técnico", "técnica", "ejecutivo", "ejecutiva",
        # Italian
        "direttore", "direttrice", "responsabile", "amministratore", "amministratrice",
        "ingegnere", "consulente", "fondatore", "titolare", "avvocato",
        "sviluppatore", "sviluppatrice",
        # Portuguese
        "diretor", "diretora", "engenheiro", "engenheira", "sócio", "sócia", "sócio-gerente",
        "sócia-gerente", "coordenador", "coordenadora", "advogado", "advogada",
        "desenvolvedor", "desenvolvedora", "gestor", "gestora",
        # Dutch
        "projectleider", "accountmanager", "bedrijfsleider", "hoofd", "eigenaar", "adviseur",
        "ontwikkelaar", "medewerker", "medewerkster", "directie", "vennoot",
        # Polish
        "kierownik", "kierowniczka", "dyrektor", "prezes", "wiceprezes", "specjalista",
        "specjalistka", "menedżer", "inżynier", "konsultant", "konsultantka", "właściciel",
        "właścicielka", "doradca", "programista", "programistka", "księgowa", "księgowy",
        # Czech
        "vedoucí", "ředitel", "ředitelka", "jednatel", "jednatelka", "manažer", "manažerka",
        "inženýr", "specialistka", "programátor", "programátorka", "poradce", "majitel",
        "majitelka", "účetní",
        # Norwegian, Swedish, Danish, Finnish
        "leder", "ledare", "direktør", "direktör", "sjef", "utvikler", "utvecklare",
        "udvikler", "konsulent", "konsult", "rådgiver", "rådgivare", "vd",
        "ägare", "eier", "ejer", "toimitusjohtaja", "johtaja", "päällikkö", "asiantuntija",
        "kehittäjä", "konsultti", "yrittäjä",
        # Turkish
        "müdür", "müdürü", "yönetici", "yöneticisi", "mühendis", "mühendisi", "uzman",
        "uzmanı", "danışman", "danışmanı", "kurucu", "başkan", "başkanı", "sorumlu",
        "sorumlusu", "direktörü", "ortak", "sahibi",
    }
)  # fmt: skip

# A compound ending in one of these is a role: Vertriebsleiter, Salgssjef, Projektledare.
ROLE_ENDINGS = (
    "leiter", "leiterin", "führer", "führerin", "entwickler", "entwicklerin", "berater",
    "beraterin", "manager", "managerin", "direktor", "direktorin", "leider", "leder",
    "ledare", "sjef", "chef", "direktør", "direktör", "johtaja", "päällikkö", "müdürü",
    "yöneticisi", "mühendisi", "ingenieur", "ingenieurin", "referent", "referentin",
)  # fmt: skip

# Words that build a title around its role; none makes a title alone.
BUILDING = frozenset(
    {
        "of", "and", "&", "the", "for", "at", "senior", "sr", "junior", "jr", "staff", "vice",
        "deputy", "general", "managing", "regional", "global", "sales", "marketing",
        "operations", "engineering", "finance", "hr", "business", "development", "account",
        "accounts", "customer", "success", "technical", "creative", "art", "communications",
        "partnerships", "strategic", "talent", "acquisition", "research", "ux", "ui", "data",
        "software", "solutions", "security", "devops", "qa", "it", "product", "programme",
        "program", "project", "scrum", "master", "executive", "digital", "people",
        "und", "für", "des", "der", "vertrieb", "einkauf", "logistik", "personal",
        "organisation", "technik", "stellvertretender", "stellvertretende",
        "de", "du", "la", "le", "et", "général", "générale", "communication",
        "développement", "commercial", "projet", "projets", "y", "e", "del", "ventas", "compras", "logística", "proyecto", "proyectos",
        "di", "della", "delle", "dei", "commerciale", "acquisti", "logistica",
        "delegato", "delegata", "vendite", "comercial", "projetos", "comunicação", "vendas",
        "en", "inkoop", "logistiek", "verkoop", "ds.", "ds", "projektu", "handlowy",
        "handlowa", "zarządu", "marketingu", "działu", "sprzedaży", "oddělení", "nákupu",
        "obchodní", "daglig", "og", "och", "administrerende",
        "verkställande", "satış", "genel", "proje", "yazılım", "ve", "pazarlama",
    }
)  # fmt: skip


def is_role(word: str) -> bool:
    """A word that makes a line a title: a role, or a compound ending in one."""
    low = word.lower()
    return low in ROLES or (len(low) > 7 and low.endswith(ROLE_ENDINGS))


def is_title_word(word: str) -> bool:
    """Any word a title is made of: a role or a word that builds one."""
    return is_role(word) or word.lower() in BUILDING

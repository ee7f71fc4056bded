"""The demo outlet's newsroom: who it is, its sections and its staff.

*The Steppe Ledger* is a fictional outlet covering the fictional Kestau Region and its towns,
Korsai (the regional centre), Taldyr (a rail junction), Esken (a mountain town) and Ulanbek (by
Lake Alkyn). Every person named in the demo, staff or source, is invented.

The articles are in `articles/` (English, a module for each section) and `translations.py`
(Russian editions); the standing pages in `standing_pages.py`; the readers' comments and votes in
`conversation.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

OUTLET = "The Steppe Ledger"

# Photo credits, shown as [Name/Steppe Ledger] under every picture.
AIGERIM = "Aigerim Example/Steppe Ledger"
ARMAN = "Arman Example/Steppe Ledger"
ZARINA = "Zarina Example/Steppe Ledger"


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    # The name in every other edition, in the order of settings.LANGUAGES: ru, kk, ky, tg, tk, uz.
    names: tuple[str, str, str, str, str, str]
    description: str

    @property
    def translated_names(self) -> dict[str, str]:
        return dict(zip(("ru", "kk", "ky", "tg", "tk", "uz"), self.names, strict=True))


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    initials: str
    colour: tuple[int, int, int]
    bio: str


@dataclass(frozen=True)
class DemoPhoto:
    """A generated picture (scene, seed, light: see images.py) and what readers read under it."""

    scene: str
    seed: int
    light: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    section: str
    authors: tuple[str, ...]
    dateline: str
    headline: str
    standfirst: str
    body: str
    photos: tuple[DemoPhoto, ...]
    # Published this many hours before the demo is loaded (negative: scheduled for later).
    hours_ago: float | None
    status: str = "published"  # "published", "scheduled" or "draft"
    language: str = "en"
    translation_of: str = ""  # slug of the English original
    update_note: str = ""
    updated_hours_after: float = 0.0  # when the "Updated" note was added, after publication


SECTIONS = (
    DemoSection(
        "security",
        "Security",
        ("Безопасность", "Қауіпсіздік", "Коопсуздук", "Амният", "Howpsuzlyk", "Xavfsizlik"),
        "Emergency services, flood and road safety, and the people who keep the region safe.",
    ),
    DemoSection(
        "politics",
        "Politics",
        ("Политика", "Саясат", "Саясат", "Сиёсат", "Syýasat", "Siyosat"),
        "The regional council, the town halls and the decisions they take on residents' behalf.",
    ),
    DemoSection(
        "economy",
        "Economy",
        ("Экономика", "Экономика", "Экономика", "Иқтисод", "Ykdysadyýet", "Iqtisodiyot"),
        "Farms, markets, transport and energy: how the Kestau Region earns its living.",
    ),
    DemoSection(
        "society",
        "Society",
        ("Общество", "Қоғам", "Коом", "Ҷомеа", "Jemgyýet", "Jamiyat"),
        "Schools, buses, libraries and neighbourhoods: everyday life across the region.",
    ),
    DemoSection(
        "culture",
        "Culture",
        ("Культура", "Мәдениет", "Маданият", "Фарҳанг", "Medeniýet", "Madaniyat"),
        "Theatre, crafts, music and festivals from Korsai to the shores of Lake Alkyn.",
    ),
)

# Each edition's tagline, under the site name (newsroom.Edition); the English one is also the
# site's own (SERAI_SITE_TAGLINE in the Makefile's demo target).
TAGLINES = {
    "en": "Independent news from the Steppe region (a fictional demo outlet)",
    "ru": "Независимые новости Кестауской области (вымышленное демо-издание)",
    "kk": "Кестау облысының тәуелсіз жаңалықтары (ойдан шығарылған демо басылым)",
    "ky": "Кестау облусунун көз карандысыз жаңылыктары (ойдон чыгарылган демо басылма)",
    "tg": "Хабарҳои мустақили вилояти Кестау (нашрияи хаёлии намоишӣ)",
    "tk": "Kestau welaýatynyň garaşsyz habarlary (oýlanyp tapylan görkezme neşir)",
    "uz": "Kestau viloyatining mustaqil yangiliklari (toʻqima namoyish nashri)",
}

AUTHORS = (
    DemoAuthor(
        "aruzhan-salkyn",
        "Aruzhan Salkyn",
        "AS",
        (196, 84, 64),
        "Aruzhan covers public safety and emergency services from Esken. She has reported on "
        "the mountain towns of the Kestau Region for nine years.",
    ),
    DemoAuthor(
        "timur-zhandos",
        "Timur Zhandos",
        "TZ",
        (48, 104, 150),
        "Timur is our politics correspondent in Korsai, where he follows the regional council "
        "and the region's town halls. Before joining the Ledger he taught history.",
    ),
    DemoAuthor(
        "madina-oraz",
        "Madina Oraz",
        "MO",
        (44, 132, 104),
        "Madina writes about the regional economy: farming, transport, energy and the small "
        "businesses that keep Korsai's markets busy.",
    ),
    DemoAuthor(
        "daniyar-kemel",
        "Daniyar Kemel",
        "DK",
        (188, 140, 40),
        "Daniyar reports on culture and everyday life from Ulanbek and takes many of the "
        "Ledger's photographs.",
    ),
)

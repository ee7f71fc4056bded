"""The demo's reader conversation: comments, replies, votes and what moderators made of them.

The featured conversation is under the road budget story: seventeen published comments in
English, Russian, Kazakh and Uzbek, heated but within the Comment Policy, with one chain of
replies deep enough for the page to flatten it ("in reply to ..."). Other articles carry the
comments a moderator still has to look at, each held by a different rule, and one comment that
was removed after a reader had answered it, so its page shows a tombstone.

Every commenter is invented. Their addresses are at example.org and their connections come from
the documentation ranges (RFC 5737), never from a real reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from serai.demo.articles import COUNCIL_RECORDS, EMBANKMENTS, MARKET, ROAD_BUDGET

# What happened to a comment after it was posted.
PUBLISH = "publish"  # a moderator approved it
HOLD = "hold"  # still in the moderation queue, where one of the rules put it
REMOVE = "remove"  # approved, answered by a reader, then removed citing a clause


@dataclass(frozen=True)
class Commenter:
    name: str
    email: str
    address: str  # the connection it posts from: one per commenter


@dataclass(frozen=True)
class DemoComment:
    key: str  # names the comment inside its conversation, so replies can point at it
    by: Commenter
    text: str
    hours_after: float  # posted this long after the article's publication
    reply_to: str = ""  # key of the comment it answers
    language: str = "en"
    outcome: str = PUBLISH
    form_age: float | None = None  # seconds spent on the form; None: about the time to type it
    clause: int | None = None  # the Comment Policy clause a removal cites
    note: str = ""  # the moderator's note on a removal


@dataclass(frozen=True)
class DemoConversation:
    article: str  # slug of an English article
    comments: tuple[DemoComment, ...]
    votes: tuple[bool, ...] = ()  # readers' answers to "Do you like this article?"
    # Word list terms (language, term) a moderator added before these comments came in.
    suspect_terms: tuple[tuple[str, str], ...] = ()


NORTH_MUM = Commenter("North Korsai Mum", "north.korsai.mum@example.org", "192.0.2.11")
STEPPE_WATCHER = Commenter("Steppe Watcher", "steppe.watcher@example.org", "192.0.2.12")
DMITRI = Commenter("Dmitri_77", "dmitri77@example.org", "192.0.2.13")
SANZHAR = Commenter("Sanzhar T.", "sanzhar.t@example.org", "192.0.2.14")
NURLAN = Commenter("Nurlan from Taldyr", "nurlan.taldyr@example.org", "192.0.2.15")
DILSHOD = Commenter("Dilshod from Ulanbek", "dilshod.ulanbek@example.org", "192.0.2.16")
AIGUL = Commenter("Aigul K.", "aigul.k@example.org", "192.0.2.17")
ROADMAN = Commenter("Old Roadman", "old.roadman@example.org", "192.0.2.18")
OLGA = Commenter("Ольга Петровна", "olga.petrovna@example.org", "192.0.2.19")
MARAT = Commenter("Марат, водитель автобуса", "marat.driver@example.org", "192.0.2.20")
YERLAN = Commenter("Ерлан Б.", "yerlan.b@example.org", "192.0.2.21")
GAUKHAR = Commenter("Gaukhar, Esken", "gaukhar.esken@example.org", "192.0.2.22")
BOLAT = Commenter("Bolat M.", "bolat.m@example.org", "192.0.2.23")
BAKHYT = Commenter("Бахыт из Корсая", "bakhyt.korsai@example.org", "192.0.2.24")
ASET = Commenter("Aset from Korsai", "aset.korsai@example.org", "192.0.2.25")
PRINT_SHOP = Commenter("Korsai Print & Copy", "print.copy@example.org", "192.0.2.26")
SAULE = Commenter("Saule, lower Taldyr", "saule.taldyr@example.org", "192.0.2.27")
ZHANNA = Commenter("Zhanna T.", "zhanna.t@example.org", "192.0.2.28")

ROAD_BUDGET_TALK = DemoConversation(
    article=ROAD_BUDGET.slug,
    comments=(
        # The northern suburbs against the mountain road: the chain runs six comments deep.
        DemoComment(
            "suburbs",
            NORTH_MUM,
            "Twenty-nine members voted for a budget without a single metre of road to the new "
            "school in the northern suburbs. Our children walk along the verge of the bypass "
            "every morning, in the dark from November. But yes, let's put new shelters at 120 "
            "rural bus stops.\n\n"
            "I would like each of those 29 to do the school run with us for one week.",
            1.5,
        ),
        DemoComment(
            "mountain",
            STEPPE_WATCHER,
            "With respect, the mountain road is not a luxury. When it closed last winter Esken "
            "was cut off for four days: no bread deliveries, and the ambulance had to go round "
            "through the pass. Repair first, build second seems right to me.",
            3.0,
            reply_to="suburbs",
        ),
        DemoComment(
            "next-year",
            NORTH_MUM,
            'Nobody said it was a luxury. I said the northern suburbs have been "next year" '
            "for six years running. We pay the same taxes as Esken does.",
            4.2,
            reply_to="mountain",
        ),
        DemoComment(
            "who-allowed",
            DMITRI,
            "«В следующем году» шесть лет подряд — знакомая песня. Только дорогу в северные "
            "пригороды обещали ещё до того, как там построили школу. Кто вообще разрешил "
            "строить школу без нормального подъезда? Вот с чего надо начинать, а не с "
            "автобусных остановок.",
            6.0,
            reply_to="next-year",
            language="ru",
        ),
        DemoComment(
            "minutes",
            STEPPE_WATCHER,
            "Dmitri has a point, and the answer is in the council's own records. The school "
            'was approved in committee with a note that "access will be addressed '
            'separately". Separately, it seems, means never.\n'
            "https://example.org/kestau-council/minutes",
            22.0,
            reply_to="who-allowed",
        ),
        DemoComment(
            "remember",
            SANZHAR,
            "So the amendment that failed would have fixed exactly this. I looked at the voting "
            "table: both members for our district voted against it. I will remember that at "
            "the next election, politely but firmly.",
            34.0,
            reply_to="minutes",
        ),
        # The Kesh bridges.
        DemoComment(
            "bridges",
            NURLAN,
            "Finally, the Kesh bridges. The one on the Taldyr side has had a weight limit sign "
            "for three years and the lorries ignore it anyway. I cross it with my heart in my "
            "mouth every morning.",
            2.0,
        ),
        DemoComment(
            "koprik",
            DILSHOD,
            "Toʻgʻri aytasiz. Taldir yonidagi koʻpriklar haqiqatan ham eskirgan, har bahorda "
            "daryo toshganda qoʻrqib oʻtamiz. Ikki yilda bitkazishsa, rahmat deymiz. Lekin "
            "bunday vaʼdalarni oldin ham eshitganmiz.",
            5.0,
            reply_to="bridges",
            language="uz",
        ),
        DemoComment(
            "quarterly",
            NURLAN,
            "Dilshod, same here. Let's hold them to the quarterly reports: if the first one is "
            "late, I am writing to the transport committee, and I hope others will too.",
            7.5,
            reply_to="koprik",
        ),
        # Who checks the work?
        DemoComment(
            "potholes",
            AIGUL,
            "Two thirds for repairs, the rest for bridges and bus stops. And how much for "
            "checking the work? The road past our village was resurfaced four years ago and "
            "the potholes were back by the following spring. Who signs off on the work, and "
            "who pays when it falls apart?",
            20.0,
        ),
        DemoComment(
            "warranty",
            ROADMAN,
            "Retired road engineer here. The answer to Aigul's question is a warranty clause "
            "in the tender. Contractors who have to come back and fix their own work at their "
            "own cost for three to five years do much better work the first time. If next "
            "month's tenders have no such clause, that is the story to write.",
            26.0,
            reply_to="potholes",
        ),
        DemoComment(
            "ask-about-it",
            AIGUL,
            "Thank you, that is the most useful thing anyone has said here. Ledger, please ask "
            "about the warranty when the tenders open.",
            50.0,
            reply_to="warranty",
        ),
        # Lights along the roads.
        DemoComment(
            "lights",
            OLGA,
            "Девять часов заседали, а про освещение вдоль трассы на Корсай — ни слова. Навесы "
            "на остановках — это хорошо, но до остановки ещё надо дойти в темноте по обочине.\n\n"
            "Предлагаю депутатам пройтись вечером от развилки у элеватора до автостанции. "
            "Без фонарика.",
            30.0,
            language="ru",
        ),
        DemoComment(
            "driver",
            MARAT,
            "Ольга Петровна, как водитель пригородного автобуса подтверждаю: на половине "
            "остановок света нет вообще, люди светят телефонами, чтобы я их заметил. Так что "
            "свет на 120 остановках — совсем не мелочь. Но про обочины вы правы.",
            45.0,
            reply_to="lights",
            language="ru",
        ),
        DemoComment(
            "batpaq",
            YERLAN,
            "Ескенге баратын тау жолын жөндеу — дұрыс шешім, оған дауым жоқ. Бірақ Қорсайдың "
            "солтүстігіндегі жаңа мектепке апаратын жол әлі күнге дейін батпақ. Балаларымыз "
            "күзде резеңке етікпен барады. Депутаттар бір рет өздері жаяу жүріп көрсін.",
            60.0,
            language="kk",
        ),
        # Esken answers the suburbs, and they make peace.
        DemoComment(
            "february",
            GAUKHAR,
            "Living in Esken, I will say it plainly: the landslide closure was the worst week "
            "of our winter. My mother missed two hospital appointments in Korsai. Anyone who "
            "thinks this road is about tourists should come up here in February.\n\n"
            "But I don't see why it has to be one or the other. The region found money for a "
            "new car park at the administration building last year.",
            75.0,
        ),
        DemoComment(
            "together",
            NORTH_MUM,
            "Gaukhar, fair enough. I am not against your road, I am against being told to wait "
            "quietly. Maybe Esken and the suburbs should write to the council together instead "
            "of arguing with each other down here.",
            90.0,
            reply_to="february",
        ),
        # Still in the queue: three links, and a suspect word.
        DemoComment(
            "documents",
            BOLAT,
            "Before anyone argues any further, read the documents yourselves:\n"
            "https://example.org/kestau-council/road-budget\n"
            "https://example.org/kestau-council/votes\n"
            "https://example.org/kestau-council/northern-suburbs-amendment\n"
            "It is all there, including who voted how.",
            114.0,
            outcome=HOLD,
        ),
        DemoComment(
            "name-calling",
            BAKHYT,
            "Депутаты от наших районов, которые голосовали против поправки Кассен, — "
            "предатели северных пригородов. Другого слова у меня для них нет.",
            115.5,
            reply_to="suburbs",
            language="ru",
            outcome=HOLD,
        ),
    ),
    votes=(True, True, False, True, True, True, False, True, True, False, True),
    suspect_terms=(("en", "traitor*"), ("ru", "предател*")),
)

# An advertisement slipped through, drew a reply, and was removed: the page keeps a tombstone
# so the reply still makes sense.
COUNCIL_RECORDS_TALK = DemoConversation(
    article=COUNCIL_RECORDS.slug,
    comments=(
        DemoComment(
            "depot",
            ASET,
            "About time. Two years ago I asked for the voting record on the sale of the old bus "
            'depot and got a letter back calling it "an internal document". Let\'s see whether '
            "that vote is in the archive now.",
            3.0,
        ),
        DemoComment(
            "advert",
            PRINT_SHOP,
            "Council papers too long to read on a phone? Korsai Print & Copy prints and binds "
            "any document while you wait. This week only: 20% off for every reader of this "
            "article!",
            5.0,
            outcome=REMOVE,
            clause=4,
            note="An advertisement, approved by mistake.",
        ),
        DemoComment(
            "not-an-advert",
            AIGUL,
            "Is this an advert? I came here to talk about the archive, not to buy binding.",
            6.5,
            reply_to="advert",
        ),
        DemoComment(
            "since-january",
            STEPPE_WATCHER,
            "Aset, it won't be: the archive only goes back to January. Worth writing to the "
            "secretariat anyway. The article says budget documents are next, and the depot sale "
            "was a budget matter.",
            9.0,
            reply_to="depot",
        ),
    ),
)

# A genuine question sent seconds after the form appeared: held until a moderator looks.
EMBANKMENTS_TALK = DemoConversation(
    article=EMBANKMENTS.slug,
    comments=(
        DemoComment(
            "warnings",
            SAULE,
            "Are the text warnings sent in Kazakh and Russian too, or in one language only? My "
            "grandmother reads only Russian, and she is exactly who should get them.",
            163.0,
            outcome=HOLD,
            form_age=0.5,
        ),
    ),
)

# Nothing wrong with it: the thread is pre-moderated, so it waits its turn.
MARKET_TALK = DemoConversation(
    article=MARKET.slug,
    comments=(
        DemoComment(
            "cards",
            ZHANNA,
            "Good news about the Friday bazaar. Will the stalls take cards, or should we bring "
            "cash? Last time half of them had no terminal.",
            29.5,
            outcome=HOLD,
        ),
    ),
)

FEATURED = ROAD_BUDGET_TALK
CONVERSATIONS = (ROAD_BUDGET_TALK, COUNCIL_RECORDS_TALK, EMBANKMENTS_TALK, MARKET_TALK)

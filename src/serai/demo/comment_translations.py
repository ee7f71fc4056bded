"""The featured conversation across editions: comments carried into another edition's language.

One story has one conversation, shown in each of its editions. Under the English road budget
story, readers wrote in Russian, Kazakh and Uzbek; the demo translator (who reads Russian, Kazakh
and English) put three of those comments into English, and a moderator who reads Uzbek reviewed
a machine draft of the third. One Russian comment is still waiting for a translator, so the
English edition shows it as written. The other way round, three English comments were carried
into Russian, for readers of the story's Russian edition.

The translator's own additions, words the original leaves implied, stand in square brackets:
the house convention.
"""

from __future__ import annotations

from dataclasses import dataclass

from serai.demo.conversation import FEATURED, DemoConversation

HUMAN = "human"  # written by the demo translator
MACHINE = "machine"  # a machine draft the demo moderator reviewed


@dataclass(frozen=True)
class DemoCommentTranslation:
    conversation: DemoConversation
    key: str  # the comment's key in its conversation
    language: str  # the language it was translated into
    text: str
    origin: str = HUMAN
    hours_after: float = 3.0  # made this long after the comment was published


COMMENT_TRANSLATIONS = (
    DemoCommentTranslation(
        FEATURED,
        "who-allowed",
        "en",
        '"Next year" six years running: we know that tune. But the road to the northern suburbs '
        "was promised before the school there was even built. Who allowed a school to be built "
        "without a proper road to it in the first place? That is where to start, not with bus "
        "stops.",
    ),
    DemoCommentTranslation(
        FEATURED,
        "batpaq",
        "en",
        "Repairing the mountain road to Esken is the right decision; I have no quarrel with that. "
        "But the road to the new school in the north of Korsai is still a bog to this day. Our "
        "children go [to school] in rubber boots every autumn. Let the members walk it "
        "themselves, just once.",
        hours_after=5.0,
    ),
    DemoCommentTranslation(
        FEATURED,
        "lights",
        "en",
        "Nine hours in session, and not a word about lighting along the Korsai highway. Shelters "
        "at the stops are all very well, but you still have to get to the stop, in the dark, "
        "along the verge.\n\n"
        "I suggest the members take an evening walk from the fork by the grain elevator to the "
        "bus station. Without a torch.",
        hours_after=2.0,
    ),
    DemoCommentTranslation(
        FEATURED,
        "koprik",
        "en",
        "You are right. The bridges near Taldyr really are worn out; every spring, when the river "
        "floods, we are afraid crossing them. If they finish them in two years, we will say "
        "thank you. But we have heard promises like this before.",
        origin=MACHINE,
        hours_after=8.0,
    ),
    DemoCommentTranslation(
        FEATURED,
        "suburbs",
        "ru",
        "Двадцать девять депутатов проголосовали за бюджет, в котором нет ни метра дороги к "
        "новой школе в северных пригородах. Наши дети каждое утро идут по обочине объездной, а с "
        "ноября — в темноте. Но да, давайте поставим новые навесы на 120 сельских остановках.\n\n"
        "Пусть каждый из этих 29 неделю поводит с нами детей в школу.",
    ),
    DemoCommentTranslation(
        FEATURED,
        "mountain",
        "ru",
        "При всём уважении, горная дорога — не роскошь. Когда её закрыли прошлой зимой, Эскен "
        "четыре дня был отрезан: хлеб не привозили, а скорой пришлось ехать в объезд через "
        "перевал. Сначала ремонт, потом стройка — по-моему, это правильно.",
        hours_after=4.0,
    ),
    DemoCommentTranslation(
        FEATURED,
        "warranty",
        "ru",
        "Я бывший инженер-дорожник. Ответ на вопрос Айгуль — гарантийный пункт в тендере. "
        "Подрядчики, которые три–пять лет обязаны за свой счёт возвращаться и исправлять свою же "
        "работу, с первого раза делают её намного лучше. Если в тендерах следующего месяца "
        "такого пункта не будет, вот об этом и надо писать.",
        hours_after=6.0,
    ),
)

# A comment in another language that nobody has translated yet: shown as written.
UNTRANSLATED = (FEATURED, "driver")

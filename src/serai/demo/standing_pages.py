"""The demo outlet's standing pages: the Comment Policy and About, in English and Russian (the
other editions keep the ones a fresh install writes).

They replace the pages a fresh install starts with (serai.pages.defaults) while those are
unchanged; a page an editor has rewritten is left alone. The policy's rules themselves are the
clauses moderators cite (serai.moderation), listed where the text says [clauses].
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPage:
    slug: str
    language: str
    title: str
    body: str


COMMENT_POLICY_EN = DemoPage(
    slug="comment-policy",
    language="en",
    title="Comment Policy",
    body="""\
Comments are open under most of our articles. We want them to be a place where readers add what \
they know, ask questions and disagree with each other usefully. These rules apply to every \
comment, in every edition.

## The rules

[clauses]

## How moderation works

Comments are pre-moderated: a moderator reads every comment before it appears under the \
article. We aim to review comments within a few hours during the working day.

When a moderator rejects a comment, they cite the clause it broke, for example "Clause 2. \
No personal attacks or hate speech", so that you know why. You can change your comment and \
send it again.

If you think a decision was wrong, write to the editors through \
[our About page](/en/pages/about/). An editor who did not take the first decision will look \
at it again.

We may update this policy. Each change is published as a new version, dated at the top of this \
page; a moderator's decision cites the version in force when it was taken.
""",
)

COMMENT_POLICY_RU = DemoPage(
    slug="comment-policy",
    language="ru",
    title="Правила комментирования",
    body="""\
Под большинством наших статей открыты комментарии. Мы хотим, чтобы читатели делились тем, что \
знают, задавали вопросы и спорили друг с другом с пользой. Эти правила действуют для всех \
комментариев во всех изданиях.

## Правила

[clauses]

## Как работает модерация

Комментарии проходят предварительную модерацию: модератор читает каждый комментарий, прежде чем \
он появится под статьёй. Мы стараемся проверять комментарии в течение нескольких часов в рабочее \
время.

Отклоняя комментарий, модератор указывает нарушенный пункт правил, например «Пункт 2. \
Никаких оскорблений и языка вражды», чтобы вы знали причину. Вы можете исправить комментарий и \
отправить его снова.

Если вы считаете решение ошибочным, напишите редакции через [страницу «О нас»](/ru/pages/about/). \
Решение пересмотрит редактор, который не принимал его в первый раз.

Мы можем обновлять эти правила. Каждое изменение публикуется как новая редакция с датой в начале \
страницы; решение модератора ссылается на редакцию, действовавшую в момент решения.
""",
)

ABOUT_EN = DemoPage(
    slug="about",
    language="en",
    title="About The Steppe Ledger",
    body="""\
*The Steppe Ledger* is a **fictional** news outlet. It, the Kestau Region, its towns (Korsai, \
Taldyr, Esken and Ulanbek) and every person named on this site are invented. The articles, the \
authors and the illustrations are demo content that comes with Serai, the open-source \
news-publishing engine this site runs on.

## What the demo shows

- five sections, author pages, and illustrated articles with captions and credits,
- Russian editions of three articles, linked to their English originals,
- one conversation across editions: under the road budget story, readers wrote in English, \
Russian, Kazakh and Uzbek; a translator carried comments into English, and English ones into \
Russian for the story's Russian edition. The translator's own added words stand in [square \
brackets], and one comment still waits for a translation,
- a tagline and section names in each of the seven editions,
- an article with an "Updated" note, an article scheduled to appear in two days, and a draft \
that only editors can see,
- our [Comment Policy](/en/pages/comment-policy/), in English and in Russian.

## Try the newsroom

If you are running the demo yourself, sign in to the back office with the editor account that \
`serai demo` printed, and change whatever you like. It also printed a moderator's account and a \
translator's. Running `serai demo` again keeps your \
changes and does not duplicate the demo content.

The illustrations are drawn by a small program when the demo is loaded; the photo credits name \
invented photographers.

Write to the (equally fictional) newsroom at newsroom@example.org.
""",
)

ABOUT_RU = DemoPage(
    slug="about",
    language="ru",
    title="О «Степном вестнике»",
    body="""\
*«Степной вестник»* — **вымышленное** издание. Его, Кестауская область, её города (Корсай, \
Талдыр, Эскен и Уланбек) и все люди, названные на этом сайте, придуманы. Статьи, авторы и \
иллюстрации — демонстрационные материалы Serai, открытой системы для новостных сайтов, на \
которой работает этот сайт.

## Что показывает демо

- пять рубрик, страницы авторов и иллюстрированные статьи с подписями и указанием авторства \
снимков,
- русские версии трёх статей, связанные с английскими оригиналами,
- одно обсуждение на все языковые версии: под статьёй о дорожном бюджете читатели пишут \
по-английски, по-русски, по-казахски и по-узбекски; переводчик перевёл комментарии на \
английский, а английские — на русский для русской версии статьи. Слова, добавленные \
переводчиком, стоят в [квадратных скобках], а один комментарий ещё ждёт перевода,
- слоган и названия рубрик в каждой из семи языковых версий,
- наши [правила комментирования](/ru/pages/comment-policy/) на английском и русском.

Иллюстрации рисует небольшая программа при загрузке демо; фотографы в подписях вымышлены.

Пишите в (столь же вымышленную) редакцию: newsroom@example.org.
""",
)

PAGES = (COMMENT_POLICY_EN, COMMENT_POLICY_RU, ABOUT_EN, ABOUT_RU)

"""The demo outlet's standing pages: the Comment Policy (English and Russian) and About."""

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

1. **Stay on topic.** Comment on the article and on what other readers have said about it.
2. **No personal attacks or hate speech.** Argue with ideas, not with people. We remove insults, \
and comments that attack people for their ethnicity, religion, language, gender, sexuality, \
disability or origin.
3. **No threats or incitement to violence.** Comments that threaten anyone, or urge others to \
harm them, are removed.
4. **No spam or advertising.** No promotions, no repeated posts, no links posted only to draw \
traffic.
5. **No personal data of others (doxxing).** Do not publish anyone's address, phone number, \
documents or other private details.
6. **No impersonation.** Do not pretend to be another person, an organisation or a member of \
our staff.
7. **Write in a language of our editions.** Our moderators must be able to read every \
comment.

## How moderation works

Comments are pre-moderated: a moderator reads every comment before it appears under the \
article. We aim to review comments within a few hours during the working day.

When a moderator rejects a comment, they cite the clause it broke, for example "Clause 2. \
No personal attacks or hate speech", so that you know why. You can change your comment and \
send it again.

If you think a decision was wrong, write to the editors through \
[our About page](/en/pages/about/). An editor who did not take the first decision will look \
at it again.

We may update this policy; the date of the last change is shown below.
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

1. **Не отклоняйтесь от темы.** Обсуждайте статью и то, что о ней написали другие читатели.
2. **Никаких оскорблений и языка вражды.** Спорьте с мнениями, а не с людьми. Мы удаляем \
оскорбления и комментарии, направленные против людей из-за их национальности, религии, языка, \
пола, сексуальной ориентации, инвалидности или происхождения.
3. **Никаких угроз и призывов к насилию.** Комментарии с угрозами или призывами причинить \
кому-либо вред удаляются.
4. **Никакого спама и рекламы.** Никаких рекламных сообщений, повторяющихся постов и ссылок, \
оставленных только ради переходов.
5. **Не публикуйте чужие персональные данные (доксинг).** Никаких чужих адресов, номеров \
телефонов, документов и других личных сведений.
6. **Не выдавайте себя за других.** Не представляйтесь другим человеком, организацией или \
сотрудником редакции.
7. **Пишите на одном из языков наших изданий.** Модераторы должны понимать каждый \
комментарий.

## Как работает модерация

Комментарии проходят предварительную модерацию: модератор читает каждый комментарий, прежде чем \
он появится под статьёй. Мы стараемся проверять комментарии в течение нескольких часов в рабочее \
время.

Отклоняя комментарий, модератор указывает нарушенный пункт правил, например «Пункт 2. \
Никаких оскорблений и языка вражды», чтобы вы знали причину. Вы можете исправить комментарий и \
отправить его снова.

Если вы считаете решение ошибочным, напишите редакции через [страницу «О нас»](/ru/pages/about/). \
Решение пересмотрит редактор, который не принимал его в первый раз.

Мы можем обновлять эти правила; дата последнего изменения указана ниже.
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
- Russian editions of two articles, linked to their English originals,
- an article with an "Updated" note, an article scheduled to appear in two days, and a draft \
that only editors can see,
- our [Comment Policy](/en/pages/comment-policy/), in English and in Russian.

## Try the newsroom

If you are running the demo yourself, sign in to the back office with the editor account that \
`serai demo` printed, and change whatever you like. Running `serai demo` again keeps your \
changes and does not duplicate the demo content.

The illustrations are drawn by a small program when the demo is loaded; the photo credits name \
invented photographers.

Write to the (equally fictional) newsroom at newsroom@example.org.
""",
)

PAGES = (COMMENT_POLICY_EN, COMMENT_POLICY_RU, ABOUT_EN)

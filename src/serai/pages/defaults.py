"""The standing pages a new site starts with, in every edition whose language we have words for.

Every page links the Comment Policy and About pages (the footer, the comment form), so `migrate`
creates them (pages/migrations/0002): editors rewrite them in the back office. `[clauses]` on a
line of its own in the Comment Policy is where the policy's clauses are listed, from the clauses
moderators cite (serai.moderation), with their version and date.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMENT_POLICY_SLUG = "comment-policy"
ABOUT_SLUG = "about"
CLAUSES_MARKER = "[clauses]"


@dataclass(frozen=True)
class DefaultPage:
    slug: str
    language: str
    title: str
    body: str


DEFAULT_PAGES = (
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="en",
        title="Comment Policy",
        body="""\
Comments are open under most of our articles. We want them to be a place where readers add what \
they know, ask questions and disagree with each other usefully. These rules apply to every \
comment, in every edition.

## The rules

[clauses]

## How moderation works

Moderators read comments before they appear, or soon after. When a moderator rejects or removes \
a comment, they cite the clause it broke, so that you know why. You can change your comment and \
send it again.

If you think a decision was wrong, write to the editors through [our About page](/en/pages/about/).

We may update this policy. Each change is published as a new version, with the date it took \
effect; a decision cites the version in force when it was taken.
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="ru",
        title="Правила комментирования",
        body="""\
Под большинством наших статей открыты комментарии. Мы хотим, чтобы читатели делились тем, что \
знают, задавали вопросы и спорили друг с другом с пользой. Эти правила действуют для всех \
комментариев во всех изданиях.

## Правила

[clauses]

## Как работает модерация

Модераторы читают комментарии до или вскоре после публикации. Отклоняя или удаляя комментарий, \
модератор указывает нарушенный пункт правил, чтобы вы знали причину. Вы можете исправить \
комментарий и отправить его снова.

Если вы считаете решение ошибочным, напишите редакции через [страницу «О нас»](/ru/pages/about/).

Мы можем обновлять эти правила. Каждое изменение публикуется как новая редакция с датой \
вступления в силу; решение модератора ссылается на редакцию, действовавшую в момент решения.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="en",
        title="About us",
        body="""\
We publish news and host a conversation under our articles. Readers may comment under the rules \
of our [Comment Policy](/en/pages/comment-policy/).

This page is where the newsroom says who it is, how to reach it and how it corrects mistakes. \
Editors change it in the back office, under Pages.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="ru",
        title="О нас",
        body="""\
Мы публикуем новости и ведём обсуждение под нашими статьями. Читатели могут комментировать по \
[правилам комментирования](/ru/pages/comment-policy/).

На этой странице редакция рассказывает, кто она, как с ней связаться и как она исправляет \
ошибки. Редакторы меняют её в панели управления, в разделе «Страницы».
""",
    ),
)


def is_untouched(page) -> bool:
    """Whether a page still reads as a fresh install wrote it (no editor has changed it)."""
    return any(
        d.slug == page.slug and d.language == page.language and d.body == page.body and d.title == page.title
        for d in DEFAULT_PAGES
    )

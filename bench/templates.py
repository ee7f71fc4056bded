"""Django's template engine against Jinja2 for the article page, measured in one process.

`make bench` runs this with the bench's site and a copy of Jinja2 installed into its temporary
folder (Jinja2 is not a dependency of Serai). bench/jinja2/ holds the article page's own templates
(base, article, conversation, feedback) ported to Jinja2; both engines get the same context and
the same Python-made parts (masthead, footer, comment form, the thread's HTML), so the difference
is the engines'. Prints JSON: microseconds of CPU per render for each, for the Python-made parts
alone, and whether both pages have the same text once blanks are ignored.

Usage: python bench/templates.py ARTICLE_PATH
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")

import django  # noqa: E402

django.setup()

import jinja2  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.safestring import SafeString  # noqa: E402

from serai.comments.templatetags import conversation as conversation_tags  # noqa: E402
from serai.comments.views import conversation_context  # noqa: E402
from serai.core.context_processors import site  # noqa: E402
from serai.newsroom import selectors  # noqa: E402
from serai.newsroom.context_processors import sections  # noqa: E402
from serai.newsroom.story import render_story  # noqa: E402
from serai.newsroom.templatetags import serai as serai_tags  # noqa: E402

ROUNDS = 7
PER_ROUND = 300


def cpu_us(render, n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        render()
    return (time.process_time() - start) / n * 1e6


def main(path: str) -> dict:
    language, _section, slug = path.strip("/").split("/")
    translation.activate(language)
    request = RequestFactory().get(path)
    article = selectors.article_for_page(language=language, slug=slug)
    context = conversation_context(request, article)
    context.update(article=article, story=render_story(article), preview=False)
    django_page = get_template("newsroom/article.html")

    full = {**site(request), **sections(request), **context, "request": request, "LANG": language}
    renderer, page = context["comment_renderer"], context["thread_page"]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "jinja2"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        static=static,
        url=lambda name, *args: reverse(name, args=args),
        masthead=lambda: SafeString(serai_tags.masthead(full)),
        site_footer=lambda: SafeString(serai_tags.site_footer(full)),
        blank_comment_form=lambda: SafeString(conversation_tags.blank_comment_form(full)),
        thread_html=lambda p: renderer.thread(p.comments, p.more_replies),
        comment_html=lambda c, own=False: renderer.comment(c, own=own),
    )
    jinja_page = env.get_template("article.html")

    django_conversation = get_template("comments/_conversation.html")

    def render_django():
        # As the article view renders it: the conversation, then the page around it.
        conversation = django_conversation.render(context)
        return django_page.render({**context, "conversation": conversation}, request)

    def render_jinja():
        return jinja_page.render(full)

    def python_parts():
        serai_tags.masthead(full)
        serai_tags.site_footer(full)
        conversation_tags.blank_comment_form(full)
        renderer.thread(page.comments, page.more_replies)

    def text(html: str) -> str:
        html = re.sub(r'name="token" value="[^"]*"', "", html)
        return re.sub(r"\s+", "", html)

    same = text(render_django()) == text(render_jinja())
    results = {"django": [], "jinja2": [], "python": []}
    for _ in range(ROUNDS):  # alternating, so both meet the same machine
        results["django"].append(cpu_us(render_django, PER_ROUND))
        results["jinja2"].append(cpu_us(render_jinja, PER_ROUND))
        results["python"].append(cpu_us(python_parts, PER_ROUND))
    median = {k: sorted(v)[len(v) // 2] for k, v in results.items()}
    return {
        "django_us": median["django"],
        "jinja2_us": median["jinja2"],
        "python_parts_us": median["python"],
        "same_text": same,
        "jinja2_version": jinja2.__version__,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))

"""Load the demo newsroom into the database, once.

Everything is keyed on slugs: what already exists is left exactly as it is (an editor may have
changed it), and only what is missing is created. Articles are written the way the back office
writes them, through `serai.newsroom.services`: bylines, photo renditions, the rendered body,
then publication or scheduling.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from serai.core.roles import ensure_roles
from serai.demo import images
from serai.demo.accounts import EditorAccount, ensure_editor
from serai.demo.articles import PUBLISHED, UNPUBLISHED
from serai.demo.content import AUTHORS, SECTIONS, DemoArticle
from serai.demo.standing_pages import PAGES
from serai.demo.translations import TRANSLATIONS
from serai.newsroom import services
from serai.newsroom.models import Article, Author, Photo, Section
from serai.pages.models import Page


class DemoLoader:
    def __init__(self) -> None:
        self.now = timezone.now()
        self.created: Counter[str] = Counter()  # what was created, by kind (singular)
        self.skipped: list[str] = []
        self.sections: dict[str, Section] = {}
        self.authors: dict[str, Author] = {}

    def load(self) -> EditorAccount:
        self.load_sections()
        self.load_authors()
        for story in (*PUBLISHED, *TRANSLATIONS, *UNPUBLISHED):
            self.load_article(story)
        self.load_pages()
        group = ensure_roles()
        account = ensure_editor(group)
        if account.created:
            self.created["editor account"] += 1
        return account

    # -- newsroom -------------------------------------------------------------------------------
    def load_sections(self) -> None:
        for position, demo in enumerate(SECTIONS, start=1):
            section, created = Section.objects.get_or_create(
                slug=demo.slug,
                defaults={
                    "name": demo.name,
                    "translated_names": {"ru": demo.russian},
                    "description": demo.description,
                    "position": position,
                },
            )
            self.sections[demo.slug] = section
            if created:
                self.created["section"] += 1

    def load_authors(self) -> None:
        for demo in AUTHORS:
            author = Author.objects.filter(slug=demo.slug).first()
            if author is None:
                with transaction.atomic():
                    author = Author(name=demo.name, slug=demo.slug, bio=demo.bio)
                    portrait = images.portrait_jpeg(
                        demo.initials, demo.colour, seed=len(self.authors)
                    )
                    author.portrait.save(f"{demo.slug}.jpg", ContentFile(portrait), save=False)
                    author.full_clean()
                    author.save()
                    services.author_make_renditions(author=author)
                self.created["author"] += 1
            self.authors[demo.slug] = author

    def load_article(self, story: DemoArticle) -> Article | None:
        if Article.objects.filter(language=story.language, slug=story.slug).exists():
            return None
        original = None
        if story.translation_of:
            original = Article.objects.filter(language="en", slug=story.translation_of).first()
            if original is None or original.translations.filter(language=story.language).exists():
                # The original is gone, or an editor already translated it: leave that alone.
                self.skipped.append(f"{story.language}/{story.slug}")
                return None
        with transaction.atomic():
            article = Article(
                language=story.language,
                slug=story.slug,
                headline=story.headline,
                section=self.sections[story.section],
                dateline=story.dateline,
                standfirst=story.standfirst,
                body=story.body,
                status=Article.Status.DRAFT,
                translation_of=original,
            )
            article.full_clean()
            article.save()
            services.article_set_authors(
                article=article, authors=[self.authors[slug] for slug in story.authors]
            )
            for number, demo in enumerate(story.photos, start=1):
                photo = Photo(
                    article=article,
                    position=number,
                    alt_text=demo.alt,
                    caption=demo.caption,
                    credit=demo.credit,
                )
                photo.image.save(
                    f"{story.slug}-{number}.jpg",
                    ContentFile(images.scene_jpeg(demo.scene, demo.seed, demo.light)),
                    save=False,
                )
                photo.full_clean()
                photo.save()
                services.photo_make_renditions(photo=photo)
                self.created["photo"] += 1
            services.article_render(article=article)
            if story.status == "published":
                services.article_publish(
                    article=article, at=self.now - timedelta(hours=story.hours_ago)
                )
            elif story.status == "scheduled":
                services.article_schedule(
                    article=article, at=self.now - timedelta(hours=story.hours_ago)
                )
            if story.update_note:
                # An "Updated" note, as if an editor had revised the article after publication.
                revised_at = article.published_at + timedelta(hours=story.updated_hours_after)
                Article.objects.filter(pk=article.pk).update(
                    revised_at=revised_at, update_note=story.update_note
                )
        self.created["article"] += 1
        return article

    def load_pages(self) -> None:
        for demo in PAGES:
            _page, created = Page.objects.get_or_create(
                language=demo.language,
                slug=demo.slug,
                defaults={"title": demo.title, "body": demo.body},
            )
            if created:
                self.created["page"] += 1

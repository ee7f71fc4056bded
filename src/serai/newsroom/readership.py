"""How often each article was read, per day: what the front page's "most read" block ranks by.

Reads are counted in memory by the process that served them (serai.core.readings: no cookie, no
address, only the article) and added here in the background with one UPDATE per article and day
(`record_reads`). Every SERAI_MOST_READ_REFRESH_SECONDS at most, a flush moves the "most-read"
generation, which the front pages depend on, so the block follows readers without rebuilding the
front page on every read."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from serai.core import freshness, locks

MOST_READ = "most-read"  # the generation the "most read" blocks move with


class ArticleReads(models.Model):
    """Reads of one article on one day (the server's date, UTC)."""

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="reads", verbose_name=_("article")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("reads of an article")
        verbose_name_plural = _("reads of articles")
        constraints = [models.UniqueConstraint(fields=["day", "article"], name="article_reads_once_a_day")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.count}"


_last_refresh = [0.0]


def record_reads(counts: dict[int, int], *, day=None) -> None:
    """Add `counts` ({article id: reads}) to the day's rows, in one transaction; articles deleted
    meanwhile are skipped. Registered with serai.core.readings by NewsroomConfig.ready()."""
    from serai.newsroom.models import Article

    day = day or timezone.now().date()
    with locks.writing():
        known = set(Article.objects.filter(pk__in=list(counts)).values_list("pk", flat=True))
        for article_id in sorted(known):
            _add(article_id, day, counts[article_id])
    if time.time() - _last_refresh[0] >= settings.SERAI_MOST_READ_REFRESH_SECONDS:
        _last_refresh[0] = time.time()
        freshness.changed([MOST_READ])


def _add(article_id: int, day, reads: int) -> None:
    rows = ArticleReads.objects.filter(article_id=article_id, day=day)
    if rows.update(count=F("count") + reads):
        return
    try:
        with transaction.atomic():
            ArticleReads.objects.create(article_id=article_id, day=day, count=reads)
    except IntegrityError:  # another process made the row first
        rows.update(count=F("count") + reads)

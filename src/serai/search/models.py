"""The search index: one entry per article readers can find, in plain text.

Both databases keep the text here. SQLite indexes it in an FTS5 table (`search_fts`, an
external-content table over this one, kept in step by triggers: migration 0002); PostgreSQL in
two tsvectors made with the edition's text-search configuration, each under a GIN index (also
migration 0002: neither can be declared for both databases in Meta): `head` (headline,
standfirst, authors), whose matches come first, and `vector` (all of it).

Entries keep their id while the article stays findable, and ids grow with publication: results
come newest first by id, which both databases read in order without sorting every match.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from serai.newsroom.models import Article


class Entry(models.Model):
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    # Copied from the article: a scheduled article is in the index, found once this time has come.
    published_at = models.DateTimeField()
    title = models.TextField()
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)
    authors = models.TextField(blank=True)
    head = SearchVectorField(null=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.title

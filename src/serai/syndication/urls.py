"""Feeds inside each edition (/<lang>/feed/ …); the sitemaps and robots.txt are at the site's
root and named in serai.urls."""

from django.urls import path

from serai.syndication import feeds
from serai.syndication.edition_comments import EditionCommentsFeed

app_name = "syndication"

urlpatterns = [
    path("feed/", feeds.ArticleFeed(), name="feed"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="feed-atom"),
    path("feeds/sections/<slug:section>/", feeds.SectionFeed(), name="section-feed"),
    path("feeds/sections/<slug:section>/atom/", feeds.AtomSectionFeed(), name="section-feed-atom"),
    path("feeds/authors/<slug:slug>/", feeds.AuthorFeed(), name="author-feed"),
    path("feeds/authors/<slug:slug>/atom/", feeds.AtomAuthorFeed(), name="author-feed-atom"),
    path("comments/feed/", EditionCommentsFeed(), name="edition-comments-feed"),
    path("feeds/topics/<slug:slug>/", feeds.TopicFeed(), name="topic-feed"),
    path("feeds/topics/<slug:slug>/atom/", feeds.AtomTopicFeed(), name="topic-feed-atom"),
    path("<slug:section>/<slug:slug>/comments/feed/", feeds.CommentsFeed(), name="comments-feed"),
]

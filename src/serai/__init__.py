"""Serai: a news-publishing engine with a first-class reader conversation."""

__version__ = "0.1.0"

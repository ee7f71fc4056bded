"""Database backends Serai uses in place of Django's own."""

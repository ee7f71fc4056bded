"""Carrying comments between editions: machine-translation backends and the translators' desk."""

"""Moderation rules, run in this order by `serai.moderation.pipeline.moderate`."""

RULES: list = []

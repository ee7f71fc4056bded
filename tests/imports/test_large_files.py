"""Large exports: a 200 MB file made by bench/make_wxr.py is read in bounded memory, and a
generated site of 40 posts and 1,200 comments imports whole, every reply under its parent."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.models import F

from serai.comments.models import Comment
from serai.imports.wordpress import WordPressImport
from serai.newsroom.models import Article

ROOT = Path(__file__).resolve().parents[2]
# The peak resident memory of this process alone (VmHWM starts afresh with the new program;
# getrusage's maximum would count the test process it was forked from).
READ_ALL = """
import re, sys
from serai.imports import wxr
posts = comments = 0
for item in wxr.read(sys.argv[1]):
    if isinstance(item, wxr.Post):
        posts += 1
        comments += len(item.comments)
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
print(posts, comments, peak_kb // 1024)
"""


def generator():
    spec = importlib.util.spec_from_file_location("make_wxr", ROOT / "bench" / "make_wxr.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_200_mb_export_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "big.xml"
    generator().write(str(path), posts=2000, comments=20_000, body_kb=100)
    assert path.stat().st_size > 200_000_000
    result = subprocess.run(
        [sys.executable, "-c", READ_ALL, str(path)], capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    posts, comments, peak_mb = map(int, result.stdout.split())
    assert (posts, comments) == (2000, 20_000)
    assert peak_mb < 60, f"reading the export took {peak_mb} MB"


@pytest.mark.django_db
def test_a_generated_site_imports_whole(tmp_path):
    path = tmp_path / "site.xml"
    generator().write(str(path), posts=40, comments=1200, body_kb=1)
    summary = WordPressImport(path).run()
    assert summary.created["articles"] == 40 and summary.created["comments"] == 1200
    assert summary.problems == []
    assert Article.objects.count() == 40 and Comment.objects.count() == 1200
    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.count() == 400
    assert not replies.exclude(story=F("parent__story")).exists()

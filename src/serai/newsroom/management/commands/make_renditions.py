"""`serai make_renditions [--all]`: make library images' renditions again from their files.

Renditions are made when a photo is uploaded, or when its file or focal point changes. An image
uploaded before a shape was added to `serai.newsroom.images.CROPS` (the 16:9 and 4:3 crops that
structured data and share cards use) lacks it until this runs: by default only such images are
made again, with `--all` every image. Articles showing them are rendered again, and their pages
learn that they changed.
"""

from django.core.management.base import BaseCommand

from serai.newsroom import services
from serai.newsroom.images import CROPS
from serai.newsroom.models import Image


def lacks_a_crop(image: Image) -> bool:
    return not set(CROPS) <= {r.get("crop") for r in image.renditions}


class Command(BaseCommand):
    help = (
        "Make library images' renditions again from their files: by default those that lack one of "
        "the crops Serai makes now, with --all every image. Articles showing them are refreshed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Every image, not only those lacking a crop.")

    def handle(self, *args, **options):
        made = articles = 0
        for image in Image.objects.order_by("pk").iterator(chunk_size=100):
            if not image.file or not (options["all"] or lacks_a_crop(image)):
                continue
            try:
                services.image_make_renditions(image=image)
            except OSError as error:  # a file gone from storage, or damaged there
                self.stderr.write(f"Image {image.pk} ({image.file.name}) left as it was: {error}")
                continue
            articles += services.image_refresh_articles(image=image)
            made += 1
        self.stdout.write(f"Renditions made again for {made} image(s); {articles} article(s) refreshed.")

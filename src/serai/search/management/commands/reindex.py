from django.core.management.base import BaseCommand

from serai.search.services import entries_rebuild


class Command(BaseCommand):
    help = "Build the search index again from the published articles (after a bulk import, say)."

    def handle(self, *args, **options):
        count = entries_rebuild()
        self.stdout.write(f"Indexed {count} articles.")

from django.contrib import admin

from serai.core.admin import SafeLookupsMixin
from serai.pages.models import Page


@admin.register(Page)
class PageAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["title", "body"]
    view_on_site = True
    prepopulated_fields = {"slug": ["title"]}

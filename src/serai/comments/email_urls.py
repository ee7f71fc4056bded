"""The pages behind the links in reply emails (`serai.comments.email_links`).

Mounted at /moderation/ by the project's urls, where the links already sent point.
"""

from django.urls import path

from serai.comments import email_links

app_name = "email_links"

urlpatterns = [
    path("stop/<str:token>/", email_links.stop, name="stop"),
    path("confirm/<str:token>/", email_links.confirm, name="confirm"),
]

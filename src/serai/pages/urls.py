from django.urls import path

from serai.pages import views
from serai.pages.defaults import COMMENT_POLICY_SLUG

app_name = "pages"

urlpatterns = [
    path(
        f"{COMMENT_POLICY_SLUG}/versions/<int:number>/",
        views.policy_version,
        name="policy-version",
    ),
    path("<slug:slug>/", views.page, name="page"),
]

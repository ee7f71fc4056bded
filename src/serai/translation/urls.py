from django.urls import path

from serai.translation import views

app_name = "translation"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("save/", views.save, name="save"),
    path("skip/", views.skip, name="skip"),
    path("skipped/", views.unskip, name="unskip"),
    path("languages/", views.languages, name="languages"),
]

from django.urls import path

from serai.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.request_link, name="request"),
    path("data/<str:token>/", views.data, name="data"),
    path("data/<str:token>/download/", views.download, name="download"),
    path("data/<str:token>/delete/", views.delete, name="delete"),
]

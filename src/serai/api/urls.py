from django.urls import path, re_path

from serai.api.api import api
from serai.api.problems import unknown_address

urlpatterns = [
    path("", api.urls),
    re_path(r"^.*$", unknown_address),
]

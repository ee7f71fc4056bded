from django.urls import path

from serai.pages import views

app_name = "pages"

urlpatterns = [path("<slug:slug>/", views.page, name="page")]

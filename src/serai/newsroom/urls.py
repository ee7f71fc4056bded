from django.urls import path

from serai.newsroom import views

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("<slug:section>/", views.section, name="section"),
    path("<slug:section>/<slug:slug>/", views.article, name="article"),
]

from django.urls import path

from serai.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("act/", views.act, name="act"),
    path("undo/", views.undo, name="undo"),
    path("counts/", views.counts, name="counts"),
    path("words/", views.words, name="words"),
    path("words/<id:entry_id>/remove/", views.word_remove, name="word_remove"),
    path("languages/", views.my_languages, name="languages"),
    path("bans/", views.bans, name="bans"),
    path("bans/<id:ban_id>/lift/", views.ban_lift, name="ban_lift"),
    path("log/", views.log, name="log"),
    path("report/<id:comment_id>/", views.report, name="report"),
    path("report/<id:comment_id>/thanks/", views.reported, name="reported"),
]

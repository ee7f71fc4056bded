from django.urls import path

from serai.comments import views

app_name = "comments"

urlpatterns = [
    path("<id:article_id>/post/", views.post_comment, name="post"),
    path("<id:article_id>/reply/<id:comment_id>/", views.reply_form, name="reply"),
    path("<id:article_id>/vote/", views.vote, name="vote"),
    path("edit/<id:comment_id>/", views.edit_comment, name="edit"),
    path("delete/<id:comment_id>/", views.delete_comment, name="delete"),
]

from django.urls import path

from serai.comments import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/post/", views.post_comment, name="post"),
    path("<int:article_id>/reply/<int:comment_id>/", views.reply_form, name="reply"),
    path("<int:article_id>/vote/", views.vote, name="vote"),
    path("edit/<int:comment_id>/", views.edit_comment, name="edit"),
    path("delete/<int:comment_id>/", views.delete_comment, name="delete"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm"),
]

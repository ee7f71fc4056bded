"""Readers' conversation views: thin, each parses, calls one service, renders or redirects."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from serai.comments import readers, selectors, services, votes
from serai.comments.forms import CommentForm, EditCommentForm, VoteForm, issue_form_token
from serai.comments.models import Comment, story_id
from serai.comments.rendering import render_comment
from serai.core.addresses import client_ip
from serai.core.security import same_origin_post
from serai.newsroom.models import Article
from serai.newsroom.selectors import article_for_conversation


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _article(article_id: int) -> Article:
    """The article with what posting and voting read of it (section, settings, thread): kept per
    process but for the thread, which is one query."""
    return article_for_conversation(article_id)


def _form_page(request, article, form, *, parent=None, status=200):
    context = {
        "article": article,
        "form": form,
        "parent": parent,
        "mode": services.thread_mode(article=article),
    }
    return render(request, "comments/form_page.html", context, status=status)


@same_origin_post
@require_POST
def post_comment(request, article_id):
    article = _article(article_id)
    form = CommentForm(request.POST, article=article)
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        try:
            comment = services.comment_post(
                article=article, ip_address=client_ip(request), user=user, **form.post_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _posted(request, article, comment)
    if _wants_json(request):
        return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
    return _form_page(request, article, form, parent=form.parent_comment, status=400)


def _posted_message(status: str) -> str:
    """What a script posting the form is told (a browser without one follows the redirect)."""
    if status == Comment.Status.PUBLISHED:
        return _("Thank you. Your comment is published.")
    if status == Comment.Status.PENDING:
        return _(
            "Thank you. Your comment is awaiting moderation and will appear once a moderator approves it."
        )
    return _("Thank you. Your comment was received.")


def _posted(request, article, comment):
    if _wants_json(request):
        message = _posted_message(comment.status)
        mode = services.thread_mode(article=article)
        html = render_comment(comment, article_language=article.language, mode=mode, own=True)
        # A token serves one comment: the page's script puts this one in the form for the next.
        token = issue_form_token(article.pk)
        response = JsonResponse(
            {
                "ok": True,
                "id": comment.pk,
                "status": comment.status,
                "message": message,
                "html": html,
                "token": token,
            }
        )
    else:
        anchor = f"#comment-{comment.pk}" if comment.status == Comment.Status.PUBLISHED else "#your-comments"
        response = HttpResponseRedirect(article.get_absolute_url() + anchor, status=303)
    readers.remember_comment(request, response, comment)
    return response


def reply_form(request, article_id, comment_id):
    """Replying without JavaScript: the comment being answered, and the form under it."""
    article = _article(article_id)
    parent = get_object_or_404(Comment.objects.visible(), pk=comment_id, story_id=story_id(article))
    if services.thread_mode(article=article) == "closed":
        raise Http404("Comments are closed.")
    form = CommentForm(article=article, initial={"parent": parent.pk})
    return _form_page(request, article, form, parent=parent)


def _own_comment(request, comment_id) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("article__section__conversation", "article__thread"), pk=comment_id
    )
    if not readers.is_own(request, comment.pk):
        raise PermissionDenied(_("Only the author of a comment may change it."))
    return comment


@same_origin_post
def edit_comment(request, comment_id):
    comment = _own_comment(request, comment_id)
    if not comment.can_be_edited_now():
        return render(request, "comments/edit.html", {"comment": comment, "expired": True}, status=403)
    form = EditCommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        services.comment_edit(comment=comment, text=form.cleaned_data["text"], ip_address=client_ip(request))
        return HttpResponseRedirect(comment.article.get_absolute_url() + f"#comment-{comment.pk}", status=303)
    return render(
        request,
        "comments/edit.html",
        {"comment": comment, "form": form},
        status=400 if form.is_bound else 200,
    )


@same_origin_post
def delete_comment(request, comment_id):
    comment = _own_comment(request, comment_id)
    if not comment.can_be_edited_now():
        return render(request, "comments/edit.html", {"comment": comment, "expired": True}, status=403)
    if request.method == "POST":
        try:
            services.comment_withdraw(comment=comment)
        except PermissionDenied as exc:
            return render(
                request, "comments/edit.html", {"comment": comment, "expired": True, "error": exc}, status=403
            )
        return HttpResponseRedirect(comment.article.get_absolute_url() + "#comments", status=303)
    return render(request, "comments/delete.html", {"comment": comment})


@same_origin_post
@require_POST
def vote(request, article_id):
    article = _article(article_id)
    form = VoteForm(request.POST, article=article)
    if not form.is_valid():
        return _vote_done(request, article, error=form.first_error, status=400)
    if readers.vote_of(request, story_id(article)):
        return _vote_done(request, article, error=_("You have already answered this question."), status=409)
    liked, key = form.cleaned_data["liked"] == "yes", readers.voter_key(request)
    try:
        thread = votes.article_vote(
            article=article, liked=liked, voter_key=key, ip_address=client_ip(request)
        )
    except votes.AlreadyVoted as exc:
        return _vote_done(request, article, error=exc.messages[0], status=409)
    response = _vote_done(request, article, thread=thread)
    readers.remember_vote(request, response, key, story_id(article), liked)
    return response


def _vote_done(request, article, *, thread=None, error=None, status=200):
    thread = thread or selectors.thread_counters(article=article)
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": error is None,
                "error": error,
                "percent": thread.liked_percent,
                "total": thread.votes_total,
            },
            status=status,
        )
    if error:
        return render(
            request,
            "comments/vote_result.html",
            {"article": article, "thread": thread, "error": error},
            status=status,
        )
    return HttpResponseRedirect(article.get_absolute_url() + "#feedback", status=303)

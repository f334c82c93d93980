"""The circle's board: questions and asks, with replies (Markdown)."""

from apps.accounts.models import User
from apps.cocreation.models import BoardPost, BoardReply, Circle
from apps.cocreation.services.access import circle_gate


def post_create(*, circle: Circle, user: User, title: str, body: str) -> BoardPost:
    circle_gate(circle=circle, user=user)
    post = BoardPost(circle=circle, author=user, title=title.strip(), body=body.strip())
    post.full_clean()
    post.save()
    return post


def reply_create(*, post: BoardPost, user: User, body: str) -> BoardReply:
    circle_gate(circle=post.circle, user=user)
    reply = BoardReply(post=post, author=user, body=body.strip())
    reply.full_clean()
    reply.save()
    return reply

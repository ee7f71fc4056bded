"""`serai create_moderator USERNAME EMAIL [--password ...]`: a moderator's account."""

from serai.staff.commands import RoleCommand


class Command(RoleCommand):
    help = (
        "Create a moderator: a staff account in the Moderators group, who signs in at /admin/ and "
        "works in the moderation queue (/en/moderation/). Running it again changes nothing."
    )
    role_key = "moderator"
    role_name = "moderator"

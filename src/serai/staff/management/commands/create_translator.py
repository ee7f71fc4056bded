"""`serai create_translator USERNAME EMAIL [--password ...]`: a translator's account."""

from serai.staff.commands import RoleCommand


class Command(RoleCommand):
    help = (
        "Create a translator: a staff account in the Translators group, who signs in at /admin/ and "
        "carries readers' comments into the other editions' languages at the translation desk "
        "(/en/translation/). Running it again changes nothing."
    )
    role_key = "translator"
    role_name = "translator"

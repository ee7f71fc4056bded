"""`serai create_editor USERNAME EMAIL [--password ...] [--in-chief]`: a newsroom editor's account."""

from serai.staff.commands import RoleCommand


class Command(RoleCommand):
    help = (
        "Create a newsroom editor: a staff account in the Editors group, who can sign in to the "
        "back office and write, publish and illustrate articles. With --in-chief, an editor-in-chief, "
        "who also moderates and manages the staff's roles. Running it again changes nothing."
    )
    role_key = "editor"
    role_name = "editor"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--in-chief",
            action="store_true",
            help="An editor-in-chief: also moderates, and adds staff and changes their roles.",
        )

    def role_for(self, options) -> str:
        if options.get("in_chief"):
            self.role_name = "editor-in-chief"
            return "editor_in_chief"
        return self.role_key

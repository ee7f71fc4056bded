"""The `serai` command: Django's management commands, with Serai's settings preselected.

`serai demo` loads the demo site, `serai serve` runs the production server, and every other
Django command (`serai migrate`, `serai createsuperuser`, ...) works as with manage.py.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["serai", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()

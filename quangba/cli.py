"""The `quangba` command: Django's manage.py with the settings preset."""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command; `train-topics` style names map to `train_topics`."""
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quangba.settings")
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

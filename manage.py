#!/usr/bin/env python
"""Django's command-line utility for the Battery Region Education Map."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batteryregion.settings")
    # manage.py is the developers' entry point: local development unless the environment says otherwise.
    # Production sets DEBUG=false and SECRET_KEY (and serves through batteryregion.wsgi, which has no default).
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

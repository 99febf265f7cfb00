"""`python -m bot.school check`: validate the school profile (data/school.yml and SCHOOL_* settings)."""

from __future__ import annotations

import argparse
import sys

from bot.school.profile import SchoolProfileError, read_profile
from bot.school.sayings import hours, languages, name, programs
from bot.settings import load_settings_or_exit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.school", description=__doc__)
    parser.add_argument("command", choices=["check"])
    parser.parse_args(argv)
    settings = load_settings_or_exit()
    try:
        school = read_profile(settings.school_file, dict(settings.school_env))
    except SchoolProfileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"school profile OK ({settings.school_file.name}): what the bot will say about {name(school)}:")
    for sentence in (hours(school), languages(school), programs(school)):
        print(f"  {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

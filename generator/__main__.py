"""Allow ``python -m generator COMMAND``."""

from generator.commands.cli import main

main()

"""Allow ``python -m generator COMMAND``."""

from generator.cli import main

main()

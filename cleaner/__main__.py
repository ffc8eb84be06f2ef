"""`python -m cleaner` runs the command line."""

from .cli import main

main(prog_name="cleaner")

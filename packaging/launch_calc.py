"""Entry script for the frozen command-line calculator, ivigdesk-calc (a console program)."""

from ivigdesk.cli import main

main()

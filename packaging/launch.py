"""Entry script for the frozen program."""

from ivigdesk.app import main

main()

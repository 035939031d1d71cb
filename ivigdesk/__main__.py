"""python -m ivigdesk opens the window."""

from ivigdesk.app import main

main()

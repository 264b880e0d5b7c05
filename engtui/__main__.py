"""`python -m engtui` runs the command line."""

from engtui.cli import main

raise SystemExit(main())

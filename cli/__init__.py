"""orgwork's command line: thin click commands, one module per group (see cli/app.py)."""

from cli.app import main

__all__ = ["main"]

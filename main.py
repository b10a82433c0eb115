"""网格治理指挥台 — entry point. `python main.py --help` lists the subcommands."""

import sys

from console.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""`python -m toolkit`: the same command line as `klaar` and `python build.py`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(prog_name="python -m toolkit"))

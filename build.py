#!/usr/bin/env python3
"""Build the Klaar site. Thin entry point: all logic lives in the `toolkit` package.
The same command line is installed as `klaar` and runs as `python -m toolkit`.

    python build.py            # build _site/ from content/, translations/ and templates/
    python build.py --help     # every command
"""
import sys

from toolkit.cli import main

if __name__ == "__main__":
    sys.exit(main(prog_name="python build.py"))

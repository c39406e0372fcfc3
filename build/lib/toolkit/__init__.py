"""Klaar: plain-language, multilingual public-health messages from Markdown.

The package reads like the pipeline: config → load → catalog → render → write, driven
by `pipeline.build` and the command line in `cli`.
"""

__version__ = "0.1.0"

"""Kinship carers' assistant: the headless core.

Nothing in this package imports Qt or reads the clock: the GUI (``ui``) and the command line both
call in, passing the date an answer is for.
"""

__version__ = "0.1.0"

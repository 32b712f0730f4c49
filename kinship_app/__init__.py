"""Kinship carers' assistant: the headless core.

Nothing in this package imports Qt or reads the clock: the GUI (``ui``) and the command line both
call in, passing the date an answer is for.
"""


def __getattr__(name: str) -> str:
    # ``kinship_app.__version__``, read from pyproject.toml when first asked (see version.py), so
    # importing the core does not load importlib.metadata.
    if name == "__version__":
        from kinship_app.version import version

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

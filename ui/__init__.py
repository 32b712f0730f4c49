"""The PySide6 desktop app. Only this package imports Qt; it reaches the core in ``kinship_app``."""

"""The app's reference data: dated, sourced rates; English councils; the services directory.

Each loader reads its files under ``resources/`` the first time it is asked and keeps the result,
so importing this package costs nothing at start-up. Import the submodule you need:
``from kinship_app.data import rates, councils, services``.
"""

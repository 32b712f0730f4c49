"""Saved households: the local (or shared) store every screen and the CLI use.

Import from here: ``Store``, the record types and the ``StoreError`` family. Importing this package
loads SQLAlchemy, so the GUI should import it when the store is first needed, not at start-up.
"""

from kinship_app.store.engine import ENV_VAR, default_url
from kinship_app.store.errors import (
    BackupError, ConflictError, DiskFullError, ImportDataError, InvalidDataError, LockedError, MissingFileError,
    MissingFolderError, NewerSchemaError, NotAStoreError, NotFoundError, ReadOnlyError, ServerUnavailableError,
    StoreError,
)
from kinship_app.store.records import (
    ActionItem, AssessmentRun, AuditEntry, BackupReport, CarerRecord, CheckProgress, ChildRecord, EraseReport,
    EstimateRecord,
    HouseholdRecord, HouseholdSummary, LetterRecord, NoteRecord,
)
from kinship_app.store.service import UNSET, Store, fold
from kinship_app.store.access import (
    AccountRecord, CaseloadRecord, NotAllowedError, NotSharedError, NotSignedInError, SignInError,
)
from kinship_app.store.crypto import (
    KeyParamsError, PassphraseNeededError, PassphraseRequiredError, WeakPassphraseError, WrongPassphraseError,
)
from kinship_app.store.export_file import (
    ExportPassphraseNeededError, PlainExportNotAllowedError, WrongExportPassphraseError,
)

__all__ = [
    "ENV_VAR", "UNSET", "ActionItem", "AssessmentRun", "AuditEntry", "BackupError", "BackupReport", "CarerRecord",
    "CheckProgress", "ChildRecord", "ConflictError", "DiskFullError", "EraseReport", "EstimateRecord", "HouseholdRecord",
    "HouseholdSummary", "ImportDataError", "InvalidDataError", "LetterRecord", "LockedError", "MissingFileError",
    "MissingFolderError", "NewerSchemaError", "NoteRecord", "NotAStoreError", "NotFoundError", "ReadOnlyError",
    "ServerUnavailableError", "Store", "StoreError", "default_url", "fold",
    # issue 12: encryption at rest, accounts and caseloads
    "AccountRecord", "CaseloadRecord", "KeyParamsError", "NotAllowedError", "NotSharedError", "NotSignedInError",
    "PassphraseNeededError", "PassphraseRequiredError", "SignInError", "WeakPassphraseError", "WrongPassphraseError",
    # encrypted exports
    "ExportPassphraseNeededError", "PlainExportNotAllowedError", "WrongExportPassphraseError",
]

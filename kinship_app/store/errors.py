"""What can go wrong with the saved households, in words a carer can act on.

The GUI shows ``str(error)`` as it is (each message already went through ``_()``), so every
message says what happened, that nothing already saved was lost where that is true, and what to do.
"""

from __future__ import annotations

from kinship_app.i18n import _


class StoreError(Exception):
    """Base class: anything the store refuses or cannot do."""

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(message)
        self.message = message
        # The technical cause (driver message), for logs and support; never shown as the headline.
        self.detail = detail


class DiskFullError(StoreError):
    def __init__(self, detail: str = ""):
        super().__init__(_("The disk is full, so this change was not saved. Everything saved before "
                           "is safe. Free some space on the computer, then try again."), detail=detail)


class ReadOnlyError(StoreError):
    def __init__(self, where: str = "", detail: str = ""):
        super().__init__(_("The saved households can be read but not changed: the file or its folder "
                           "is read-only ({where}). Nothing saved was lost. Ask whoever looks after this "
                           "computer to let you write there, then try again.").format(where=where or "?"),
                         detail=detail)


class MissingFolderError(StoreError):
    def __init__(self, where: str, detail: str = ""):
        super().__init__(_("The folder that holds the saved households cannot be found ({where}). If it is "
                           "on a USB stick or a network drive, plug it in or reconnect, then try again. "
                           "Nothing was changed.").format(where=where), detail=detail)


class MissingFileError(StoreError):
    def __init__(self, where: str, detail: str = ""):
        super().__init__(_("The saved-households file is no longer where it was ({where}): it may have been "
                           "moved, renamed or deleted while the app was open. This change was not saved. Put "
                           "the file back (or restore a backup), then start the app again.").format(where=where),
                         detail=detail)


class LockedError(StoreError):
    def __init__(self, detail: str = ""):
        super().__init__(_("Another copy of the app is busy saving and did not finish in time. Nothing was "
                           "lost. Please try again in a moment."), detail=detail)


class NewerSchemaError(StoreError):
    def __init__(self, revision: str, detail: str = ""):
        super().__init__(_("These saved households were written by a newer version of this app (schema "
                           "{revision}). This version will not open them, so that nothing is damaged: the "
                           "file has not been touched. Please update the app.").format(revision=revision),
                         detail=detail)
        self.revision = revision


class NotAStoreError(StoreError):
    def __init__(self, where: str, detail: str = ""):
        super().__init__(_("This file is not a saved-households file from this app, or it is damaged "
                           "({where}). It has not been changed.").format(where=where), detail=detail)


class ServerUnavailableError(StoreError):
    def __init__(self, detail: str = ""):
        super().__init__(_("The shared database server cannot be reached. Check the network connection "
                           "and the server address in Settings, then try again. Nothing was lost."),
                         detail=detail)


class NotFoundError(StoreError):
    def __init__(self, what: str, key: object):
        super().__init__(_("{what} {key} is not in the saved households (it may have been erased).")
                         .format(what=what, key=key))


class ConflictError(StoreError):
    """Someone saved in between. ``differences`` lists (what, theirs, yours) in words, so the person
    sees both versions; ``theirs`` is the record as it is saved now (a HouseholdRecord or the saved
    check progress); nothing of either version was lost: theirs is saved, yours is still on screen."""

    def __init__(self, reference: str, differences: list[tuple[str, str, str]] | None = None, *,
                 changed_by: str = "", theirs: object = None, answers: bool = False):
        if answers:
            text = _("Someone else answered the questions for household {reference} while you were. Your "
                     "answers were not saved, so theirs are not overwritten.").format(reference=reference)
        else:
            text = _("Someone else changed household {reference} after you opened it. Your changes were not "
                     "saved, so theirs are not overwritten.").format(reference=reference)
        if changed_by:
            text += " " + _("The last change was saved by {name}.").format(name=changed_by)
        differences = list(differences or [])
        if differences:
            text += "\n\n" + _("What is different:")
            for what, theirs_text, yours_text in differences:
                text += "\n" + _("{what}: saved now “{theirs}”; yours “{yours}”").format(
                    what=what, theirs=theirs_text, yours=yours_text)
        text += "\n\n" + _("What you typed is still on your screen: copy anything you need, open the household "
                            "again to see the latest, then make your changes.")
        super().__init__(text)
        self.reference = reference
        self.differences = differences
        self.changed_by = changed_by
        self.theirs = theirs


class InvalidDataError(StoreError):
    """Input the store will not save: ``field`` names where, the message says what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(_("{field}: {message}").format(field=field, message=message))
        self.field = field
        self.reason = message


class ImportDataError(InvalidDataError):
    """A household file that cannot be imported; nothing of it was saved."""


class BackupError(StoreError):
    pass

"""Errors every front-end (CLI, daemon reply, plugin dialog) presents in its own way."""

from typing import List, Optional


class Ds2fpError(Exception):
    """Base of the errors a user can act on; `hint` says what to do."""

    code = "error"

    def __init__(self, message: str, hint: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class InputError(Ds2fpError):
    """The reading or footprint description is invalid or absurd."""

    code = "bad_input"


class CheckFailedError(Ds2fpError):
    """Geometry checks found errors; nothing was written."""

    code = "check_failed"

    def __init__(self, message: str, issues: List = (), hint: Optional[str] = None):
        super().__init__(message, hint)
        self.issues = list(issues)


class FootprintExistsError(Ds2fpError):
    """The target .kicad_mod exists and --replace was not given."""

    code = "exists"


class LibraryError(Ds2fpError):
    """The .pretty folder or fp-lib-table cannot be read or written."""

    code = "library"

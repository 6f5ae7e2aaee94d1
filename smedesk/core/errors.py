"""Errors that carry a plain message for the person in front of the screen."""


class SmedeskError(Exception):
    """A refusal the user should read. `field` names the input it is about, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(SmedeskError):
    """Input that does not make sense; nothing was written."""


class PermissionDenied(SmedeskError):
    """The acting user's role does not allow this."""


class DatabaseProblem(SmedeskError):
    """The business file cannot be used as it is (missing, damaged, newer, foreign)."""


class FileNotLockable(DatabaseProblem):
    """The file is where locking does not work (a network share, some USB
    sticks): nothing is wrong with it, it must be copied to the PC first."""


class RowErrors(ValidationError):
    """Several rows of an import are wrong; `errors` is a list of (line, reason)."""

    def __init__(self, message: str, errors: list[tuple[int, str]]):
        super().__init__(message)
        self.errors = errors

    def __str__(self) -> str:
        lines = [self.message] + [f"  {line}: {reason}" for line, reason in self.errors]
        return "\n".join(lines)


class NeedsConfirmation(ValidationError):
    """Allowed, but only once the person says so (releasing an order whose
    materials are short). `details` lists what they are agreeing to; repeat the
    call with the confirmation flag the raiser names."""

    def __init__(self, message: str, details: list[str] | None = None, *, field: str | None = None):
        super().__init__(message, field=field)
        self.details = list(details or [])

    def __str__(self) -> str:
        return "\n".join([self.message] + [f"  {d}" for d in self.details])

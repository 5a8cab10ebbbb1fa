"""Errors a reader or parser raises for input it cannot use."""


class ExtractionError(Exception):
    """The file cannot be read as a plan. The message names the file and the place."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # crosses process boundaries intact
        return (ExtractionError, (self.path, self.reason))

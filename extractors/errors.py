"""Errors a reader or parser raises for input it cannot use."""


class ExtractionError(Exception):
    """The file cannot be read as a plan. The message names the file and the place."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # crosses process boundaries intact
        return (ExtractionError, (self.path, self.reason))


class NotAPlan(ExtractionError):
    """A document of another kind (a directive, a letter, a report ...): refused, kind named."""

    def __init__(self, path: str, kind: str, label: str) -> None:
        super().__init__(path, f"not a plan: {label} ({kind})")
        self.kind = kind
        self.label = label

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:  # type: ignore[override]
        return (NotAPlan, (self.path, self.kind, self.label))

"""The one exception the store raises for problems a user or operator must act on."""

from __future__ import annotations


class StoreError(Exception):
    """A database that cannot be opened or used, with a message naming the file and the problem."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DamagedStoreError(StoreError):
    """The database file is damaged: nothing more is written into it (the message says what to do).

    Not a problem of the data being written — splitting or retrying the batch cannot help.
    """

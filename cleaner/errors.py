"""Errors the library raises; the CLI turns them into one-line messages."""


class CleanerError(Exception):
    """Base class for every error cleaner raises on purpose."""


class InputError(CleanerError):
    """The input cannot be read as text (binary data, bad encoding, ...)."""


class ConfigError(CleanerError):
    """The configuration names something that does not exist or is malformed."""


class Terminated(BaseException):
    """SIGTERM arrived: raised from the signal handler so that the work
    unwinds (temporary files removed, a summary printed) before exiting.
    A BaseException, so that no ``except Exception`` swallows it."""

"""`HelperFailed`: a ``credential_process`` helper gave no credentials (`engtui.api.helpers`).

Its own module so that `engtui.api.errors` can classify it without importing the helpers'
process handling (which itself needs the deadline, and so the errors)."""

from __future__ import annotations

from botocore.exceptions import CredentialRetrievalError


class HelperFailed(CredentialRetrievalError):
    """A ``credential_process`` helper did not give credentials: it ran past the deadline,
    failed, or printed something that is not JSON. ``program`` is the helper's program name
    (never its arguments, which may hold anything); ``reason`` says what went wrong."""

    fmt = "The credential_process helper {program} {reason}"

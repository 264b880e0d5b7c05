"""Credential resolution for a client, before it is built and under the call's deadline.

botocore resolves credentials lazily: a ``credential_process`` helper while the client is
built, STS (assume-role) and the SSO portal on the first signed request. A failure there was
then reported as if the Partner Central endpoint could not be reached, or its reply could not
be read. `resolve` asks for them at once, inside the client build (which `SellingService`
runs under the call's deadline), so every failure is classified by
`engtui.api.errors.credential_error`: a credentials problem naming what failed.

It also sets what engtui needs in botocore's chain: the bounded helper process
(`engtui.api.helpers`), and an MFA prompt that raises `MfaRequired` instead of reading a
code from a terminal Textual owns.
"""

from __future__ import annotations

from typing import Any

from engtui.api.errors import MfaRequired


def refuse_mfa_prompt(prompt: str = "") -> str:
    raise MfaRequired(prompt)


def resolve(session: Any, *, aws_profile: str | None, endpoint: str) -> str | None:
    """Resolve ``session``'s credentials now; return how they were found (botocore's method:
    ``sso``, ``assume-role``, ``custom-process``, ``explicit``, ...), None when there are
    none (the call's signing says so). Raises the `ApiError` of `credential_error`."""
    contacted: list[str] = []  # the service ids of the credential calls sent (sts, sso)

    def note(event_name: str = "", **_: Any) -> None:
        contacted.append(event_name.split(".")[1] if event_name.count(".") >= 1 else "")

    session.register("before-send", note)
    try:
        from engtui.api import helpers

        helpers.guard(session)  # a credential_process helper is bounded by the deadline
        resolver = session.get_component("credential_provider")
        if "assume-role" in [provider.METHOD for provider in resolver.providers]:
            resolver.get_provider("assume-role")._prompter = refuse_mfa_prompt
        credentials = session.get_credentials()
        if credentials is None:
            return None
        credentials.get_frozen_credentials()
        return str(getattr(credentials, "method", "") or "unknown")
    except Exception as exc:
        from engtui.api.errors import credential_error

        raise credential_error(exc, aws_profile=aws_profile, endpoint=endpoint,
                               contacted=contacted[-1] if contacted else "") from None
    finally:
        session.unregister("before-send", note)

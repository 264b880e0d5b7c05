"""``engtui get ID``: fetch one record of any kind and print it as a text tree or JSON.

Kept out of `engtui.cli` (which builds the parser and dispatches) so each stays small; it
loads only what one call needs (no textual, no tomlkit, no listing modules: start-up time).
Exit codes: 2 for bad input (no request sent), else the error kind's (`engtui.api.errors`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from engtui.encodable import encodable

if TYPE_CHECKING:
    from engtui.api.settings import ClientSettings


def run_get(
    args: argparse.Namespace,
    error_line: Callable[[str], None],
    settings_from_args: Callable[[argparse.Namespace], tuple[ClientSettings, str]],
) -> int:
    """``engtui get ID``: any record kind's id or ARN (`engtui.api.kinds.parse_reference`),
    or ``--kind``; ``error_line`` and ``settings_from_args`` are `engtui.cli`'s."""
    from engtui.api.errors import ApiError
    from engtui.api.kinds import KINDS, InvalidInput, parse_reference

    try:
        kind = getattr(args, "kind", None)
        ref = KINDS[kind].parse(args.identifier) if kind else parse_reference(args.identifier)
    except InvalidInput as error:
        error_line(str(error))
        return 2
    if ref.normalised:  # a console URL or an upper-case id: say what was sent instead
        print(encodable(f"engtui: note: {ref.normalised}", sys.stderr), file=sys.stderr)
    settings, _ = settings_from_args(args)
    catalog = ref.catalog_from_arn or settings.catalog
    from engtui.api.helpers import ended_on_signals
    from engtui.api.service import SellingService

    try:
        with ended_on_signals():  # a credential_process helper is ended with the command
            record = SellingService(settings).get_record(
                ref.kind, catalog, ref.identifier, params=ref.params)
    except ApiError as error:
        error_line(error.one_line())
        return error.kind.exit_code
    data = record.data
    if getattr(args, "redact", False):  # privacy mode: what the model marks sensitive
        from engtui.api.redact import redact_response

        data = redact_response(data, record.kind.get_operation)
    if args.json:
        from engtui.api.jsonout import NotJson, dumps

        try:
            text = dumps(data)
        except NotJson as error:  # the reply check refuses these first; never a traceback
            error_line(f"The service's reply could not be read ({error}).")
            return 10
        print(encodable(text, sys.stdout, is_json=True))
    else:
        from engtui.api.field_tree import record_tree, render_text
        from engtui.textsafe import printable

        print(encodable(render_text(record_tree(record.kind, data), printable), sys.stdout))
    return 0

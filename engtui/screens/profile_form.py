"""The form that adds or edits a profile (a modal; dismisses with a `ProfileChange` or None).

Checks everything before it closes (the same checks as the config file, through
`engtui.profiles.model.Profile`), so the worker that saves never meets a bad value. The
secret inputs are masked and never prefilled: a stored secret is not read back into the UI,
the form only says where it is ("stored in keyring (BACKEND)"). When the keyring cannot keep
a secret, the form says so and offers to keep it for this run only, in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Select, Static

from engtui.profiles.model import CATALOGS, Profile, ProfileValueError
from engtui.profiles.view import KeyringView, ProfileChange
from engtui.textsafe import printable
from engtui.widgets.marked_toggles import MarkedCheckbox, MarkedRadioButton
from engtui.widgets.secret_input import SecretInput

FIELD_FOR_KEY = {
    "name": "#name",
    "aws_profile": "#aws-profile",
    "access_key_id": "#access-key-id",
    "region": "#region",
    "endpoint_url": "#endpoint",
}


@dataclass(frozen=True)
class AwsChoice:
    """An AWS named profile found in ~/.aws, offered in the picker."""

    name: str
    kind: str
    region: str | None = None

    def label(self) -> Text:
        where = f", {self.region}" if self.region else ""
        return Text(printable(f"{self.name} ({self.kind}{where})", limit=60))


DEFAULT_NOTE = (
    "Not ticked for you: with no usable keyring the secret lives only in this run, so as the "
    "default profile every later `engtui get` would start without it."
)


class ProfileForm(ModalScreen[ProfileChange | None]):
    """Add a profile (``existing`` None) or edit one."""

    BINDING_GROUP_TITLE = "Profile form"

    DEFAULT_CSS = """
    ProfileForm {
        align: center middle;
    }
    ProfileForm #form-box {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    ProfileForm .row, ProfileForm #aws-fields, ProfileForm #static-fields {
        height: auto;
    }
    ProfileForm .row Label {
        width: 18;
        color: $text-muted;
    }
    ProfileForm .row Input, ProfileForm .row Select {
        width: 1fr;
    }
    ProfileForm RadioSet {
        layout: horizontal;
        border: none;
        padding: 0;
        width: auto;
    }
    ProfileForm RadioSet RadioButton {
        width: auto;
    }
    ProfileForm .note {
        color: $text-muted;
        margin-left: 18;
    }
    ProfileForm #make-default {
        margin: 1 0 0 18;
    }
    ProfileForm #form-error {
        color: $error;
        height: auto;
    }
    ProfileForm #form-buttons {
        height: auto;
        align-horizontal: right;
    }
    ProfileForm #form-buttons Button {
        margin-left: 2;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True,
                tooltip="Check the form and save the profile"),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close the form without saving"),
    ]

    def __init__(
        self,
        existing: Profile | None,
        names: list[str],
        aws_choices: list[AwsChoice],
        keyring: KeyringView,
        *,
        secret_state: str = "",
        is_default: bool = False,
        has_default: bool = True,
        aws_files: str = "~/.aws/config and ~/.aws/credentials",
    ) -> None:
        super().__init__()
        self.existing = existing
        self.other_names = {name for name in names if existing is None or name != existing.name}
        self.aws_choices = aws_choices
        self.keyring = keyring
        self.secret_state = secret_state
        self.is_default = is_default
        self.has_default = has_default
        self.aws_files = aws_files

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        existing = self.existing
        static = existing is not None and existing.needs_secret
        with VerticalScroll(id="form-box") as box:
            box.border_title = f"Edit profile {existing.name}" if existing else "Add a profile"
            box.border_subtitle = "ctrl+s save · Esc cancel"
            with Horizontal(classes="row"):
                yield Label("Name")
                yield Input(existing.name if existing else "", placeholder="e.g. prod",
                            id="name", compact=True, max_length=64)
            with Horizontal(classes="row"):
                yield Label("Credentials")
                with RadioSet(id="source"):
                    yield MarkedRadioButton("AWS named profile", value=not static, id="src-aws")
                    yield MarkedRadioButton("Static access key", value=static, id="src-static")
            with Vertical(id="aws-fields"):
                if self.aws_choices:
                    with Horizontal(classes="row"):
                        yield Label("Found in ~/.aws")
                        yield Select(
                            [(choice.label(), choice.name) for choice in self.aws_choices],
                            prompt="pick an AWS named profile", id="aws-pick", compact=True,
                        )
                else:
                    yield Static(Text(f"No AWS named profiles found in {self.aws_files}."),
                                 classes="note")
                with Horizontal(classes="row"):
                    yield Label("AWS profile")
                    yield Input(existing.aws_profile or "" if existing else "",
                                placeholder="name in ~/.aws/config", id="aws-profile",
                                compact=True)
            with Vertical(id="static-fields"):
                with Horizontal(classes="row"):
                    yield Label("Access key id")
                    yield Input(existing.access_key_id or "" if existing else "",
                                placeholder="AKIA…", id="access-key-id", compact=True)
                with Horizontal(classes="row"):
                    yield Label("Secret key")
                    yield SecretInput(password=True, placeholder=self._secret_placeholder(),
                                      id="secret", compact=True)
                with Horizontal(classes="row"):
                    yield Label("Session token")
                    yield SecretInput(password=True, placeholder="optional", id="token",
                                      compact=True)
                yield Static(self._secret_note(), id="secret-note", classes="note")
            with Horizontal(classes="row"):
                yield Label("Region")
                yield Input(existing.region or "" if existing else "",
                            placeholder="empty: AWS rules, then us-east-1", id="region",
                            compact=True)
            with Horizontal(classes="row"):
                yield Label("Catalog")
                with RadioSet(id="form-catalog"):
                    current = existing.catalog if existing else "AWS"
                    for name in CATALOGS:
                        yield MarkedRadioButton(name, value=name == current, id=f"form-cat-{name}")
            with Horizontal(classes="row"):
                yield Label("Endpoint URL")
                yield Input(existing.endpoint_url or "" if existing else "",
                            placeholder="empty: the service's", id="endpoint", compact=True)
            # A first profile is offered as the default, ticked and said so: the box is
            # obeyed either way (unticked, there stays no default profile).
            first = existing is None and not self.has_default
            label = "Make it the default profile" + (" (there is none yet)" if first else "")
            self._offered_default = first and not self.is_default
            self._auto_default = self.is_default or first
            yield MarkedCheckbox(label, self._auto_default, id="make-default", compact=True)
            yield Static(id="default-note", classes="note", markup=False)
            yield Static(id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="form-save", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        self._show_source()
        self.query_one("#name", Input).focus()

    def _secret_placeholder(self) -> str:
        if self.existing is not None and self.existing.needs_secret:
            return "empty: keep the current secret"
        return "masked; never written to a file"

    def _secret_note(self) -> Text:
        keyring = self.keyring
        if keyring.usable:
            text = f"The secret will be stored in keyring ({keyring.backend_name})."
        elif keyring.state == "probing":
            text = "The keyring is still being checked; saving waits for it."
        else:
            text = (
                f"The keyring is {keyring.state} ({keyring.backend_name or 'no backend'}): "
                "the secret will be kept for this run only, in memory, and never written "
                "to a file."
            )
        if self.secret_state:
            text = f"Now: {self.secret_state}. {text}"
        return Text(text)

    @property
    def static(self) -> bool:
        return self.query_one("#src-static", RadioButton).value

    @on(RadioSet.Changed, "#source")
    def _show_source(self) -> None:
        self.query_one("#aws-fields").display = not self.static
        self.query_one("#static-fields").display = self.static
        self._offer_default()

    def _offer_default(self) -> None:
        """A static key with no usable keyring lives only in this run: as the default it
        would break every later ``engtui get``, so the box is not ticked for it (a box the
        user changed is left as it is), and the note says why."""
        session_only = self.static and self.keyring.state in ("unavailable", "insecure")
        box = self.query_one("#make-default", Checkbox)
        if self._offered_default and box.value == self._auto_default:
            self._auto_default = not session_only
            box.value = self._auto_default
        note = self.query_one("#default-note", Static)
        note.update(DEFAULT_NOTE if session_only else "")
        note.display = session_only

    @on(Select.Changed, "#aws-pick")
    def _picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#aws-profile", Input).value = event.value
            choice = next((c for c in self.aws_choices if c.name == event.value), None)
            name = self.query_one("#name", Input)
            if not name.value and choice is not None:
                name.value = choice.name

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    # -- checking and saving ----------------------------------------------------------------
    def _value(self, selector: str) -> str | None:
        return self.query_one(selector, Input).value.strip() or None

    def build(self) -> ProfileChange:
        """The change the form describes; ``ProfileValueError`` names the bad field."""
        name = self._value("#name") or ""
        if name in self.other_names:
            raise ProfileValueError("name", f"a profile named {name!r} already exists")
        catalog = next(
            (c for c in CATALOGS if self.query_one(f"#form-cat-{c}", RadioButton).value), "AWS"
        )
        keep = self.existing.settings() if self.existing is not None else {}
        values = {
            key: keep[key]
            for key in ("connect_timeout", "read_timeout", "max_attempts", "retry_mode")
            if key in keep
        }
        static = self.static
        if not static and not self._value("#aws-profile"):
            raise ProfileValueError("aws_profile", "pick or type an AWS named profile")
        profile = Profile(
            name=name,
            aws_profile=None if static else self._value("#aws-profile"),
            access_key_id=self._value("#access-key-id") if static else None,
            region=self._value("#region"),
            catalog=catalog,
            endpoint_url=self._value("#endpoint"),
            **values,
        )
        if static and profile.access_key_id is None:
            raise ProfileValueError("access_key_id", "type the access key id")
        secret = self._value("#secret") if static else None
        token = self._value("#token") if static else None
        had_static = self.existing is not None and self.existing.needs_secret
        key_changed = had_static and self.existing.access_key_id != profile.access_key_id  # type: ignore[union-attr]
        if static and secret is None and (not had_static or key_changed):
            raise ProfileValueError("secret", "type the secret access key of this access key id")
        return ProfileChange(
            profile,
            original=self.existing.name if self.existing else None,
            secret=secret,
            session_token=token,
            make_default=self.query_one("#make-default", Checkbox).value,
            session_only=bool(secret) and self.keyring.state in ("unavailable", "insecure"),
        )

    def action_save(self) -> None:
        try:
            change = self.build()
        except ProfileValueError as error:
            label = error.key.replace("_", " ")
            self.query_one("#form-error", Static).update(Text(f"✗ {label}: {error.message}"))
            selector = FIELD_FOR_KEY.get(error.key, "#secret" if error.key == "secret" else "")
            if selector:
                self.query_one(selector, Input).focus()
            return
        self.dismiss(change)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Baseline: the smallest Textual app that shows one Input (start-up to a usable prompt)."""

from textual.app import App, ComposeResult
from textual.widgets import Input


class MinimalInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="baseline prompt ready")


if __name__ == "__main__":
    MinimalInput().run()

"""Command palette providers (textual.command.Provider), one module per subject."""

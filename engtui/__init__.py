"""engtui: a keyboard-driven terminal browser for AWS Partner Central engagements."""

__version__ = "0.1.0"

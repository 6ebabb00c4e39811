"""The version of eccar-plan (read by the build backend, too)."""

__version__ = "0.1.0"

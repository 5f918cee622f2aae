"""Navigator: an offline-first app that helps families choose and apply to public schools."""

__version__ = "0.1.0"

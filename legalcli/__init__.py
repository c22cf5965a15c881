"""legalcli: a command-line explainer of the legal options of Russian servicemen."""

__version__ = "0.2.0"

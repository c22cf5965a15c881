"""The closed vocabularies of the rule language, each written once: the model types them,
the schemas list them, the engine ranks risks by severity.  No imports of the package:
the schemas read them without the model."""

from __future__ import annotations

from typing import Literal, get_args

Severity = Literal["low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)  # lowest first: the engine ranks by position
Confidence = Literal["confirmed", "seed-only", "unconfirmed"]
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)

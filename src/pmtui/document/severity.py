"""A severity as a label: the one spelling the export's tags and the checks' usual scales
both read, whatever the room wrote (`SEV-1`, `sev 1`, a bare `1`)."""

from __future__ import annotations

import re


def severity_label(severity: str) -> str:
    """`SEV-1` → `sev1`, `P0` → `p0`, `3` → `sev3`, `Critical` → `critical`."""
    label = re.sub(r"[^a-z0-9]", "", severity.lower())
    return f"sev{label}" if label.isdigit() else label

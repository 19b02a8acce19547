"""Text samples for the tests."""

from __future__ import annotations

MULTILINE_UNICODE = (
    "Shift ended late again.\n"
    "Ça va — not really. Ärger, Müdigkeit, 疲れた, تعب.\n"
    "\tTabbed line with emoji 🌧️➡️🌤️ and a zero-width joiner 👩‍⚕️\n"
    "\n"
    "Last line without newline: ẞ ǅ ﬁ"
)

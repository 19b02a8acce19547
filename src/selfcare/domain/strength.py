"""Passphrase strength, from zxcvbn, in plain words. Advice, never a refusal."""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

ZXCVBN_LIMIT = 72
"""zxcvbn raises on longer inputs; anything that long is strong anyway."""

LABELS = ("Very easy to guess", "Easy to guess", "Fair", "Strong", "Very strong")
WEAK_BELOW = 3


@dataclass(frozen=True)
class Strength:
    """A score 0-4, its label and one line of advice."""

    score: int
    label: str
    advice: str

    @property
    def weak(self) -> bool:
        """Weak passphrases need a second confirmation (never refused)."""
        return self.score < WEAK_BELOW


def strength(passphrase: str) -> Strength:
    """Rate a passphrase (only its first 72 characters are looked at)."""
    if not passphrase:
        return Strength(0, LABELS[0], "A few unrelated words make a strong passphrase.")
    result = zxcvbn(passphrase[:ZXCVBN_LIMIT])
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    advice = str(feedback.get("warning") or "")
    suggestions = feedback.get("suggestions") or []
    if not advice and suggestions:
        advice = str(suggestions[0])
    if not advice:
        advice = (
            "Good. Keep it somewhere only you can find."
            if score >= WEAK_BELOW
            else "Adding another unrelated word makes it much harder to guess."
        )
    return Strength(score, LABELS[score], advice)

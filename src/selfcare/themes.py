"""Two calm themes: a dark and a light one, both readable without relying on colour."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="selfcare-dark",
    primary="#7FA7C9",
    secondary="#9DB8A0",
    accent="#C9B27F",
    warning="#D9A25F",
    error="#D98080",
    success="#8FBF8F",
    foreground="#E2E4E6",
    background="#1E2328",
    surface="#262C33",
    panel="#2E353D",
    dark=True,
)

LIGHT = Theme(
    name="selfcare-light",
    primary="#2F5F8A",
    secondary="#4F7A55",
    accent="#8A6A2F",
    warning="#9A5B12",
    error="#A33A3A",
    success="#2F6F3F",
    foreground="#1F2328",
    background="#F6F4EF",
    surface="#FFFFFF",
    panel="#E8E4DA",
    dark=False,
)

THEMES = (DARK, LIGHT)

"""The site's colours, and the contrast ratios they are held to (WCAG 2.1, level AA).

The stylesheet uses only the custom properties of :data:`PALETTE` (``var(--text)`` …); the
``:root`` block that defines them is written from this table, so the colours that are tested are
the colours that are shipped.
"""

from __future__ import annotations

__all__ = [
    "GRAPHIC_PAIRS",
    "PALETTE",
    "TEXT_PAIRS",
    "contrast",
    "css_variables",
    "luminance",
]

PALETTE: dict[str, str] = {
    "text": "#1b1f24",
    "muted": "#4f5862",
    "background": "#ffffff",
    "surface": "#f4f6f8",
    "border": "#d3d9df",
    "rule": "#8a949e",
    "accent": "#0b5775",
    "accent-strong": "#073f56",
    "accent-soft": "#e2eef3",
    "header": "#0b3a4f",
    "header-text": "#ffffff",
    "header-muted": "#c9dde6",
    "ongoing": "#1d6d8a",
    "due": "#a04a00",
    "due-soft": "#fbe8d6",
    "period": "#eef3f6",
    "organiser": "#0b5775",
    "member": "#55717f",
    "optional": "#8a5a00",
    "error": "#a3231a",
    "error-soft": "#fbeaea",
    "warning": "#7a4a00",
    "warning-soft": "#fcf0d9",
    "info": "#1d4f91",
    "info-soft": "#e6eef8",
    "focus": "#1b1f24",
    "focus-halo": "#ffd23f",
}
"""Every colour of the site, by the name of its CSS custom property."""

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "accent-soft"),
    ("text", "period"),
    ("text", "due-soft"),
    ("muted", "background"),
    ("muted", "surface"),
    ("muted", "period"),
    ("accent", "background"),
    ("accent", "surface"),
    ("accent", "accent-soft"),
    ("accent-strong", "background"),
    ("accent-strong", "accent-soft"),
    ("header-text", "header"),
    ("header-muted", "header"),
    ("header", "background"),
    ("background", "accent"),
    ("ongoing", "background"),
    ("due", "background"),
    ("due", "due-soft"),
    ("organiser", "accent-soft"),
    ("optional", "background"),
    ("optional", "surface"),
    ("member", "background"),
    ("error", "error-soft"),
    ("error", "background"),
    ("warning", "warning-soft"),
    ("warning", "background"),
    ("info", "info-soft"),
    ("info", "background"),
    ("text", "focus-halo"),
)
"""Text colour on background colour: each pair is used for text and needs 4.5:1."""

GRAPHIC_PAIRS: tuple[tuple[str, str], ...] = (
    ("focus", "background"),
    ("focus", "surface"),
    ("focus-halo", "header"),
    ("ongoing", "period"),
    ("due", "period"),
    ("rule", "background"),
    ("organiser", "background"),
    ("member", "background"),
    ("optional", "background"),
)
"""Graphics (bars, markers, focus rings, the lines of the network): 3:1 is enough (1.4.11)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The relative luminance of a ``#rrggbb`` colour, as WCAG defines it."""
    digits = colour.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(foreground: str, background: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_variables() -> str:
    """The ``:root`` block that defines every colour of :data:`PALETTE`."""
    lines = "".join(f"  --{name}: {value};\n" for name, value in PALETTE.items())
    return f":root {{\n{lines}}}\n"

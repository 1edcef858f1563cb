"""The site's colours: checked for contrast, written as the CSS variables Material reads."""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
DEFAULT_COLOURS = {"primary": "#12436D", "accent": "#801650"}
#: WCAG 2.2 1.4.3: normal text needs 4.5:1. Primary is the header behind white text; accent is
#: used for links on hover and for focus rings on white.
MINIMUM_CONTRAST = 4.5


def _channel(value: int) -> float:
    scaled = value / 255
    return scaled / 12.92 if scaled <= 0.03928 else ((scaled + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Return the relative luminance of a #RRGGBB colour, as WCAG defines it."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(colour: str, other: str, share: float) -> str:
    channels = []
    for i in (1, 3, 5):
        a, b = int(colour[i:i + 2], 16), int(other[i:i + 2], 16)
        channels.append(round(a + (b - a) * share))
    return "#" + "".join(f"{c:02x}" for c in channels)


def colour_problems(colours: dict[str, str]) -> list[str]:
    """Return what is wrong with the configured colours, one sentence each."""
    problems = []
    for name, value in colours.items():
        if name not in DEFAULT_COLOURS:
            problems.append(f"unknown colour '{name}' (use primary and accent)")
        elif not isinstance(value, str) or not HEX.match(value):
            problems.append(f"{name} colour '{value}' is not written as #RRGGBB")
        elif contrast(value, WHITE) < MINIMUM_CONTRAST:
            problems.append(f"{name} colour {value} has a contrast of "
                            f"{contrast(value, WHITE):.1f}:1 with white; it needs "
                            f"{MINIMUM_CONTRAST}:1 for text to be readable")
    return problems


def colours_css(colours: dict[str, str]) -> str:
    """Return the light-scheme colour variables for Material, from the site settings."""
    chosen = {**DEFAULT_COLOURS, **colours}
    primary, accent = chosen["primary"].lower(), chosen["accent"].lower()
    return (
        "/* Written by the generator from extra.generator.colours in mkdocs.yml: edit it there. */\n"
        "/* The header keeps the primary colour in both schemes. */\n"
        "[data-md-color-scheme] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {_mix(primary, WHITE, 0.15)};\n"
        f"  --md-primary-fg-color--dark: {_mix(primary, '#000000', 0.35)};\n"
        "}\n"
        "/* Links on hover and focus rings; dark mode keeps its own lighter accent (site.css). */\n"
        "[data-md-color-scheme=\"default\"] {\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {accent}1a;\n"
        "}\n"
    )

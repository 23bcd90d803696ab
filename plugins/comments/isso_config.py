"""Fill in the Isso configuration template (comments/isso.cfg.in), as a pure function.

The same template serves `invoke comments` (a local server for previews) and
`invoke comments-config` (the production file), so what is previewed is what runs.
Placeholders are written `@name@`: Isso itself expands `$VAR` in values from the
environment, so the template cannot use `$` for its own placeholders, and a value
containing `$` or a line break would be read by Isso as something else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"@([a-z_]+)@")


class ConfigError(ValueError):
    """A value that cannot go into Isso's configuration as given."""


def config_value(value: object) -> str:
    """One option value as Isso reads it: booleans as true/false, lists one per line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        items = [config_value(v) for v in value]
        return "".join(f"\n    {item}" for item in items)
    text = "" if value is None else str(value)
    if "\n" in text or "\r" in text:
        raise ConfigError(f"{text!r}: a line break would end the option early")
    if "$" in text:
        raise ConfigError(f"{text!r}: Isso would read '$' as an environment variable")
    return text


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))


def render(template: str, values: Mapping[str, object]) -> str:
    """The template with every `@name@` replaced; any placeholder left unfilled is an error."""
    missing = placeholders(template) - set(values)
    if missing:
        raise ConfigError(f"no value for {', '.join(sorted(missing))}")
    return _PLACEHOLDER.sub(lambda m: config_value(values[m.group(1)]), template)

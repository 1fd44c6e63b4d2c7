"""Reading one setting: whole numbers, flags, choices, lists and rates, each refused by name."""


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


def read_int(env, name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def read_choice(env, name: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name) or choices[0]
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def read_bool(env, name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true or false), got {raw!r}")


def read_int_list(env, name: str, default: list[int]) -> list[int]:
    raw = env.get(name)
    if raw in (None, ""):
        return list(default)
    try:
        return [int(part) for part in raw.split(",")]
    except ValueError as exc:
        raise ConfigError(f"{name} must be whole numbers separated by commas, got {raw!r}") from exc


def read_rate(env, name: str, default: str) -> str:
    """A Flask-Limiter rate such as "10/hour" or "5 per minute;100 per day"."""
    from limits import parse_many

    raw = env.get(name) or default
    try:
        parse_many(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a rate such as 10/hour, got {raw!r}") from exc
    return raw

"""How account details are shown to someone who should not see them whole."""


def masked_email(address: str | None) -> str | None:
    """w***@example.cn: enough for the regulator to say where a code went, not the address."""
    if not address or "@" not in address:
        return None
    local, domain = address.split("@", 1)
    return f"{local[:1]}***@{domain}"

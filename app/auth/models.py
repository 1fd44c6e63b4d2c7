"""Accounts: enterprises, users of every role, revoked tokens and login attempts."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.db import Base, UtcDateTime, utcnow
from app.reference.codes import county_of_uscc

ENTERPRISE, REGULATOR, ASSOCIATION, ADMIN = "enterprise", "regulator", "association", "admin"
ROLES = (ENTERPRISE, REGULATOR, ASSOCIATION, ADMIN)
STAFF_ROLES = (REGULATOR, ASSOCIATION, ADMIN)
SIZES = ("large", "medium", "small", "micro")
# What a service token may read (the routes of each: app/auth/service_tokens.py).
SERVICE_SCOPES = ("assessments:read", "aggregates:read", "exports:read")
# Who is behind an enterprise account (docs/identity.md): nobody has checked yet; its region's
# regulator checked it; the regulator refused it; its USCC was reassigned to the real company.
UNVERIFIED, VERIFIED, REFUSED, RELEASED = "unverified", "verified", "refused", "released"
VERIFICATION_STATES = (UNVERIFIED, VERIFIED, REFUSED, RELEASED)


class Enterprise(Base):
    """A company, identified by its 统一社会信用代码; its region is a Hebei reporting unit."""

    __tablename__ = "enterprises"
    __table_args__ = (
        CheckConstraint("size IN ('large', 'medium', 'small', 'micro')", name="size"),
        CheckConstraint(
            "verification IN ('unverified', 'verified', 'refused', 'released')",
            name="verification",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None once reassigned to the real company (the code then lives on in released_uscc).
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    # A reporting unit code (a city, 辛集, 定州 or 雄安), never a county.
    region: Mapped[str] = mapped_column(String(6), index=True)
    # The county: the division code in the USCC (characters 3–8), a renamed county followed to
    # its successor (app/reference/codes.py county_code); set with the USCC, kept when the USCC
    # is released; None for a code outside Hebei. A county regulator's scope, the queue's filter
    # and the dashboard's county tiles all read this column.
    county: Mapped[str | None] = mapped_column(String(6), index=True)
    # A GB/T 4754-2017 class with its section letter, e.g. C1772.
    industry: Mapped[str] = mapped_column(String(5), index=True)
    size: Mapped[str] = mapped_column(String(8))
    contact_name: Mapped[str] = mapped_column(String(50))
    contact_phone: Mapped[str] = mapped_column(String(11))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    # The region was given, not derived from a Hebei USCC: a regulator should confirm it.
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    verification: Mapped[str] = mapped_column(
        String(10), default=UNVERIFIED, server_default=UNVERIFIED, index=True
    )
    # The name the regulator checked (the business licence's), shown instead of the declared one.
    verified_name: Mapped[str | None] = mapped_column(String(100))
    # What the regulator recorded: how it checked, or why it refused or reassigned.
    verification_note: Mapped[str | None] = mapped_column(String(500))
    # The deciding regulator's user id; no foreign key, which would give users and enterprises
    # a second join path (User.enterprise) and a cycle between the tables; the audit log has it.
    verification_by: Mapped[int | None] = mapped_column(Integer)
    verification_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    released_uscc: Mapped[str | None] = mapped_column(String(18), index=True)

    @property
    def verified(self) -> bool:
        return self.verification == VERIFIED

    @validates("uscc")
    def _set_county(self, _key: str, uscc: str | None) -> str | None:
        # Every ORM path that gives an enterprise its code gives it its county (a bulk Core
        # insert sets the column itself); a released code (None) leaves the county as it was.
        if uscc is not None:
            self.county = county_of_uscc(uscc)
        return uscc


class User(Base):
    """Anyone who signs in; an enterprise user's username is its USCC."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('enterprise', 'regulator', 'association', 'admin')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(String(100))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), unique=True)
    # Regulators: 130000 (the whole province), a reporting unit code or a Hebei county code.
    jurisdiction: Mapped[str | None] = mapped_column(String(6))
    # Associations: GB/T 4754-2017 codes at any level, with the section letter (C, C17, C1772).
    industries: Mapped[list[str] | None] = mapped_column(JSON)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Set with a temporary password (an administrator made the account): nothing but changing
    # it is allowed until it is changed (app/auth/tokens.py).
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Every token carries the generation it was issued in (claim `gen`); raising it ends every
    # session of the account at once: a password change or reset, disabling.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)

    enterprise: Mapped[Enterprise | None] = relationship(lazy="joined")


class RevokedToken(Base):
    """A token that must no longer be accepted; kept until it would have expired anyway."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(String(36), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class LoginAttempt(Base):
    """A sign-in attempt being checked (failed False) or that failed; successes are deleted.

    Kept in the database so that every gunicorn worker counts the same attempts.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_created_at", "username", "created_at"),
        Index("ix_login_attempts_address_created_at", "address", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(45))
    failed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)


class ServiceToken(Base):
    """A named, scoped, read-only token of an integration; no person stands behind it.

    Only a SHA-256 hash of the token is kept (the token is shown once, when issued): the token
    is 256 random bits, so a fast hash suffices where a password would need Argon2.
    """

    __tablename__ = "service_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Scopes (app/auth/service_tokens.py SCOPES) and the region whose data it may read.
    scopes: Mapped[list[str]] = mapped_column(JSON)
    jurisdiction: Mapped[str] = mapped_column(String(6))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

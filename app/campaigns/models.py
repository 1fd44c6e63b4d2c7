"""A campaign, the questionnaires it asks for, and its roll of expected enterprises."""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UtcDateTime, utcnow

ACCEPT, REFUSE = "accept", "refuse"
LATE_POLICIES = (ACCEPT, REFUSE)


class Campaign(Base):
    """A regulator's yearly call to file, inside its jurisdiction, open between two days."""

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("late_policy IN ('accept', 'refuse')", name="late_policy"),
        CheckConstraint("closes_on >= opens_on", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    # 130000, a reporting unit or a county: the creator's jurisdiction when it was created.
    jurisdiction: Mapped[str] = mapped_column(String(6), index=True)
    # Calendar days in Hebei: open from the start of opens_on to the end of closes_on.
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    late_policy: Mapped[str] = mapped_column(String(8), default=ACCEPT)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    questionnaires: Mapped[list["CampaignQuestionnaire"]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="CampaignQuestionnaire.position"
    )

    @property
    def questionnaire_keys(self) -> list[str]:
        return [item.questionnaire_key for item in self.questionnaires]


class CampaignQuestionnaire(Base):
    """One questionnaire a campaign asks every enterprise on its roll to file."""

    __tablename__ = "campaign_questionnaires"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    questionnaire_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class RollEntry(Base):
    """An enterprise expected to file, as the roll named it; matched to accounts by USCC."""

    __tablename__ = "roll_entries"
    __table_args__ = (
        UniqueConstraint("campaign_id", "uscc"),
        # An enterprise's home screen looks its campaigns up by its USCC.
        Index("ix_roll_entries_uscc", "uscc"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    uscc: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(100))
    # The GB/T 2260 code in the USCC (characters 3–8): the county or district that registered it.
    division: Mapped[str] = mapped_column(String(6))
    region: Mapped[str] = mapped_column(String(6))  # the reporting unit the division rolls up to
    industry: Mapped[str] = mapped_column(String(5))
    size: Mapped[str | None] = mapped_column(String(8))
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    row: Mapped[int] = mapped_column(Integer)  # the row of the file it came from
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

"""Plain data for mat sessions: no Home Assistant imports, so it is easy to test."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(kw_only=True, slots=True)
class Session:
    """A session that is running or paused.

    The end is derived from the start, the plan and the pauses, so nothing has to
    be kept in step while the countdown runs.
    """

    id: str
    started_at: datetime
    planned_minutes: int
    body_area: str
    paused_seconds: float = 0.0
    paused_at: datetime | None = None
    dim_lights: bool = True
    announce: bool = True
    room: dict[str, Any] = field(default_factory=dict)

    @property
    def paused(self) -> bool:
        """Whether the session is paused."""
        return self.paused_at is not None

    @property
    def ends_at(self) -> datetime:
        """When the session ends if it keeps running (pauses move it)."""
        return self.started_at + timedelta(
            minutes=self.planned_minutes, seconds=self.paused_seconds
        )

    def active_seconds(self, now: datetime) -> float:
        """Seconds on the mat so far, pauses excluded."""
        until = self.paused_at or now
        return max(0.0, (until - self.started_at).total_seconds() - self.paused_seconds)

    def remaining_seconds(self, now: datetime) -> float:
        """Seconds of active time left in the plan."""
        return max(0.0, self.planned_minutes * 60 - self.active_seconds(now))

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store."""
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "planned_minutes": self.planned_minutes,
            "body_area": self.body_area,
            "paused_seconds": self.paused_seconds,
            "paused_at": self.paused_at.isoformat() if self.paused_at else None,
            "dim_lights": self.dim_lights,
            "announce": self.announce,
            "room": self.room,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Read back what as_dict wrote."""
        return cls(
            id=data["id"],
            started_at=datetime.fromisoformat(data["started_at"]),
            planned_minutes=int(data["planned_minutes"]),
            body_area=data["body_area"],
            paused_seconds=float(data.get("paused_seconds", 0.0)),
            paused_at=_dt(data.get("paused_at")),
            dim_lights=bool(data.get("dim_lights", True)),
            announce=bool(data.get("announce", True)),
            room=dict(data.get("room") or {}),
        )


@dataclass(kw_only=True, slots=True)
class SleepNight:
    """What the sleep sensors reported for the night after an evening."""

    duration_minutes: float | None = None
    score: float | None = None
    latency_minutes: float | None = None
    onset: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store (by hand: asdict is slow for a long log)."""
        return {
            "duration_minutes": self.duration_minutes,
            "score": self.score,
            "latency_minutes": self.latency_minutes,
            "onset": self.onset,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SleepNight:
        """Read back what as_dict wrote."""
        return cls(
            duration_minutes=data.get("duration_minutes"),
            score=data.get("score"),
            latency_minutes=data.get("latency_minutes"),
            onset=data.get("onset"),
        )


@dataclass(kw_only=True, slots=True)
class SessionRecord:
    """A logged session."""

    id: str
    started_at: datetime
    ended_at: datetime
    planned_minutes: int
    active_minutes: float
    body_area: str
    outcome: str
    ended_while_offline: bool = False
    rating: int | None = None
    notes: str | None = None
    sleep: SleepNight | None = None

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store and for action responses."""
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "planned_minutes": self.planned_minutes,
            "active_minutes": self.active_minutes,
            "body_area": self.body_area,
            "outcome": self.outcome,
            "ended_while_offline": self.ended_while_offline,
            "rating": self.rating,
            "notes": self.notes,
            "sleep": self.sleep.as_dict() if self.sleep else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionRecord:
        """Read back what as_dict wrote."""
        sleep = data.get("sleep")
        return cls(
            id=data["id"],
            started_at=datetime.fromisoformat(data["started_at"]),
            ended_at=datetime.fromisoformat(data["ended_at"]),
            planned_minutes=int(data["planned_minutes"]),
            active_minutes=float(data["active_minutes"]),
            body_area=data["body_area"],
            outcome=data["outcome"],
            ended_while_offline=bool(data.get("ended_while_offline", False)),
            rating=data.get("rating"),
            notes=data.get("notes"),
            sleep=SleepNight.from_dict(sleep) if sleep else None,
        )


@dataclass(kw_only=True, slots=True)
class MatSettings:
    """What the user set for the next session."""

    # None until the user picks a length: the next session is the recommended one.
    duration: int | None
    body_area: str
    bedtime: str

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store."""
        return asdict(self)

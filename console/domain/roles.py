"""Accounts and roles: who may take which step (issue 14), as a pure table.

Roles of the command room:

- ``officer`` (值班员): works the queue — claims, files, rejects, merges, dispatches, escalates, blows
  the whistle, resumes, verifies, reopens;
- ``supervisor`` (值班长): everything an officer does, and approves 延期/挂起 (suspend), issues 督办
  (supervise), takes over another seat's claim, sees every seat;
- ``trainer`` (培训员): read-only on a live room; on a database marked ``training`` may do everything;
- ``wall`` (大屏): read-only.

:func:`refusal` answers "may this account take this step here?" with ``None`` or the
:class:`~console.domain.decisions.Refused` to raise; the decision service asks it before every
commit and the views ask :func:`may` to hide or disable what the role cannot do, so both say the
same. Steps done by the system on the seat's behalf (automatic escalation on a breach) follow the
seat: allowed on a seat that may write at all. The lockout rule for repeated failed logins is here
too (:func:`after_failure`). Pure Python: no store, no clock, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from console.domain.decisions import ACTIONS_ZH, ROLES_ZH, Refused


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    TRAINER = "trainer"
    WALL = "wall"


ROLE_ZH: dict[Role, str] = {role: ROLES_ZH[role.value] for role in Role}
STEP_ZH: dict[str, str] = ACTIONS_ZH  # the steps of the decision service (plan kinds) and their names
OFFICER_STEPS = frozenset({
    "claim", "file", "reject", "merge", "dispatch", "dispatch_failed", "escalate", "whistle", "resume",
    "verify_pass", "verify_fail", "reopen", "broadcast", "log", "link_return", "link_outcome",
})
SUPERVISOR_STEPS = OFFICER_STEPS | {"supervise", "suspend", "takeover"}
ALL_STEPS = frozenset(STEP_ZH)

# lockout after repeated failed logins (defaults of the settings accounts.max_failures / .lockout_minutes)
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Account:
    """A signed-in (or listed) account: login, display name and role."""

    login: str
    name: str
    role: Role

    @property
    def label(self) -> str:
        """"张三（值班员）" — how the room names the account."""
        return f"{self.name}（{ROLE_ZH[self.role]}）"


def step_of(kind: str) -> str:
    """The permission step of a decision-service plan kind (log-only kinds are ``log``)."""
    return kind if kind in ALL_STEPS else "log"


def allowed_steps(role: Role, *, training: bool) -> frozenset[str]:
    """The steps ``role`` may take on a live room (``training=False``) or a training database."""
    if role is Role.SUPERVISOR:
        return SUPERVISOR_STEPS
    if role is Role.OFFICER:
        return OFFICER_STEPS
    if role is Role.TRAINER and training:
        return SUPERVISOR_STEPS
    return frozenset()


def may(role: Role | None, kind: str, *, training: bool = False) -> bool:
    """Whether ``role`` may take the step ``kind``; ``None`` (no sign-in: a headless tool) may."""
    if role is None:
        return True
    return step_of(kind) in allowed_steps(role, training=training)


def writes_at_all(role: Role | None, *, training: bool = False) -> bool:
    """Whether the seat writes anything (automatic steps included): not a wall, not a trainer on a live room."""
    return role is None or bool(allowed_steps(role, training=training))


def refusal(role: Role | None, kind: str, *, training: bool = False, automatic: bool = False) -> Refused | None:
    """``None`` when ``role`` may take the step, else the refusal to raise (Chinese text, a key)."""
    step = step_of(kind)
    if role is None:
        return None
    if role is Role.WALL:
        return Refused("role_read_only", role=role.value, action=step)
    if role is Role.TRAINER and not training:
        return Refused("trainer_live", action=step)
    if automatic or step in allowed_steps(role, training=training):
        return None
    return Refused("role_forbidden", role=role.value, action=step)


def after_failure(failed_attempts: int, now: datetime, *, max_failures: int = MAX_FAILURES,
                  lockout: timedelta = LOCKOUT) -> tuple[int, datetime | None]:
    """(failed attempts to store, locked until) after one more wrong password: the ``max_failures``-th
    in a row locks the account for ``lockout`` and starts the count again."""
    failed = failed_attempts + 1
    if failed >= max_failures:
        return 0, now + lockout
    return failed, None

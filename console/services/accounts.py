"""Accounts and signing in (issue 14): passwords hashed with argon2id (argon2-cffi), a lockout after
repeated failures, the training flag of a database, and the embedded demo's officer.

The login rules: an unknown login, a disabled account and a locked one are refused before the
password is checked (a locked account stays locked whatever is typed); a wrong password counts a
failure and the ``max_failures``-th in a row locks the account for ``lockout_minutes`` (settings
``accounts.max_failures`` / ``accounts.lockout_minutes``, defaults 5 and 5); a right one clears the
count. Refusals are :class:`LoginRefused` with a ``key``, ``params`` and the Chinese text.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from console.domain.event import utcnow
from console.domain.roles import LOCKOUT, MAX_FAILURES, Account, Role, after_failure
from console.store.accounts import AccountExists, AccountRow

log = logging.getLogger(__name__)

LOGIN_RE = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PASSWORD = 8
TRAINING_KEY = "training"  # settings: this database is a training database (trainers may write)
DEMO_LOGIN = "demo"
DEMO_NAME = "演示值班员"

LOGIN_REFUSALS_ZH = {
    "unknown": "账号不存在",
    "wrong_password": "密码错误",
    "disabled": "账号已停用",
    "locked": "账号已锁定至 {until_hm}",
    "no_accounts": "该数据库中还没有账号，请先用 python main.py users add 创建",
}


class LoginRefused(Exception):
    """A sign-in refused; ``str()`` is the Chinese text, ``key``/``params`` word it elsewhere."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(LOGIN_REFUSALS_ZH[key].format(**params))
        self.key = key
        self.params = params


class AccountError(ValueError):
    """Bad input to an account command (login, name, role, password): the message says what."""


class AccountService:
    def __init__(self, store: Any, *, clock: Callable[[], datetime] = utcnow, tz: str = "Asia/Shanghai",
                 hasher: PasswordHasher | None = None) -> None:
        self.store = store
        self.repo = store.accounts
        self.clock = clock
        self.tz = ZoneInfo(tz)
        self.hasher = hasher or PasswordHasher()

    # ---- settings -------------------------------------------------------------------------------------
    def policy(self) -> tuple[int, timedelta]:
        s = self.store.settings
        failures = int(s.get("accounts.max_failures", MAX_FAILURES) or MAX_FAILURES)
        minutes = float(s.get("accounts.lockout_minutes", LOCKOUT.total_seconds() / 60) or 0)
        return max(1, failures), timedelta(minutes=max(0.0, minutes))

    def is_training(self) -> bool:
        return bool(self.store.settings.get(TRAINING_KEY, False))

    def set_training(self, on: bool) -> None:
        self.store.settings.set(TRAINING_KEY, bool(on))

    # ---- administration -------------------------------------------------------------------------------
    @staticmethod
    def check_password(password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password too short: at least {MIN_PASSWORD} characters")

    def add(self, login: str, name: str, role: Role | str, password: str) -> None:
        if not LOGIN_RE.match(login or ""):
            raise AccountError(f"login {login!r}: 1–64 characters of A–Z a–z 0–9 . _ @ -")
        name = (name or "").strip()
        if not name:
            raise AccountError("display name is empty")
        try:
            role = Role(role)
        except ValueError:
            raise AccountError(f"role {role!r}: one of {', '.join(r.value for r in Role)}") from None
        self.check_password(password)
        self.repo.add(login, name, role, self.hasher.hash(password), self.clock())
        log.info("account %s (%s, %s) added", login, name, role)

    def set_password(self, login: str, password: str) -> None:
        self.check_password(password)
        self.repo.update(login, password_hash=self.hasher.hash(password), failed_attempts=0, locked_until=None)
        log.info("password of account %s changed", login)

    def set_disabled(self, login: str, disabled: bool) -> None:
        values: dict[str, object] = {"disabled": disabled}
        if not disabled:
            values.update(failed_attempts=0, locked_until=None)
        self.repo.update(login, **values)
        log.info("account %s %s", login, "disabled" if disabled else "enabled")

    def list(self) -> list[AccountRow]:
        return self.repo.list()  # type: ignore[no-any-return]

    # ---- signing in -----------------------------------------------------------------------------------
    def authenticate(self, login: str, password: str) -> Account:
        """The account, or :class:`LoginRefused` (unknown, disabled, locked, wrong password)."""
        login = (login or "").strip()
        now = self.clock()
        row = self.repo.get(login)
        if row is None:
            if self.repo.count() == 0:
                raise LoginRefused("no_accounts")
            raise LoginRefused("unknown")
        if row.disabled:
            raise LoginRefused("disabled")
        if row.locked_until is not None and row.locked_until > now:
            raise self._locked(row.locked_until)
        if self._matches(row, password):
            self.repo.attempt(login, lambda r: self._on_success(r, password))
            log.info("account %s signed in", login)
            return Account(row.login, row.name, row.role)
        max_failures, lockout = self.policy()
        outcome: dict[str, Any] = {}

        def failed(r: AccountRow) -> dict[str, object]:
            count, until = after_failure(r.failed_attempts, now, max_failures=max_failures, lockout=lockout)
            outcome["until"] = until
            return {"failed_attempts": count, "locked_until": until}

        self.repo.attempt(login, failed)
        if outcome.get("until") is not None:
            log.warning("account %s locked until %s after %d failed logins", login, outcome["until"], max_failures)
            raise self._locked(outcome["until"])
        raise LoginRefused("wrong_password")

    def _locked(self, until: datetime) -> LoginRefused:
        return LoginRefused("locked", until=until, until_hm=until.astimezone(self.tz).strftime("%H:%M"))

    def _matches(self, row: AccountRow, password: str) -> bool:
        try:
            return bool(self.hasher.verify(row.password_hash, password))
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError) as exc:
            log.error("account %s: stored password hash unusable (%s)", row.login, exc)
            return False

    def _on_success(self, row: AccountRow, password: str) -> dict[str, object]:
        values: dict[str, object] = {}
        if row.failed_attempts or row.locked_until is not None:
            values.update(failed_attempts=0, locked_until=None)
        if self.hasher.check_needs_rehash(row.password_hash):
            values["password_hash"] = self.hasher.hash(password)
        return values

    def has_accounts(self) -> bool:
        """Whether anyone besides the demo officer can sign in (then the login dialog is shown)."""
        return any(r.login != DEMO_LOGIN for r in self.repo.list())

    def demo_account(self) -> Account:
        """The embedded demo's officer (created on first use with a random password nobody types):
        the demo signs in with it without a dialog."""
        row = self.repo.get(DEMO_LOGIN)
        if row is None:
            try:
                self.repo.add(DEMO_LOGIN, DEMO_NAME, Role.OFFICER, self.hasher.hash(secrets.token_urlsafe(24)),
                              self.clock())
                return Account(DEMO_LOGIN, DEMO_NAME, Role.OFFICER)
            except AccountExists:  # seats starting together: another made it first
                row = self.repo.get(DEMO_LOGIN)
                if row is None:
                    raise
        return Account(row.login, row.name, row.role)

"""The urgent-event alert: a short tone (a WAV generated once into the cache dir) with a mute switch."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal

SAMPLE_RATE = 22050


def write_alert_wav(path: Path, *, freq: float = 880.0, seconds: float = 0.35, volume: float = 0.4) -> Path:
    """Write a two-pulse sine tone (16-bit mono) with short fades; returns ``path``."""
    n = int(SAMPLE_RATE * seconds)
    fade = int(SAMPLE_RATE * 0.01)
    frames = bytearray()
    for i in range(n):
        pulse = 1.0 if int(i * 4 / n) % 2 == 0 else 0.0  # on, off, on, off
        env = min(1.0, i / fade, (n - i) / fade) * pulse
        frames += struct.pack(
            "<h", int(32767 * volume * env * math.sin(2 * math.pi * freq * i / SAMPLE_RATE))
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(bytes(frames))
    return path


def alert_wav_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or ".") / "sounds" / "urgent.wav"


class UrgentAlert(QObject):
    """Plays the alert tone unless muted. The sound device is opened lazily on the first play."""

    mutedChanged = Signal(bool)
    played = Signal()

    def __init__(
        self, *, muted: bool = False, wav: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._muted = muted
        self._wav = wav
        self._effect: QObject | None = None
        self._unavailable = False

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        if muted != self._muted:
            self._muted = muted
            self.mutedChanged.emit(muted)

    def wav_path(self) -> Path:
        if self._wav is None or not self._wav.is_file():
            self._wav = write_alert_wav(self._wav or alert_wav_path())
        return self._wav

    def play(self) -> bool:
        """Play the tone; False when muted or when no audio output exists."""
        if self._muted or self._unavailable:
            return False
        if self._effect is None:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if QMediaDevices.defaultAudioOutput().isNull():
                self._unavailable = True
                return False
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(self.wav_path())))
            effect.setVolume(0.6)
            self._effect = effect
        self._effect.play()  # type: ignore[attr-defined]
        self.played.emit()
        return True

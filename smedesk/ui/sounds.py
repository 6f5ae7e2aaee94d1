"""A distinct sound per scan outcome. PySide6-Essentials has no QtMultimedia,
so short WAV tones are synthesized once into the temp folder and played
without blocking: winsound on Windows, paplay/aplay/afplay elsewhere; the
system beep when none is there."""

from __future__ import annotations

import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

RATE = 22050
# outcome → notes (frequency Hz, seconds)
TONES = {
    "counted": [(880, 0.08), (1320, 0.12)],
    "already": [(660, 0.18)],
    "previous": [(330, 0.15), (0, 0.05), (330, 0.15)],
    "unknown": [(220, 0.35)],
    "cancelled": [(440, 0.12), (0, 0.04), (262, 0.25)],
    "other": [(294, 0.25)],
    "info": [(1046, 0.06)],
    "wrong_step": [(392, 0.1), (0, 0.04), (523, 0.1), (0, 0.04), (392, 0.1)],
    "foreign": [(784, 0.12), (523, 0.12), (262, 0.3)],
}


def synthesize(path: Path, notes: list[tuple[int, float]]) -> Path:
    frames = bytearray()
    for freq, seconds in notes:
        count = int(RATE * seconds)
        for n in range(count):
            fade = min(1.0, n / 200, (count - n) / 200)
            value = 0.0 if freq == 0 else math.sin(2 * math.pi * freq * n / RATE) * 0.5 * fade
            frames += struct.pack("<h", int(value * 32767))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return path


class Sounds:
    """`play(outcome)` never blocks the station and never raises."""

    def __init__(self, folder: Path | None = None, enabled: bool | None = None):
        self.enabled = (os.environ.get("QT_QPA_PLATFORM") != "offscreen") if enabled is None else enabled
        self.folder = Path(folder or tempfile.gettempdir()) / "smedesk-sounds"
        self.files: dict[str, Path] = {}
        self.player = self._find_player()

    def _find_player(self) -> list[str] | None:
        if sys.platform == "win32":
            return ["winsound"]
        for name, args in (("paplay", []), ("aplay", ["-q"]), ("afplay", [])):
            found = shutil.which(name)
            if found:
                return [found, *args]
        return None

    def file(self, outcome: str) -> Path:
        if outcome not in self.files:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.files[outcome] = synthesize(self.folder / f"{outcome}.wav", TONES.get(outcome, TONES["other"]))
        return self.files[outcome]

    def play(self, outcome: str) -> None:
        if not self.enabled:
            return
        try:
            path = self.file(outcome)
            if self.player == ["winsound"]:
                import winsound

                winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            elif self.player:
                subprocess.Popen([*self.player, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            else:
                from PySide6.QtWidgets import QApplication

                QApplication.beep()
        except Exception:  # noqa: BLE001 - a missing sound never stops a scan
            pass

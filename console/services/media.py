"""Demo video clips: generated once with ffmpeg into ``<data dir>/media`` (issue 6, no Qt).

The demo district's cameras play short looping H.264 clips that the embedded hub serves over
HTTP at ``/media/<name>``. Nothing large is committed: :func:`ensure_demo_clips` renders a handful
of test patterns (640×360 @ 25 fps main stream, 320×180 sub stream) with a burned-in label and
running clock when a font is available, and :func:`demo_stream_urls` maps a camera id to one of
them, stably.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from console.domain.grid import Camera

log = logging.getLogger(__name__)

DATA_DIR_ENV = "GRID_CONSOLE_DATA_DIR"
MEDIA_SUBDIR = "media"

# (lavfi source, label) — cheap generators only (mandelbrot/life are slow to render)
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("testsrc2=size={w}x{h}:rate={fps}", "01"),
    ("smptebars=size={w}x{h}:rate={fps}", "02"),
    ("testsrc=size={w}x{h}:rate={fps}", "03"),
    ("rgbtestsrc=size={w}x{h}:rate={fps},hue=H=t", "04"),
    ("smptehdbars=size={w}x{h}:rate={fps}", "05"),
    ("yuvtestsrc=size={w}x{h}:rate={fps}", "06"),
)

_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class MediaError(RuntimeError):
    """ffmpeg is missing or failed to render a clip."""


@dataclass(frozen=True, slots=True)
class DemoClip:
    name: str  # e.g. "demo-01"
    main: Path  # 640×360
    sub: Path  # 320×180

    @property
    def files(self) -> tuple[Path, Path]:
        return (self.main, self.sub)


def default_data_dir() -> Path:
    """The console's data directory (``GRID_CONSOLE_DATA_DIR`` wins; tests always set it)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("grid-console", appauthor=False))


def media_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or default_data_dir()) / MEDIA_SUBDIR


def demo_clip_names(count: int = len(_PATTERNS)) -> list[str]:
    return [f"demo-{label}" for _src, label in _PATTERNS[:count]]


def find_font() -> str | None:
    for cand in _FONT_CANDIDATES:
        if Path(cand).is_file():
            return cand
    return None


def _filter_chain(source: str, label: str, w: int, h: int, fps: int, font: str | None) -> str:
    chain = source.format(w=w, h=h, fps=fps)
    if font is None:
        return chain
    size = max(10, h // 14)
    font_arg = font.replace(":", r"\:")
    # the label, and a clock running from the clip's timestamps (mm:ss.ms), boxed for legibility
    title = (
        f"drawtext=fontfile='{font_arg}':text='DEMO {label}':x=10:y=10:fontsize={size}:"
        "fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4"
    )
    clock = (
        f"drawtext=fontfile='{font_arg}':text='%{{pts\\:hms}}':x=w-tw-10:y=h-th-10:"
        f"fontsize={size}:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4"
    )
    return f"{chain},{title},{clock}"


def render_clip(
    path: Path,
    source: str,
    label: str,
    *,
    width: int,
    height: int,
    fps: int = 25,
    seconds: float = 8.0,
    ffmpeg: str = "ffmpeg",
    font: str | None = None,
    timeout: float = 120.0,
) -> Path:
    """Render one H.264 MP4 test pattern (1 s GOP, faststart) atomically to ``path``."""
    exe = shutil.which(ffmpeg)
    if exe is None:
        raise MediaError(f"ffmpeg not found ({ffmpeg!r}); install it (Debian: apt-get install ffmpeg)")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.part{path.suffix}")
    vf = _filter_chain(source, label, width, height, fps, font)
    cmd = [
        exe, "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", vf,
        "-t", f"{seconds:g}",
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-crf", "28",
        "-pix_fmt", "yuv420p", "-g", str(fps), "-keyint_min", str(fps), "-sc_threshold", "0",
        "-movflags", "+faststart", "-an",
        str(tmp),
    ]  # fmt: skip
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        tmp.unlink(missing_ok=True)
        raise MediaError(f"ffmpeg timed out rendering {path.name}") from exc
    if proc.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        raise MediaError(f"ffmpeg failed rendering {path.name}: {proc.stderr.strip()[-400:]}")
    os.replace(tmp, path)
    return path


def ensure_demo_clips(
    target_dir: Path | None = None,
    *,
    count: int = len(_PATTERNS),
    seconds: float = 8.0,
    fps: int = 25,
    main_size: tuple[int, int] = (640, 360),
    sub_size: tuple[int, int] = (320, 180),
    ffmpeg: str = "ffmpeg",
) -> list[DemoClip]:
    """Make sure the demo clips exist in ``target_dir`` (default ``<data dir>/media``).

    Existing files are kept, so only the first run pays (a few seconds). Blocking: call it from
    an executor when the GUI is up.
    """
    if not 1 <= count <= len(_PATTERNS):
        raise ValueError(f"count must be 1..{len(_PATTERNS)}")
    out = target_dir or media_dir()
    font = find_font()
    clips: list[DemoClip] = []
    for source, label in _PATTERNS[:count]:
        name = f"demo-{label}"
        clip = DemoClip(name, out / f"{name}.mp4", out / f"{name}-sub.mp4")
        for path, (w, h) in ((clip.main, main_size), (clip.sub, sub_size)):
            if not path.is_file() or path.stat().st_size == 0:
                log.info("rendering demo clip %s", path)
                render_clip(path, source, label, width=w, height=h, fps=fps, seconds=seconds,
                            ffmpeg=ffmpeg, font=font)  # fmt: skip
        clips.append(clip)
    return clips


def demo_clip_for(camera_id: str, count: int = len(_PATTERNS)) -> str:
    """The demo clip name a camera plays (stable across runs and machines)."""
    names = demo_clip_names(count)
    return names[zlib.crc32(camera_id.encode("utf-8")) % len(names)]


def demo_stream_urls(camera_id: str, base_url: str, count: int = len(_PATTERNS)) -> tuple[str, str]:
    """(main, sub) URLs of the clip a demo camera plays, served by the hub at ``base_url``/media/."""
    name = demo_clip_for(camera_id, count)
    base = base_url.rstrip("/")
    return (f"{base}/{MEDIA_SUBDIR}/{name}.mp4", f"{base}/{MEDIA_SUBDIR}/{name}-sub.mp4")


DEMO_SCHEME = "demo://"  # placeholder URLs of the demo district's cameras (resources/demo/cameras.json)


def _needs_demo(url: str | None) -> bool:
    return not url or url.startswith(DEMO_SCHEME)


def with_demo_streams(
    cameras: Iterable[Camera], base_url: str, *, overwrite: bool = False, count: int = len(_PATTERNS)
) -> list[Camera]:
    """Copies of ``cameras`` whose ``demo://`` or missing URLs (all URLs with ``overwrite``) point
    at the demo clips served by the hub at ``base_url`` (e.g. ``http://127.0.0.1:8765``)."""
    out: list[Camera] = []
    for cam in cameras:
        if overwrite or _needs_demo(cam.main_url) or _needs_demo(cam.sub_url):
            main, sub = demo_stream_urls(cam.id, base_url, count)
            cam = replace(
                cam,
                main_url=main if overwrite or _needs_demo(cam.main_url) else cam.main_url,
                sub_url=sub if overwrite or _needs_demo(cam.sub_url) else cam.sub_url,
                tags=list(cam.tags),
            )
        out.append(cam)
    return out

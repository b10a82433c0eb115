"""Video tiles against real streams served on 127.0.0.1 (issue 6 bars).

An ffmpeg process serves an H.264 clip as HTTP MPEG-TS; the tile must show frames, say "信号丢失"
with a countdown when the server dies, and recover by itself when it returns. Bad input
(unreachable, 404, garbage bytes, no decodable video) is reported in words while a good tile plays on.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from console.domain.grid import Camera
from console.services.media import render_clip
from console.widgets.video_tile import TileState, VideoTile

pytestmark = [
    pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg"),
    # the FFmpeg backend logs these as warnings when a source cannot be opened or has no GPU path
    pytest.mark.qt_log_ignore(
        r"Could not open media",
        r"No HW decoder found",
        r"No RHI backend",
        r"pipewire",
        r"Using Qt multimedia with FFmpeg",
        r"Unable to (open|init) (the )?(audio|output)",
        r"qt\.multimedia\..*",
        r"This plugin does not support raise\(\)",  # offscreen QPA: the video window container
    ),
]

WAIT = 15_000


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clips") / "cam.mp4"
    return render_clip(out, "testsrc2=size={w}x{h}:rate={fps}", "T", width=320, height=180, seconds=4)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TsServer:
    """``ffmpeg -re -stream_loop -1 -i clip -c copy -f mpegts -listen 1 http://127.0.0.1:PORT/cam.ts``."""

    def __init__(self, clip: Path) -> None:
        self.clip = clip
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/cam.ts"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["ffmpeg", "-hide_banner", "-loglevel", "quiet", "-re", "-stream_loop", "-1", "-i", str(self.clip),
             "-c", "copy", "-f", "mpegts", "-listen", "1", self.url],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None

    def is_listening(self) -> bool:
        """Look the socket up in /proc (connecting would use up ffmpeg's single -listen client)."""
        needle = f":{self.port:04X} "
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            if any(needle in ln.split(None, 3)[1] + " " and ln.split()[3] == "0A" for ln in lines):
                return True
        return False


@pytest.fixture
def ts_server(clip):
    server = TsServer(clip)
    yield server
    server.stop()


class _NotFound(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_error(404, "Not Found")

    def log_message(self, *_args) -> None:
        return


class _RangeFiles(http.server.SimpleHTTPRequestHandler):
    """Static files with single-range support (FFmpeg's MP4 demuxer seeks; without Range it fails)."""

    def do_GET(self) -> None:  # noqa: N802
        path = Path(self.translate_path(self.path))
        rng = self.headers.get("Range", "")
        if not path.is_file() or not rng.startswith("bytes="):
            super().do_GET()
            return
        data = path.read_bytes()
        first, _, last = rng[6:].partition("-")
        start = int(first or 0)
        end = min(int(last), len(data) - 1) if last else len(data) - 1
        body = data[start : end + 1]
        self.send_response(206)
        self.send_header("Content-Type", "video/mp4")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        return


@pytest.fixture
def http_404():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/missing.ts"
    srv.shutdown()
    srv.server_close()
    t.join(5)


def cam(cid: str, url: str, sub: str | None = None) -> Camera:
    return Camera(cid, f"测试{cid}", 31.0, 121.0, grid_id="g1", main_url=url, sub_url=sub)


def fast(tile: VideoTile) -> VideoTile:
    tile.retry_base_s = 0.3
    tile.retry_cap_s = 1.0
    tile.connect_timeout_s = 8.0
    tile.stall_timeout_s = 3.0
    return tile


def wait_state(qtbot, tile: VideoTile, state: TileState, timeout: int = WAIT) -> None:
    qtbot.waitUntil(lambda: tile.state is state, timeout=timeout)


def test_http_ts_plays_drops_and_recovers(qtbot, ts_server):
    ts_server.start()
    qtbot.waitUntil(ts_server.is_listening, timeout=5000)
    tile = fast(VideoTile())
    qtbot.addWidget(tile)
    tile.resize(320, 220)
    tile.show()
    tile.set_camera(cam("c1", ts_server.url))
    wait_state(qtbot, tile, TileState.LIVE)
    qtbot.waitUntil(lambda: tile.frames >= 10, timeout=WAIT)
    assert tile.current_frame() is not None

    ts_server.stop()  # the server dies mid-stream
    wait_state(qtbot, tile, TileState.LOST)
    text = tile.status_text()
    assert "信号丢失" in text
    assert "秒后重试" in text

    frames_before = tile.frames
    ts_server.start()  # ... and comes back: the tile reconnects on its own
    wait_state(qtbot, tile, TileState.LIVE, timeout=20_000)
    qtbot.waitUntil(lambda: tile.frames > frames_before + 5, timeout=WAIT)
    assert tile.status_text() == ""


def test_bad_inputs_are_reported_in_words_and_the_rest_plays(qtbot, tmp_path, clip, http_404):
    garbage = tmp_path / "garbage.ts"
    garbage.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(200_000)))
    audio = tmp_path / "audio.m4a"
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=d=2", str(audio)],
        check=True, timeout=60,
    )  # fmt: skip
    sources = {
        "unreachable": f"http://127.0.0.1:{free_port()}/cam.ts",
        "404": http_404,
        "garbage": garbage.as_uri(),
        "no_video": audio.as_uri(),
        "good": clip.as_uri(),
    }
    host = QWidget()
    qtbot.addWidget(host)
    box = QVBoxLayout(host)
    tiles = {}
    for key in sources:
        tiles[key] = fast(VideoTile(host))
        tiles[key].retry_base_s = 5.0  # keep the bad ones in their lost state while we look
        box.addWidget(tiles[key])
    host.resize(320, 900)
    host.show()
    for key, url in sources.items():
        tiles[key].set_camera(cam(key, url))
    wait_state(qtbot, tiles["good"], TileState.LIVE)
    for key in ("unreachable", "404", "garbage", "no_video"):
        wait_state(qtbot, tiles[key], TileState.LOST)
    assert "无法打开视频源" in tiles["unreachable"].status_text()
    assert "无法打开视频源" in tiles["404"].status_text()
    assert "无法解析" in tiles["garbage"].status_text()
    assert "没有可播放的画面" in tiles["no_video"].status_text()
    for key in ("unreachable", "404", "garbage", "no_video"):
        assert "信号丢失" in tiles[key].status_text()
    n = tiles["good"].frames
    qtbot.waitUntil(lambda: tiles["good"].frames > n + 10, timeout=WAIT)
    assert tiles["good"].state is TileState.LIVE


def test_http_file_plays_and_same_camera_does_not_reconnect(qtbot, clip):
    """The hub serves demo clips as files over HTTP with Range (/media/<name>); a stand-in does the same."""
    handler = functools.partial(_RangeFiles, directory=str(clip.parent))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        tile = fast(VideoTile())
        qtbot.addWidget(tile)
        tile.show()
        camera = cam("h1", f"http://127.0.0.1:{srv.server_address[1]}/{clip.name}")
        tile.set_camera(camera)
        wait_state(qtbot, tile, TileState.LIVE)
        frames = tile.frames
        tile.set_camera(camera, grid_name="一号网格")  # e.g. follow_event picked it again
        assert tile.state is TileState.LIVE
        assert tile.frames >= frames  # not reset: the stream kept running
        tile.set_camera(None)  # stop before the server goes away
    finally:
        srv.shutdown()
        srv.server_close()
        t.join(5)


def test_hls_plays(qtbot, clip, tmp_path):
    hls = tmp_path / "hls"
    hls.mkdir()
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(clip), "-c", "copy", "-f", "hls",
         "-hls_time", "1", "-hls_list_size", "0", str(hls / "cam.m3u8")],
        check=True, timeout=60,
    )  # fmt: skip
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_RangeFiles, directory=str(hls)))
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        tile = fast(VideoTile())
        qtbot.addWidget(tile)
        tile.show()
        tile.set_camera(cam("hls", f"http://127.0.0.1:{srv.server_address[1]}/cam.m3u8"))
        wait_state(qtbot, tile, TileState.LIVE)
        qtbot.waitUntil(lambda: tile.frames >= 10, timeout=WAIT)
        tile.set_camera(None)
    finally:
        srv.shutdown()
        srv.server_close()
        t.join(5)


def test_hidden_tile_stops_decoding_and_resumes(qtbot, clip):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tile = fast(VideoTile())
    tabs.addTab(tile, "视频")
    tabs.addTab(QLabel("其他"), "其他")
    tabs.resize(400, 300)
    tabs.show()
    tile.set_camera(cam("c1", clip.as_uri()))
    wait_state(qtbot, tile, TileState.LIVE)
    tabs.setCurrentIndex(1)
    assert tile.state is TileState.PAUSED
    assert tile.player.source().isEmpty()
    frames = tile.frames
    tabs.setCurrentIndex(0)
    wait_state(qtbot, tile, TileState.LIVE)
    assert tile.frames > frames


def test_large_tile_plays_main_stream(qtbot, tmp_path, clip):
    main = tmp_path / "main.mp4"
    shutil.copy(clip, main)
    tile = fast(VideoTile())
    qtbot.addWidget(tile)
    tile.show()
    tile.set_camera(cam("c1", main.as_uri(), sub=clip.as_uri()))
    assert tile.url == clip.as_uri()
    wait_state(qtbot, tile, TileState.LIVE)
    tile.set_large(True)
    assert tile.url == main.as_uri()
    wait_state(qtbot, tile, TileState.LIVE)
    tile.set_large(False)
    assert tile.url == clip.as_uri()


def test_camera_without_url_says_so(qtbot):
    tile = VideoTile()
    qtbot.addWidget(tile)
    tile.show()
    tile.set_camera(Camera("x", "无地址", 31.0, 121.0))
    assert tile.state is TileState.LOST
    assert "没有配置视频地址" in tile.status_text()
    tile.set_camera(None)
    assert tile.state is TileState.IDLE


# ---- RTSP (optional: Debian's python3-gi + gir1.2-gst-rtsp-server-1.0 + gstreamer1.0-plugins-*) -----
RTSP_SERVER = r"""
import sys
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(sys.argv[1])
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true ! video/x-raw,width=320,height=180,framerate=25/1 ! "
    "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph264pay name=pay0 pt=96 config-interval=1 )"
)
factory.set_shared(True)
server.get_mount_points().add_factory("/cam1", factory)
if server.attach(None) == 0:
    sys.exit("cannot bind")
print("ready", flush=True)
GLib.MainLoop().run()
"""
SYSTEM_PYTHON = "/usr/bin/python3"


def _have_rtsp_server() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"
    return subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, timeout=30).returncode == 0


class RtspServer:
    def __init__(self, script: Path) -> None:
        self.script = script
        self.port = free_port()
        self.url = f"rtsp://127.0.0.1:{self.port}/cam1"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(self.script), str(self.port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "ready"  # bound and serving

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None


@pytest.fixture
def rtsp_server(tmp_path):
    if not _have_rtsp_server():
        pytest.skip("no GStreamer RTSP server (apt: python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-*)")
    script = tmp_path / "rtsp_server.py"
    script.write_text(RTSP_SERVER, encoding="utf-8")
    server = RtspServer(script)
    yield server
    server.stop()


def test_rtsp_plays_drops_and_recovers(qtbot, rtsp_server):
    rtsp_server.start()
    tile = fast(VideoTile())
    qtbot.addWidget(tile)
    tile.show()
    tile.set_camera(cam("r1", rtsp_server.url))
    wait_state(qtbot, tile, TileState.LIVE)
    qtbot.waitUntil(lambda: tile.frames >= 10, timeout=WAIT)
    rtsp_server.stop()
    wait_state(qtbot, tile, TileState.LOST)
    assert "信号丢失" in tile.status_text()
    rtsp_server.start()
    frames_before = tile.frames
    wait_state(qtbot, tile, TileState.LIVE, timeout=20_000)
    qtbot.waitUntil(lambda: tile.frames > frames_before + 5, timeout=WAIT)


def test_retry_backs_off_exponentially_up_to_the_cap(qtbot):
    tile = VideoTile()
    tile.retry_base_s, tile.retry_cap_s = 0.2, 0.8
    qtbot.addWidget(tile)
    tile.show()
    intervals: list[int] = []
    tile.state_changed.connect(lambda t, s: s == "lost" and intervals.append(t._retry.interval()))
    tile.set_camera(cam("u", f"http://127.0.0.1:{free_port()}/cam.ts"))
    qtbot.waitUntil(lambda: len(intervals) >= 4, timeout=WAIT)
    assert 170 <= intervals[0] <= 200  # 0.2 s minus at most 15 % jitter
    assert 340 <= intervals[1] <= 400
    assert all(680 <= i <= 800 for i in intervals[2:4])  # 0.8 s cap
    tile.set_camera(None)
    assert not tile._retry.isActive()

"""The feed/record/export subcommands: clean one-line user errors, and a hub publishing files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from console.bench.feed import HubProcess
from console.cli.feed import main
from console.net.client import FeedClient
from console.net.hublog import HubLog
from tests.net.helpers import TOKEN, Sink, run

FIX = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("argv", "token", "message"),
    [
        (["feed", "--port", "0"], None, "error: a token is required"),
        (["feed", "--cert", "c.pem"], "t", "error: --cert and --key go together"),
        (["feed", "--rate", "0"], "t", "error: --rate 0 (as fast as possible) needs --count"),
        (["feed", "--media", "/no/such/dir"], "t", "error: --media /no/such/dir: not a directory"),
        (["record", "--connect", "http://hub", "--db", "x.db"], None, "error: not a websocket URL"),
        (["export", "--db", "/no/such/console.db"], None, "error: /no/such/console.db: no such database"),
    ],
)
def test_user_errors_are_one_clean_line(argv, token, message, capsys, monkeypatch, tmp_path):
    if token is None:
        monkeypatch.delenv("GRID_FEED_TOKEN", raising=False)
    else:
        monkeypatch.setenv("GRID_FEED_TOKEN", token)
    monkeypatch.chdir(tmp_path)  # relative paths in argv must not land in the work tree
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_feed_on_a_file_that_is_not_a_log(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GRID_FEED_TOKEN", "t")
    bad = tmp_path / "log.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    assert main(["feed", "--port", "0", "--log", str(bad), "--rate", "0", "--count", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot use")
    assert err.count("\n") == 1


def test_hub_publishes_adapter_files_once(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("open311_requests.json", "cap_actual.xml", "cap_update.xml", "cap_exercise.xml"):
        shutil.copy(FIX / name, src / name)
    log = tmp_path / "hub.db"

    async def receive(url: str, n: int) -> Sink:
        sink = Sink()
        client = FeedClient(url, TOKEN, "seat", lambda: 0, sink, batch_interval=0.01)
        client.start()
        await client.wait_until(lambda s: s.last_seq >= n, 30)
        await client.stop()
        return sink

    with HubProcess(log, "--from", str(src), token=TOKEN) as hub:
        sink = run(receive(hub.url, 6))
    ids = [e.id for e in sink.events]
    assert ids.count("cap:CN-YG-2026-1122-0001") == 2  # alert + update (merged by the store)
    assert "cap-exercise:CN-YG-2026-1122-0001" in ids
    assert "o311:638344" in ids
    assert len(sink.quarantined) == 1  # the Open311 request without a location
    with HubProcess(log, "--from", str(src), token=TOKEN):  # restart: nothing published twice
        pass
    assert HubLog(log).head == 6


def test_hub_publishes_the_good_files_and_skips_the_bad_ones(tmp_path):
    """Issue 13 #5: unsafe XML, deep JSON, an oversized record, a lone surrogate no longer keep the hub down."""
    from tests.net.test_adapters import _bad_and_good_dir

    src = _bad_and_good_dir(tmp_path)
    log = tmp_path / "hub.db"

    async def receive(url: str, n: int) -> Sink:
        sink = Sink()
        client = FeedClient(url, TOKEN, "seat", lambda: 0, sink, batch_interval=0.01)
        client.start()
        await client.wait_until(lambda s: s.last_seq >= n, 30)
        await client.stop()
        return sink

    with HubProcess(log, "--from", str(src), token=TOKEN) as hub:
        sink = run(receive(hub.url, 4))
        assert hub.proc is not None
        hub.proc.terminate()
        hub.proc.wait(30)
        err = hub.proc.stderr.read() if hub.proc.stderr else ""
    assert sorted(e.id for e in sink.events) == ["cap-exercise:CN-YG-2026-1122-0001", "ev-good-1", "ev-good-2",
                                                 "ev-good-3"]
    assert HubLog(log).head == 4
    skipped = [line for line in err.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 8, err
    assert any("c_mixed.jsonl:4: title: lone surrogate" in line for line in skipped)
    assert "Traceback" not in err

"""``eccar-plan serve``: the live preview, tried over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import io
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eccar_plan._serve import Preview, _file_in
from eccar_plan.testing import CliRunner
from editing import edit

TIMEOUT = 30.0
"""Seconds a test waits for the preview to start, rebuild or stop."""


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.status, response.read().decode("utf-8")


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def _version(url: str) -> int:
    return int(_get(url + ".eccar-plan/version")[1])


def _files(directory: Path) -> set[Path]:
    return set(directory.rglob("*"))


def _exercise(first: str, city: Path) -> int:
    """Change, break and fix the plan at *city*, served at the URL in *first*; its port."""
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    assert match, first
    url = match[0]
    status, page = _get(url)
    assert status == 200
    assert ">Exampleton action plan against racism and discrimination</h1>" in page
    assert '<script src="/.eccar-plan/reload.js?v=1" defer></script>' in page
    assert "content=\"connect-src 'self'; default-src" in page
    assert _version(url) == 1

    edit(city / "plan.yaml", "title: Exampleton action plan", "title: Exampleton <new> plan")
    _until(lambda: _version(url) == 2, "the rebuild")
    assert "Exampleton &lt;new&gt; plan against racism" in _get(url)[1]

    edit(city / "plan.yaml", "language: en", "langauge: en")  # a misspelt key
    _until(lambda: _version(url) == 3, "the build of the broken plan")
    status, page = _get(url + "chapter-1.html")
    assert status == 200
    assert "<h1>The plan has errors</h1>" in page
    assert re.search(r"plan\.yaml:9:1: .*langauge", page), page
    assert '<script src="/.eccar-plan/reload.js?v=3" defer></script>' in page

    edit(city / "plan.yaml", "langauge: en", "language: en")
    _until(lambda: _version(url) == 4, "the build of the fixed plan")
    assert "Exampleton &lt;new&gt; plan" in _get(url + "index.html")[1]
    return int(match[1])


def test_the_preview_rebuilds_shows_problems_recovers_and_stops(city: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    before = _files(city)
    with subprocess.Popen(
        [sys.executable, "-m", "eccar_plan", "serve", str(city), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
        # a shell without job control starts background commands with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        lines: queue.Queue[str] = queue.Queue()

        def read() -> None:
            for line in process.stdout or ():
                lines.put(line)

        reader = threading.Thread(target=read)
        reader.start()
        try:
            port = _exercise(lines.get(timeout=TIMEOUT), city)
        finally:
            process.send_signal(signal.SIGINT)
            status = process.wait(timeout=TIMEOUT)
            reader.join()
        stderr = process.stderr.read() if process.stderr else ""
    assert status == 0, stderr
    assert "Traceback" not in stderr
    assert "langauge" in stderr  # the problems on the terminal too
    assert stderr.rstrip().endswith("stopped")
    with socket.socket() as free:  # the port is freed: a new server can listen on it
        free.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as http.server does
        free.bind(("127.0.0.1", port))
        free.listen()
    assert list(scratch.iterdir()) == []  # the builds are removed
    assert _files(city) == before  # nothing was written in the plan's directory


@pytest.fixture
def preview(city: Path) -> Iterator[Preview]:
    """A preview of a copy of the small city, in Dutch, serving in this process."""
    edit(city / "plan.yaml", "language: en", "language: nl")
    with Preview(city, port=0, log=io.StringIO()) as preview:
        yield preview


def _raw(preview: Preview, path: str, *, host: str | None = None, method: str = "GET") -> int:
    """The status of a request for *path* exactly as written (no normalisation by a client)."""
    port = int(preview.url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.parametrize(
    "path",
    [
        "/../plan.yaml",
        "/%2e%2e/plan.yaml",
        "/assets/..%2f..%2fplan.yaml",
        "/..\\plan.yaml",
        "/assets",
        "/assets/",
        "/nothing.html",
        "//etc/passwd",
        "/%00",
    ],
)
def test_only_the_files_of_the_build_are_served(preview: Preview, path: str) -> None:
    assert _raw(preview, path) == 404
    assert _raw(preview, "/assets/site.css") == 200


def test_another_host_or_method_is_refused(preview: Preview) -> None:
    assert _raw(preview, "/", host="attacker.example") == 403
    assert _raw(preview, "/", host="localhost:1") == 403
    assert _raw(preview, "/", method="POST") == 501
    assert _raw(preview, "/", method="HEAD") == 200
    assert preview.url.startswith("http://127.0.0.1:")


def test_the_problems_page_speaks_the_plan_language_and_escapes(
    preview: Preview, city: Path
) -> None:
    edit(city / "plan.yaml", "language: nl\n", "language: nl\n<b>odd</b>: 1\n")
    build = preview.rebuild()
    assert build.site is None
    status, page = _get(preview.url)
    assert status == 200
    assert '<html lang="nl">' in page
    assert "<h1>Het plan bevat fouten</h1>" in page
    assert "&lt;b&gt;odd&lt;/b&gt;" in page
    assert "<b>odd</b>" not in page
    assert _raw(preview, "/assets/site.css") == 404  # no file of a stale site either
    edit(city / "plan.yaml", "<b>odd</b>: 1\n", "")
    assert preview.rebuild().site is not None
    assert "Het plan bevat fouten" not in _get(preview.url)[1]


def test_watching_stops_when_asked(preview: Preview, city: Path) -> None:
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,))
    watcher.start()
    try:
        time.sleep(0.5)  # the watcher is set up
        edit(city / "actors.yaml", "name:", "name:")  # saved without a change: still a build
        (city / "notes.txt").write_text("not a plan file", encoding="utf-8")
        _until(lambda: preview.current.number == 2, "the rebuild")
        time.sleep(1)
        assert preview.current.number == 2  # a text file is no part of the plan
    finally:
        stop.set()
        watcher.join(timeout=TIMEOUT)
    assert not watcher.is_alive()


def test_serve_refuses_what_it_cannot_do(run_cli: CliRunner, city: Path, tmp_path: Path) -> None:
    assert run_cli("serve", city, "--host", "0.0.0.0").status == 2  # loopback only
    refused = run_cli("serve", city, "--port", "http")
    assert refused.status == 2
    assert "not a port number" in refused.stderr
    missing = run_cli("serve", tmp_path / "nowhere")
    assert missing.status == 1
    assert missing.stderr.splitlines() == [f"{tmp_path / 'nowhere'}:1:1: no such file or directory"]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = run_cli("serve", city, "--port", str(port))
    assert busy.status == 1
    (line,) = busy.stderr.splitlines()
    assert line.startswith(f"error: cannot serve on 127.0.0.1:{port}: ")
    assert "--port 0" in line


def test_open_pages_reload_by_themselves_in_a_browser(preview: Preview, city: Path) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        if os.environ.get("ECCAR_PLAN_REQUIRE_BROWSER_TEST"):
            pytest.fail("the browser test must run here, but chromium is not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,))
    watcher.start()
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=flags)
            page = browser.new_page()
            console: list[str] = []
            page.on("console", lambda message: console.append(message.text))
            page.goto(preview.url + "chapter-1.html")
            title = page.title()
            edit(city / "plan.yaml", "language: nl\n", "language: nl\n<i>odd</i>: 1\n")
            _until(lambda: page.title() == "Het plan bevat fouten", "the problems page")
            assert "<i>odd</i>" in page.inner_text("main")  # shown as text, not markup
            edit(city / "plan.yaml", "<i>odd</i>: 1\n", "")
            _until(lambda: page.title() == title, "the site again")
            browser.close()
    finally:
        stop.set()
        watcher.join(timeout=TIMEOUT)
    assert console == []  # no error: the polling is allowed by the page's policy


@given(st.lists(st.sampled_from(["..", ".", "", "assets", "site.css", "%2e%2e", "\\", "a"])))
def test_no_url_path_names_a_file_outside_the_build(parts: list[str]) -> None:
    root = Path(__file__).resolve().parent / "data-of-no-test"  # need not exist
    path = unquote("/" + "/".join(parts))
    found = _file_in(root, path)
    assert found is None or found.is_relative_to(root)


def test_a_url_path_names_a_file_of_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "site.css").write_text("", encoding="utf-8")
    (site / "index.html").write_text("", encoding="utf-8")
    (tmp_path / "secret.html").write_text("", encoding="utf-8")
    (site / "link").symlink_to(tmp_path)
    assert _file_in(site, "/") == site.resolve() / "index.html"
    assert _file_in(site, "/assets/site.css") == site.resolve() / "assets" / "site.css"
    assert _file_in(site, "/assets/../index.html") is None
    assert _file_in(site, "/link/secret.html") is None  # a link out of the build


def test_a_plan_invalid_from_the_start_is_shown_in_its_language(city: Path) -> None:
    edit(city / "plan.yaml", "language: en", "language: de")
    edit(city / "plan.yaml", "framework: eccar-2004", "framework: eccar-2040")
    log = io.StringIO()
    with Preview(city, port=0, log=log) as preview:
        status, page = _get(preview.url + "timeline.html")
    assert status == 200
    assert '<html lang="de">' in page
    assert "<h1>Der Plan enthält Fehler</h1>" in page
    assert "eccar-2040" in page
    assert "invalid, 1 problem, shown in the preview" in log.getvalue()

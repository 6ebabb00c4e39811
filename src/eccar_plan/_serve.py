"""The live preview: a plan's site, served on the loopback address and rebuilt on every save.

A :class:`Preview` builds the ``html`` site into a temporary directory of its own (never in the
plan's directory), serves the latest build on ``127.0.0.1`` only, and rebuilds when a file of
the plan changes (watchfiles, imported when watching starts). While the plan is invalid, every
page is the list of its located problems instead of a stale site. Pages poll
``/.eccar-plan/version`` and reload when a build is newer than they are; the server adds
``connect-src 'self'`` to their Content-Security-Policy for that, and nothing else.

The server answers ``GET`` and ``HEAD`` for the files of the build only: no directory listing,
no path outside it, and no other ``Host`` than the preview's own address (so a web page cannot
reach it through a rebound DNS name).
"""

from __future__ import annotations

import mimetypes
import shutil
import sys
import tempfile
import threading
import time
import warnings
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import unquote, urlsplit

import attrs

from ._errors import EccarPlanError, PlanError

if TYPE_CHECKING:
    from threading import Event

__all__ = ["LOOPBACK", "Build", "Preview"]

LOOPBACK = "127.0.0.1"
"""The only address the preview listens on."""

_OWN = "/.eccar-plan/"  # the preview's own resources; no file of a site starts with a dot
_VERSION = _OWN + "version"
_RELOAD = _OWN + "reload.js"
_RELOAD_JS = """\
"use strict";
(() => {
  const version = new URL(document.currentScript.src).searchParams.get("v");
  const poll = async () => {
    try {
      const response = await fetch("/.eccar-plan/version", {cache: "no-store"});
      if ((await response.text()).trim() !== version) {
        location.reload();
        return;
      }
    } catch (error) {
      // the preview has stopped: try again later
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();
"""
_SOURCE_SUFFIXES = (".yaml", ".yml", ".json")


@attrs.frozen
class Build:
    """One build of the site: its number, and its directory or the plan's problems."""

    number: int
    site: Path | None
    """The built site; ``None`` when the plan was invalid."""
    problems: tuple[str, ...] = ()
    """The plan's problems, one line each (``file:line:column: path: message``)."""
    language: str = "en"
    """The plan's language, for the labels of the problems page."""


class Preview:
    """The live preview of the plan at *plan* (a plan file, or a directory holding one).

    A context manager: entering binds ``127.0.0.1:port`` (``0``: any free port), builds the
    site and starts serving; leaving stops the server, frees the port and removes the builds. Raises
    :class:`~eccar_plan.EccarPlanError` when the plan is missing or the port cannot be bound.
    """

    def __init__(self, plan: Path, *, port: int, log: TextIO | None = None) -> None:
        from ._load.files import find_plan_file

        self.plan = plan
        self._file = find_plan_file(plan).resolve()
        self._directory = self._file.parent
        self._port = port
        self._log = log
        self._sources: frozenset[Path] = frozenset({self._file})
        self._built_from: dict[Path, tuple[int, int]] = {}
        self._scratch: Path | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.current = Build(0, None)

    @property
    def url(self) -> str:
        """The address of the site: ``http://127.0.0.1:PORT/``."""
        if self._server is None:
            raise RuntimeError("the preview is not serving")
        return f"http://{LOOPBACK}:{self._server.server_address[1]}/"

    def __enter__(self) -> Preview:
        try:
            self._server = _Server((LOOPBACK, self._port), _Handler)
        except OSError as error:
            raise EccarPlanError(
                f"cannot serve on {LOOPBACK}:{self._port}: {error.strerror or error}; "
                "choose another --port, or --port 0 for any free port"
            ) from None
        self._server.preview = self
        self._scratch = Path(tempfile.mkdtemp(prefix="eccar-plan-serve-"))
        try:
            self.rebuild()
        except BaseException:  # Ctrl-C during the first build, or a bug: leave nothing behind
            self.__exit__()
            raise
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="eccar-plan-serve", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._server is not None:
            if self._thread is not None:  # serving: stop the loop first
                self._server.shutdown()
                self._thread.join()
            self._server.server_close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def rebuild(self) -> Build:
        """Build the site anew and serve it; an invalid plan's problems are served instead."""
        from ._api import load_plan_document
        from .plugins import get_plugins
        from .reports import write_report

        if self._scratch is None:
            raise RuntimeError("the preview is not serving")
        started = time.monotonic()
        self._built_from = self._stamps()
        previous = self.current
        number = previous.number + 1
        target = self._scratch / f"build-{number}"
        with warnings.catch_warnings(record=True) as caught:  # printed after the build
            try:
                document = load_plan_document(self.plan)
                if self._sources != (sources := frozenset({self._file, *document.paths})):
                    self._sources = sources
                    self._built_from = self._stamps()
                write_report(get_plugins().report_formats["html"], document, target)
                build = Build(number, target, (), document.plan.language)
            except PlanError as error:
                lines = tuple(str(problem) for problem in error.problems)
                build = Build(number, None, lines, self._language(previous))
            except EccarPlanError as error:
                build = Build(number, None, (str(error),), self._language(previous))
        self.current = build
        for message in dict.fromkeys(str(w.message) for w in caught):
            self._say(f"warning: {message}")
        if build.site is None:
            for line in build.problems:
                self._say(line)
            count = len(build.problems)
            self._say(
                f"{self.plan}: invalid, {count} problem{'s' * (count != 1)}, shown in the preview"
            )
        else:
            self._say(f"built {self.plan} in {time.monotonic() - started:.1f} s")
            self._remove_builds_before(previous)
        return build

    def watch(self, stop: Event | None = None) -> None:
        """Rebuild on every saved change of the plan's files, until *stop* is set (or Ctrl-C)."""
        import watchfiles

        def relevant(change: watchfiles.Change, name: str) -> bool:
            path = Path(name)
            return path in self._sources or path.suffix.lower() in _SOURCE_SUFFIXES

        # Every second without an event, the files are compared with the last build's too:
        # that catches a save made before the watcher started, or one it could not see.
        for changes in watchfiles.watch(
            self._directory,
            watch_filter=relevant,
            stop_event=stop,
            rust_timeout=1000,
            yield_on_timeout=True,
        ):
            if changes or self._stamps() != self._built_from:
                self.rebuild()

    def _stamps(self) -> dict[Path, tuple[int, int]]:
        """The modification time and size of each file of the plan (as last loaded)."""
        stamps = {}
        for path in self._sources:
            try:
                status = path.stat()
            except OSError:  # removed: a change too
                continue
            stamps[path] = (status.st_mtime_ns, status.st_size)
        return stamps

    def _language(self, previous: Build) -> str:
        """The plan's language when it cannot be loaded: the last build's, or its own file's."""
        if previous.number > 0:
            return previous.language
        from ._load.read import read_document

        try:
            data = read_document(self._file).data
        except EccarPlanError:
            return "en"
        language = data.get("language") if isinstance(data, dict) else None
        return language if isinstance(language, str) and language else "en"

    def _remove_builds_before(self, previous: Build) -> None:
        """Remove the builds older than *previous*: a page being read may still need it."""
        if self._scratch is None:
            return
        keep = {self.current.site, previous.site}
        for build in self._scratch.iterdir():
            if build not in keep:
                shutil.rmtree(build, ignore_errors=True)

    def _say(self, line: str) -> None:
        print(line, file=self._log or sys.stderr, flush=True)


class _Server(ThreadingHTTPServer):
    preview: Preview


class _Handler(BaseHTTPRequestHandler):
    """Answers with the files of the preview's current build, and its own two resources."""

    server: _Server
    server_version = "eccar-plan-serve"

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing: the terminal shows the builds, not every request."""

    def _answer(self, *, body: bool) -> None:
        preview = self.server.preview
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"{LOOPBACK}:{port}", f"localhost:{port}"):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain", body=body)
            return
        build = preview.current
        path = unquote(urlsplit(self.path).path)
        if path == _VERSION:
            self._send(HTTPStatus.OK, f"{build.number}\n".encode(), "text/plain", body=body)
        elif path == _RELOAD:
            self._send(HTTPStatus.OK, _RELOAD_JS.encode(), "text/javascript", body=body)
        elif build.site is None and _is_page(path):
            from ._reports.html.problems_page import render_problems_page

            page = render_problems_page(build.problems, build.language, script=_script(build))
            self._send(HTTPStatus.OK, _with_reload(page).encode(), "text/html", body=body)
        else:
            self._send_file(build, path, body=body)

    def _send_file(self, build: Build, path: str, *, body: bool) -> None:
        file = None if build.site is None else _file_in(build.site, path)
        if file is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", body=body)
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        content = file.read_bytes()
        if kind == "text/html":
            content = _with_reload(content.decode("utf-8"), _script(build)).encode("utf-8")
        self._send(HTTPStatus.OK, content, kind, body=body)

    def _send(self, status: HTTPStatus, content: bytes, kind: str, *, body: bool) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(content)


def _is_page(path: str) -> bool:
    return path.endswith(("/", ".html"))


def _script(build: Build) -> str:
    return f"{_RELOAD}?v={build.number}"


def _with_reload(page: str, script: str | None = None) -> str:
    """*page* allowed to ask for the version, and loading the reload script at *script*."""
    meta = 'http-equiv="Content-Security-Policy" content="'
    page = page.replace(meta, f"{meta}connect-src 'self'; ", 1)
    if script is None:
        return page
    return page.replace("</head>", f'<script src="{script}" defer></script>\n</head>', 1)


def _file_in(root: Path, path: str) -> Path | None:
    """The file of *root* that the URL *path* names (``/`` names ``index.html``), if any."""
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
        return None
    if not parts or path.endswith("/"):
        parts.append("index.html")
    file = root.joinpath(*parts).resolve()
    return file if file.is_relative_to(root.resolve()) and file.is_file() else None

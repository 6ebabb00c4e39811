"""The geometry of the site's charts, laid out in Python so the same plan draws the same picture.

Each function returns a small record of coordinates and texts; ``templates/charts.html.j2``
draws it as inline SVG (with autoescape, like every other text). No JavaScript draws anything,
and every chart has a data table beside it on its page. A chart is drawn at its own width
(:data:`WIDTH`, never scaled down, so no text is smaller than the stylesheet's 12 px) inside a
box that scrolls sideways on a narrow screen.

- :func:`coverage_chart`: objectives and actions per commitment, as pairs of horizontal bars.
- :func:`timeline_chart`: a Gantt-like view of the timed objectives (and actions with a timing
  of their own) over the years: ongoing work as a filled bar, due work as a marker at the year
  it is due by, over a light band for a range; each row labelled with the item's id and short
  text, linked to it.
- :func:`network_chart`: actors and chapters in two columns, a line for each actor that takes
  part in a chapter; actors ordered by the mean position of their chapters, so lines cross
  little and the order never depends on anything but the plan.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from eccar_plan.model import Role, Timing, TimingMeaning

from .views import Txt

if TYPE_CHECKING:
    from .site import Site
    from .views import TimingView

__all__ = [
    "CoverageChart",
    "NetworkChart",
    "TimelineChart",
    "coverage_chart",
    "network_chart",
    "timeline_chart",
]

WIDTH = 760
"""The width a chart is drawn at, in CSS pixels."""


def _r(value: float) -> float:
    """A coordinate rounded to a tenth, so the SVG text stays short and stable."""
    return round(value, 1)


# -- coverage -------------------------------------------------------------------------------------


@attrs.frozen
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    css: str
    text_x: float
    text_y: float


@attrs.frozen
class CoverageRow:
    number: int
    label: Txt
    y: float
    """The baseline of the row's label."""
    bars: tuple[Bar, ...]
    has_chapter: bool


@attrs.frozen
class Tick:
    x: float
    label: str


@attrs.frozen
class CoverageChart:
    width: int
    height: int
    x0: float
    x1: float
    top: float
    bottom: float
    rows: tuple[CoverageRow, ...]
    ticks: tuple[Tick, ...]


def coverage_chart(site: Site) -> CoverageChart:
    """Objectives and actions of each commitment as two bars."""
    commitments = site.coverage.commitments
    x0, x1, top, row_height, bar = 300.0, WIDTH - 40.0, 34.0, 40.0, 13.0
    largest = max([1, *(max(c.objectives, c.actions) for c in commitments)])
    step = _tick_step(largest)
    scale_max = math.ceil(largest / step) * step
    scale = (x1 - x0) / scale_max
    rows = []
    for index, row in enumerate(commitments):
        y = top + index * row_height
        bars = []
        for offset, (value, css) in enumerate(
            ((row.objectives, "bar-objectives"), (row.actions, "bar-actions"))
        ):
            bar_y = y + 4 + offset * (bar + 2)
            width = value * scale
            bars.append(
                Bar(
                    _r(x0),
                    _r(bar_y),
                    _r(width),
                    bar,
                    value,
                    css,
                    _r(x0 + width + 5),
                    _r(bar_y + bar - 2.5),
                )
            )
        title = site.commitment_title(row.number)
        rows.append(
            CoverageRow(
                row.number,
                title.short(40),
                _r(y + 4 + bar + 1),
                tuple(bars),
                row.chapter,
            )
        )
    bottom = top + len(commitments) * row_height
    ticks = tuple(
        Tick(_r(x0 + value * scale), site.number(value)) for value in range(0, scale_max + 1, step)
    )
    return CoverageChart(WIDTH, int(bottom + 12), x0, x1, top, _r(bottom), tuple(rows), ticks)


def _tick_step(largest: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if largest / step <= 8:
            return step
    return int(10 ** len(str(largest)))


# -- timeline -------------------------------------------------------------------------------------


@attrs.frozen
class YearColumn:
    year: int
    x: float
    width: float
    in_period: bool


@attrs.frozen
class Span:
    x: float
    y: float
    width: float
    height: float


LABEL_LENGTH = 40
"""The characters of an item's text a timeline row shows beside its id."""


@attrs.frozen
class TimelineRow:
    kind: str
    """``chapter`` (a heading row), ``objective`` or ``action``."""
    label: str
    y: float
    """The row's middle."""
    text: Txt | None
    href: str | None
    """The link to the objective, action or chapter."""
    timing: TimingView | None
    bar: Span | None
    """Ongoing work: the years it goes on; due work over a range: the band of the range."""
    marker: str | None
    """Due work: a diamond (an SVG path) in the middle of the year it is due by."""

    @property
    def short(self) -> Txt | None:
        """The item's text as its row shows it, beside the id."""
        return None if self.text is None else self.text.short(LABEL_LENGTH)


@attrs.frozen
class TimelineChart:
    width: int
    height: int
    x0: float
    x1: float
    top: float
    bottom: float
    years: tuple[YearColumn, ...]
    rows: tuple[TimelineRow, ...]

    @property
    def groups(self) -> list[tuple[TimelineRow, list[TimelineRow]]]:
        """The rows chapter by chapter: each chapter's heading row and its items' rows."""
        groups: list[tuple[TimelineRow, list[TimelineRow]]] = []
        for row in self.rows:
            if row.kind == "chapter":
                groups.append((row, []))
            else:
                groups[-1][1].append(row)
        return groups


def timeline_chart(site: Site) -> TimelineChart | None:
    """The timed objectives and actions over the years; ``None`` when nothing is timed."""
    plan = site.plan
    entries: list[tuple[str, str, str | dict[str, str] | None, str | None, Timing | None]] = []
    for chapter in plan.chapters:
        timed = []
        for objective in chapter.objectives:
            if objective.timing is not None:
                link = site.item_link(objective.id).href
                timed.append(("objective", objective.id, objective.title, link, objective.timing))
            for action in objective.actions:
                if action.timing is not None and action.timing != objective.timing:
                    link = site.item_link(action.id).href
                    timed.append(("action", action.id, action.text, link, action.timing))
        if timed:
            label = site.gettext("Chapter {number}", number=chapter.commitment)
            entries.append(("chapter", label, chapter.title, site.chapter_href(chapter), None))
            entries.extend(timed)
    timings = [t for *_, t in entries if t is not None]
    if not timings:
        return None
    first = min(t.start for t in timings)
    last = max(t.last_year for t in timings)
    if plan.period is not None:
        first, last = min(first, plan.period.start), max(last, plan.period.end)
    x0, x1, top = 340.0, WIDTH - 16.0, 30.0
    width = (x1 - x0) / (last - first + 1)
    years = tuple(
        YearColumn(
            year,
            _r(x0 + (year - first) * width),
            _r(width),
            plan.period is not None and plan.period.start <= year <= plan.period.end,
        )
        for year in range(first, last + 1)
    )
    rows = []
    y = top
    for kind, label, text, href, timing in entries:
        height = 28.0 if kind == "chapter" else 20.0
        middle = y + height / 2 + (4 if kind == "chapter" else 0)
        bar = marker = None
        if timing is not None:
            start = x0 + (timing.start - first) * width
            end = x0 + (timing.last_year - first + 1) * width
            thickness = 10.0 if timing.meaning is TimingMeaning.ONGOING else 8.0
            if timing.meaning is TimingMeaning.ONGOING or timing.end is not None:
                bar = Span(
                    _r(start + 2), _r(middle - thickness / 2), _r(end - start - 4), thickness
                )
            if timing.meaning is TimingMeaning.DUE:
                marker = _diamond(end - width / 2, middle, 7.0)
        rows.append(
            TimelineRow(
                kind,
                label,
                _r(middle),
                None if text is None else site.text(text),
                href,
                None if timing is None else site.timing(timing),
                bar,
                marker,
            )
        )
        y += height
    return TimelineChart(WIDTH, int(y + 10), x0, x1, top, _r(y), years, tuple(rows))


def _diamond(x: float, y: float, size: float) -> str:
    return (
        f"M{_r(x - size):g} {_r(y):g}L{_r(x):g} {_r(y - size):g}"
        f"L{_r(x + size):g} {_r(y):g}L{_r(x):g} {_r(y + size):g}Z"
    )


# -- network --------------------------------------------------------------------------------------

_STRENGTH = {"organiser": 3, "member": 2, "body": 2, "optional": 1, "uncertain": 1, "action": 0}
_EDGE_CSS = {3: "edge-organiser", 2: "edge-member", 1: "edge-optional", 0: "edge-action"}


@attrs.frozen
class NetworkNode:
    key: str
    label: Txt
    x: float
    y: float
    radius: float
    detail: Txt | None = None
    """A second line under the label (a chapter's title)."""


@attrs.frozen
class NetworkEdge:
    path: str
    css: str


@attrs.frozen
class NetworkChart:
    width: int
    height: int
    actors: tuple[NetworkNode, ...]
    chapters: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


def chapter_links(site: Site) -> dict[str, dict[int, str]]:
    """For each actor, the chapters (by index) it takes part in and its strongest part there:
    ``organiser``, ``member`` (or the group's ``body``), ``optional``/``uncertain``, or
    ``action`` when it is named only in actions."""
    links: dict[str, dict[int, str]] = {}

    def add(actor: str, index: int, how: str) -> None:
        known = links.setdefault(actor, {})
        if index not in known or _STRENGTH[how] > _STRENGTH[known[index]]:
            known[index] = how

    for index, chapter in enumerate(site.plan.chapters):
        group = chapter.working_group
        if group is not None:
            if group.body is not None:
                add(group.body, index, "body")
            for member in group.members:
                role = member.role
                add(member.actor, index, "member" if role is Role.MEMBER else role.value)
        for objective in chapter.objectives:
            for action in objective.actions:
                for actor in site.action_actors(action):
                    add(actor, index, "action")
    return links


def network_chart(site: Site) -> NetworkChart | None:
    """Actors on the left, chapters on the right, a line for each part an actor takes."""
    links = chapter_links(site)
    chapters = site.plan.chapters
    if not links or not chapters:
        return None
    loads = {a.id: a.load for a in site.workload.actors}
    order = sorted(
        links,
        key=lambda a: (
            sum(links[a]) / len(links[a]),
            min(links[a]),
            -loads.get(a, 0),
            a,
        ),
    )
    row, top = 17.0, 16.0
    height = max(len(order) * row, len(chapters) * 44.0)
    actor_x, chapter_x = 300.0, 520.0
    actor_step = height / len(order)
    chapter_step = height / len(chapters)
    actor_nodes = tuple(
        NetworkNode(
            actor,
            site.actor_name(actor).short(44),
            actor_x,
            _r(top + (i + 0.5) * actor_step),
            _r(2.5 + math.sqrt(max(loads.get(actor, 0), 0)) * 0.9),
        )
        for i, actor in enumerate(order)
    )
    chapter_nodes = tuple(
        NetworkNode(
            site.chapter_key(chapter),
            Txt(site.gettext("Chapter {number}", number=chapter.commitment)),
            chapter_x,
            _r(top + (i + 0.5) * chapter_step),
            7.0,
            site.text(chapter.title).short(34),
        )
        for i, chapter in enumerate(chapters)
    )
    edges = []
    middle = (actor_x + chapter_x) / 2
    for node in actor_nodes:
        for index, how in sorted(links[node.key].items()):
            target = chapter_nodes[index]
            path = (
                f"M{node.x + node.radius:g} {node.y:g} "
                f"C{middle:g} {node.y:g} {middle:g} {target.y:g} {target.x - 7:g} {target.y:g}"
            )
            edges.append((_STRENGTH[how], NetworkEdge(path, _EDGE_CSS[_STRENGTH[how]])))
    edges.sort(key=lambda e: e[0])  # the strongest lines are drawn last, on top
    return NetworkChart(
        WIDTH,
        int(top * 2 + height),
        actor_nodes,
        chapter_nodes,
        tuple(edge for _, edge in edges),
    )

"""Insight charts as plain shapes: geometry is computed here, `_chart.html` draws it as SVG.

Server-side SVG needs no JavaScript and no chart library, prints well, and every label is
escaped by the template like any other text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followthru.services.stats import Stats

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 16, 36


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    css: str = "axis"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str  # the chart's point in words, for screen readers and a quick read
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    points: list[tuple[float, float, str]] = field(default_factory=list)
    path: str = ""
    legend: list[tuple[str, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT


def _nice_max(value: float) -> int:
    """A round top for the axis that splits into four whole steps, so gridlines fall on
    readable numbers."""
    for step in (4, 8, 12, 20, 40, 60, 100, 200, 400, 600, 1000, 2000, 4000, 10000):
        if value <= step:
            return step
    return int(-(-value // 4000) * 4000)


def _y_axis(
    top: int, plot_h: float
) -> tuple[list[Label], list[tuple[float, float, float, float, str]]]:
    labels: list[Label] = []
    lines: list[tuple[float, float, float, float, str]] = []
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        labels.append(Label(LEFT - 6, y + 4, f"{value:g}", "end"))
        lines.append((LEFT, y, WIDTH - RIGHT, y, "grid"))
    return labels, lines


def touches_chart(stats: Stats) -> Chart:
    """Outbound touches per week, stacked by slot, against the 12-4-1 plan's total."""
    plan_total = sum(stats.plan)
    totals = [w.light + w.message + w.deep for w in stats.weeks]
    top = _nice_max(max([*totals, plan_total, 1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot_w = plot_w / max(len(stats.weeks), 1)
    labels, lines = _y_axis(top, plot_h)
    rects: list[Rect] = []
    for i, w in enumerate(stats.weeks):
        x = LEFT + i * slot_w + slot_w * 0.15
        base: float = TOP + plot_h
        for css, value, name in (
            ("light", w.light, "light"),
            ("message", w.message, "messages"),
            ("deep", w.deep, "deep"),
        ):
            h = plot_h * value / top
            if h:
                base -= h
                rects.append(
                    Rect(x, base, slot_w * 0.7, h, css, f"Week of {w.week_of}: {value} {name}")
                )
        labels.append(Label(x + slot_w * 0.35, HEIGHT - BOTTOM + 16, w.week_of.strftime("%d %b")))
    plan_y = TOP + plot_h - plot_h * plan_total / top
    lines.append((LEFT, plan_y, WIDTH - RIGHT, plan_y, "plan"))
    labels.append(Label(WIDTH - RIGHT, plan_y - 4, f"plan {plan_total}", "end", "plan-label"))
    this_week = totals[-1] if totals else 0
    return Chart(
        "touches",
        "Touches per week against the plan",
        f"This week {this_week} of {plan_total} planned touches; "
        f"average {sum(totals) / max(len(totals), 1):.1f} a week over {len(totals)} weeks.",
        rects,
        labels,
        lines,
        legend=[("light", "light"), ("message", "messages"), ("deep", "deep")],
    )


def follow_through_chart(stats: Stats) -> Chart:
    """Promises of mine that fell due: kept on time, kept late, still open and late."""
    ft = stats.follow_through
    parts = (
        ("kept", ft.kept_on_time, "kept on time"),
        ("late", ft.kept_late, "kept late"),
        ("open-late", ft.open_late, "open and late"),
    )
    height = 90
    plot_w = WIDTH - LEFT - RIGHT
    x = float(LEFT)
    rects = []
    for css, value, name in parts:
        w = plot_w * value / ft.due if ft.due else 0
        if w:
            rects.append(Rect(x, 20, w, 30, css, f"{value} {name}"))
            x += w
    rate = "no promise of yours has fallen due yet" if ft.rate is None else f"{ft.rate:.0%}"
    return Chart(
        "follow-through",
        "Follow-through",
        f"Follow-through rate: {rate} ({ft.kept_on_time} of {ft.due} kept on time).",
        rects,
        [Label(LEFT, 72, f"{ft.due} due · rate {rate}", "start")],
        [] if ft.due else [(LEFT, 35, WIDTH - RIGHT, 35, "grid")],
        legend=[(css, name) for css, _, name in parts],
        height=height,
    )


def pile_chart(stats: Stats) -> Chart:
    """Share of each pile touched within its cadence."""
    plot_w = WIDTH - LEFT - RIGHT - 80 - 110  # room on the right for the figure
    rects, labels = [], []
    for i, h in enumerate(stats.piles):
        y = 16 + i * 44
        share = h.share or 0.0
        rects.append(Rect(LEFT + 80, y, plot_w, 26, "track", f"{h.people} {h.pile}"))
        if share:
            rects.append(
                Rect(
                    LEFT + 80,
                    y,
                    plot_w * share,
                    26,
                    h.pile,
                    f"{h.within_cadence} of {h.people} within cadence",
                )
            )
        labels.append(Label(LEFT + 72, y + 18, h.pile, "end"))
        shown = "no one yet" if h.share is None else f"{share:.0%} of {h.people}"
        labels.append(Label(LEFT + 88 + plot_w, y + 18, shown, "start", "figure"))
    summary = "; ".join(
        f"{h.pile}: {'-' if h.share is None else f'{h.share:.0%}'} within cadence"
        for h in stats.piles
    )
    return Chart("piles", "Pile health", summary, rects, labels, height=16 + 44 * len(stats.piles))


def dormant_chart(stats: Stats) -> Chart:
    """People not touched for the reconnect window, at the end of each week."""
    values = [n for _, n in stats.dormant_trend]
    top = _nice_max(max([*values, 1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    labels, lines = _y_axis(top, plot_h)
    step = plot_w / max(len(values) - 1, 1)
    points = []
    for i, (day, n) in enumerate(stats.dormant_trend):
        x = LEFT + i * step
        y = TOP + plot_h - plot_h * n / top
        points.append((x, y, f"{day}: {n} dormant"))
        anchor = "end" if i == len(values) - 1 else "start" if i == 0 else "middle"
        labels.append(Label(x, HEIGHT - BOTTOM + 16, day.strftime("%d %b"), anchor))
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y, _) in enumerate(points)
    )
    first, last = (values[0], values[-1]) if values else (0, 0)
    return Chart(
        "dormant",
        f"Dormant (no touch for {stats.dormant_after_days}+ days)",
        f"{last} dormant now, {first} eight weeks ago.",
        labels=labels,
        lines=lines,
        points=points,
        path=path,
    )


def all_charts(stats: Stats) -> list[Chart]:
    return [
        follow_through_chart(stats),
        touches_chart(stats),
        pile_chart(stats),
        dormant_chart(stats),
    ]

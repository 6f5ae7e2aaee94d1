"""One result per check, and the summary table."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Result:
    """Attributes: group (kill, concurrency, damage…), name, count (how many
    cases were tried), passed, detail (figures or the first failure)."""

    group: str
    name: str
    count: int
    passed: bool
    detail: str = ""
    failures: list[str] = field(default_factory=list)


def table(results: list[Result]) -> str:
    head = ("group", "check", "cases", "result", "detail")
    body = [(r.group, r.name, str(r.count), "PASS" if r.passed else "FAIL", r.detail) for r in results]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(5)]
    line = lambda row: "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    passed = sum(r.passed for r in results)
    return "\n".join([line(head), sep, *map(line, body), "",
                      f"{passed} passed, {len(results) - passed} failed"])

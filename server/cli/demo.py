"""`flask demo`: fill an empty database with demo data and print the logins (never in production)."""

from __future__ import annotations

import unicodedata
from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import inspect

from ..demo_data import DemoRefused, seed_demo
from ..extensions import db


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  " + "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in rows
    )


def report(summary: dict[str, Any]) -> str:
    """The text `flask demo` prints: where to go, who to log in as, what is in the database."""
    lines = []
    if summary["created"]:
        lines.append(f"Demo data created in {summary['seconds']} s "
                     f"(seed {summary['seed']}, scale {summary['scale']}).")
    else:
        lines.append("The database already has data: left unchanged (use --reset to rebuild it).")
    lines += ["", f"Log in with one of these (password for all: {summary['password']}):", ""]
    lines.append(_table([("login", "role", "name", "sees"),
                         *[(u["username"], u["role"], u["display_name"], u["sees"]) for u in summary["logins"]]]))
    cohort = summary["cohort"]
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(cohort["statuses"].items()))
    lines += ["", f"Graduate cohort {cohort['graduation_year']}: {sum(cohort['statuses'].values())} "
              f"({statuses})", "",
              "Rows: " + ", ".join(f"{k} {v}" for k, v in summary["counts"].items())]
    return "\n".join(lines)


@click.command("demo")
@click.option("--reset", is_flag=True, help="Delete ALL data first, then build the demo afresh.")
@click.option("--seed", default=42, show_default=True, help="Random seed: same seed, same data.")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(0.01, 10),
              help="Size relative to the standard demo (1.0 ≈ 300 households, 500 persons).")
@with_appcontext
def demo(reset: bool, seed: int, scale: float) -> None:
    """Load demo data: 3 sub-districts, 6 helpers, ~500 persons, the 288-graduate cohort.

    Does nothing if the database has data, unless --reset. Refuses when DOORSTEP_ENV=production.
    Demo logins: admin, supervisor1, helper1, helper2, graduate1 (password doorstep-demo).
    """
    if not inspect(db.engine).has_table("user_account"):
        raise click.ClickException("the database has no tables yet: run `flask --app server db upgrade` first")
    try:
        summary = seed_demo(seed=seed, scale=scale, reset=reset)
    except DemoRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report(summary))


commands = [demo]

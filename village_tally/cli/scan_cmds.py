"""The `scan` command: read scanned scan sheets and say, per page and per line, what was read
and what a person must look at. Reads only; confirming lines as deeds is the entry screen's."""

from __future__ import annotations

import argparse
import json
from typing import Any

from village_tally.cli.context import Context
from village_tally.core.omr import FieldRead
from village_tally.i18n import tr
from village_tally.services import scanning
from village_tally.services.scanning import PageStatus, ProposedLine, ScannedPage, ScanReport


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    p = sub.add_parser("scan", help=tr("cli.help.scan", lang))
    p.add_argument("paths", nargs="+", metavar="FILE|FOLDER")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_scan)


def _field(f: FieldRead) -> dict[str, Any]:
    return {"value": f.value, "certainty": f.certainty.value, "reason": f.reason}


def _line(ln: ProposedLine) -> dict[str, Any]:
    return {"line": ln.line, "status": ln.status, "resident_id": ln.resident_id,
            "resident": ln.resident_name, "rule": ln.rule_code,
            "quantity": ln.quantity.value if ln.quantity.certainty == "sure" else None,
            "fields": {"resident": _field(ln.resident), "rule": _field(ln.rule),
                       "quantity": _field(ln.quantity)}}


def page_json(page: ScannedPage) -> dict[str, Any]:
    """One page of the report as JSON (the line pictures are left out)."""
    return {"file": page.file, "page": page.page, "status": page.status.value,
            "reason": page.reason, "sheet": page.sheet, "area": page.area,
            "month": page.month, "same_as": page.same_as,
            "lines": [_line(ln) for ln in page.lines if ln.status != "blank"]}


def _field_text(name: str, f: FieldRead, lang: str) -> str:
    label = tr(f"scan.field.{name}", lang)
    if f.certainty == "sure":
        return f"{label} {f.value}"
    return f"{label} ? ({tr(f'scan.reason.{f.reason}', lang)})"


def _table(report: ScanReport, ctx: Context) -> None:
    lang = ctx.lang
    for page in report.pages:
        where = f"{page.file}#{page.page}"
        if page.status is PageStatus.REJECTED:
            ctx.out(tr("scan.out.rejected", lang, where=where,
                       reason=tr(f"scan.page.{page.reason}", lang)))
            continue
        if page.status is PageStatus.BACK:
            ctx.out(tr("scan.out.back", lang, where=where, sheet=page.sheet or ""))
            continue
        if page.status is PageStatus.DUPLICATE:
            ctx.out(tr("scan.out.duplicate", lang, where=where, sheet=page.sheet or "",
                       first=page.same_as))
            continue
        used = [ln for ln in page.lines if ln.status != "blank"]
        review = [ln for ln in used if ln.status == "review"]
        ctx.out(tr("scan.out.read", lang, where=where, sheet=page.sheet or "",
                   lines=len(used), review=len(review)))
        for ln in used:
            parts = [_field_text(n, f, lang) for n, f in
                     (("resident", ln.resident), ("rule", ln.rule), ("quantity", ln.quantity))]
            who = f"{ln.resident_name} {ln.rule_code or ''}".strip()
            mark = "  " if ln.status == "ready" else "? "
            ctx.out(f"  {mark}{ln.line:>2}  " + "  ".join(parts) + (f"  [{who}]" if who else ""))
    counts = scanning.summary(report)
    ctx.out(tr("scan.out.summary", lang, **counts))


def cmd_scan(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    try:
        report = scanning.read_scans(ledger, args.paths)
    finally:
        ledger.close()
    if args.format == "json":
        ctx.out(json.dumps([page_json(p) for p in report.pages], ensure_ascii=False, indent=1))
    else:
        _table(report, ctx)
    return 0

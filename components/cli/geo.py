"""Place commands: geoparse (text -> place mentions), places (corrections) and build-gazetteer."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from components import services, settings, store
from components.cli.common import db_path, logger
from components.geo.gazetteer.build import add_dump_arguments, dump_options
from components.records import ResolvedMention


def add_geoparse_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "geoparse",
        help="print one JSON line per toponym found (with its role: event_place, place, demonym...)",
    )
    p.add_argument(
        "files",
        nargs="*",
        help="article files (read as ingest reads them: title, date, boilerplate dropped) or JSONL "
        "{id, text, published} (text taken verbatim); stdin when none",
    )


def add_build_gazetteer_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build-gazetteer", help="build the offline gazetteer from package data")
    p.add_argument("--min-population", type=int, default=500)
    p.add_argument("--countries", default="", help="comma-separated ISO2 codes (default: all)")
    p.add_argument("--out", default=None, help=f"folder (default: {settings.get('gazetteer_dir')})")
    p.add_argument("--if-missing", action="store_true", help="only build when no current gazetteer exists")
    p.add_argument("--no-admin2", action="store_true", help="leave out second-level regions (ADM2)")
    add_dump_arguments(p)


def add_places_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("places", help="correct place resolutions (stored, re-applied, undoable)")
    places = p.add_subparsers(dest="action", required=True)
    f = places.add_parser("fix", help="resolve NAME to a GeoNames id in stored and future articles")
    f.add_argument("name", help="the place as written in the articles (case and diacritics do not matter)")
    f.add_argument("--to", type=int, required=True, metavar="GEONAMEID", help="the right place's GeoNames id")
    f.add_argument("--article", default=None, metavar="ID", help="only in this article (default: everywhere)")
    f.add_argument("--by", default="", metavar="WHO", help="who made the correction")
    f.add_argument("--db", default=None)
    u = places.add_parser("undo", help="undo a correction, restoring the previous resolution")
    u.add_argument("correction_id", type=int)
    u.add_argument("--by", default="", metavar="WHO")
    u.add_argument("--db", default=None)
    ls = places.add_parser("list", help="every correction, newest first")
    ls.add_argument("--db", default=None)


def geoparse_inputs(files: Sequence[str]) -> Iterator[tuple[str, str, dt.date | None]]:
    """(id, text, published) of each input: an article file read as ingest reads it (title, publication date,
    the text without boilerplate lines), each line of a JSONL file (verbatim), or stdin."""
    from components.ingest.articles import Skip, parse_bytes, parse_date

    sources = []
    for f in files:
        if f.endswith(".jsonl"):
            sources.append((f, Path(f).read_text(encoding="utf-8")))
            continue
        for item in parse_bytes(Path(f).read_bytes(), f):
            if isinstance(item, Skip):
                logger.warning("skipped %s: %s", item.path, item.reason)
            else:
                yield f, item.text, item.published
    if not files:
        sources.append(("stdin", sys.stdin.read()))
    for name, content in sources:
        if name.endswith(".jsonl") or (name == "stdin" and content.lstrip().startswith("{")):
            for lineno, line in enumerate(content.splitlines(), start=1):
                if line.strip():
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        logger.warning("%s:%d: not a JSON line, skipped", name, lineno)
                        continue
                    yield (
                        str(rec.get("id", f"{name}:{lineno}")),
                        str(rec.get("text", "")),
                        parse_date(rec.get("published")),
                    )
        else:
            yield name, content, None


def mention_record(rm: ResolvedMention, role: str) -> dict[str, object]:
    """One toponym as geoparse prints it (the place fields are None when it was not placed)."""
    p, m = rm.place, rm.mention
    return {
        "doc": m.article_id,
        "role": role,
        "start": m.start_char,
        "end": m.end_char,
        "text": m.text,
        "name": p.name if p else None,
        "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None,
        "geonameid": p.geonameid if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "feature_code": p.feature_code if p else None,
        "score": round(rm.score, 3),
    }


def cmd_geoparse(args: argparse.Namespace) -> int:
    from components import pipeline
    from components.ingest.articles import Skip
    from components.records import Article

    inputs = list(geoparse_inputs(args.files))
    docs = [Article(article_id=doc, title="", text=text, published=pub) for doc, text, pub in inputs]
    for result in pipeline.run(docs):
        if isinstance(result, Skip):
            logger.warning("skipped %s: %s", result.path, result.reason)
            continue
        for rm, role in pipeline.toponyms_with_roles(result):
            sys.stdout.write(json.dumps(mention_record(rm, role), ensure_ascii=False) + "\n")
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    from components.store import corrections

    db = db_path(args)
    if args.action == "fix":
        cid = services.fix_place(db, args.name, args.to, article_id=args.article, by=args.by)
        with store.reading(db) as con:
            row = corrections.list_corrections(con).set_index("correction_id").loc[cid]
        where = f" in article {args.article}" if args.article else ""
        sys.stdout.write(
            f"correction {cid}: {args.name!r} -> {row.place_name}, {row.country_code} ({args.to}){where}\n"
        )
    elif args.action == "undo":
        services.undo_place_fix(db, args.correction_id, by=args.by)
        sys.stdout.write(f"correction {args.correction_id} undone\n")
    else:
        with store.writing(db) as con:  # as `fix` and `undo`: creates (or upgrades) the database
            df = corrections.list_corrections(con)
        sys.stdout.write(df.to_string(index=False) + "\n" if len(df) else "no corrections\n")
    return 0


def cmd_build_gazetteer(args: argparse.Namespace) -> int:
    from components.geo.gazetteer import build as gazetteer_build
    from components.geo.gazetteer import index as gazetteer

    countries = tuple(c.strip().upper() for c in args.countries.split(",") if c.strip()) or None
    out = Path(args.out or settings.get("gazetteer_dir"))
    if args.if_missing and gazetteer.is_current(out):
        sys.stdout.write(f"gazetteer in {out} is up to date: {gazetteer.Gazetteer(out).coverage()}\n")
        return 0
    stats = gazetteer_build.build(
        out,
        min_population=args.min_population,
        countries=countries,
        admin2=not args.no_admin2,
        **dump_options(args),
    )
    lines = [
        f"gazetteer built in {out} in {stats['build_seconds']:.0f} s: "
        f"{stats['places']:,} places, {stats['keys']:,} name keys",
        *(f"  villages: {describe_import(v)}" for v in stats["villages"]),
        f"  sources: {stats['sources']}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def describe_import(village_import: dict) -> str:
    """One line of the build report on a country's village dump."""
    v = village_import
    if not v.get("path"):
        return f"{v['country']}: no GeoNames dump ({v.get('note')}): small villages there are missing"
    return (
        f"{v['country']}: {v['places_added']:,} added, {v['places_named']:,} towns named, from {v['origin']} "
        f"({v['path']}, sha256 {v['sha256']})"
    )

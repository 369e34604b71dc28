"""`ds2fp eval DIR [--reader ocr|model|READINGS]`: per-page accuracy on real datasheets."""

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="score a reader on datasheet page folders (expect.json)")
    p.add_argument("dir", type=Path, help="folder of page folders (or one page folder)")
    p.add_argument("--reader", default="ocr",
                   help="ocr | model | a reading JSON | a folder of <page>.json readings")
    p.add_argument("--ground", action="store_true",
                   help="also OCR-check readers that have no OCR of their own (slow)")
    p.add_argument("--part-names", action="store_true",
                   help="tell the reader each page's part name, as a user would (taken from "
                        "the datasheet file name in gt.json)")
    p.add_argument("--scale", type=float, default=1.0,
                   help="shrink every page by this factor first (0.5: a 300-dpi page as a "
                        "150-dpi screenshot)")
    p.add_argument("--untitled", action="store_true",
                   help="with --reader ocr: read every page as if cropped below its title "
                        "(OCR runs naming a package family or outline code are dropped)")
    p.add_argument("--json", type=Path, default=None, help="also write the scores here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from daemon.eval.pages import load_pages
    from daemon.eval.readers import reader_for
    from daemon.eval.report import format_report
    from daemon.eval.scoring import score_page
    from footprint_writer.errors import Ds2fpError

    if not args.dir.is_dir():
        raise Ds2fpError(f"{args.dir} is not a folder")
    if not 0.05 <= args.scale <= 1.0:
        raise Ds2fpError(f"--scale {args.scale}: give a factor between 0.05 and 1")
    pages = load_pages(args.dir)
    if not pages:
        raise Ds2fpError(f"no page folders with expect.json under {args.dir}")
    get_reader = reader_for(args.reader, untitled=args.untitled)
    grounder = None
    scores = []
    for page in pages:
        print(f"reading {page.name} ...", file=sys.stderr, flush=True)
        reader = get_reader(page.name)
        if args.ground and getattr(reader, "grounder", None) is None:
            if grounder is None:
                from daemon.readers.factory import ocr_grounder

                grounder = ocr_grounder()
            reader.grounder = grounder
        options = None
        if args.part_names and page.part_name:
            from schemas.protocol import ExtractOptions

            try:
                options = ExtractOptions(part_name=page.part_name)
            except ValueError:
                options = None
        scores.append(score_page(page, reader, options, scale=args.scale))
    print(format_report(scores))
    if args.json is not None:
        args.json.write_text(json.dumps([{
            "page": s.name, "right": s.right, "total": s.total, "error": s.error,
            "seconds": round(s.seconds, 3), "not_on_page": s.not_on_page,
            "facts": [{"field": f.field, "expected": f.expected, "actual": f.actual,
                       "ok": f.ok} for f in s.facts]} for s in scores], indent=2,
            default=str))
    return 0

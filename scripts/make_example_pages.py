#!/usr/bin/env python3
"""Render the README's example datasheet pages from the example readings (never real pages).

    python3 scripts/make_example_pages.py            # writes examples/pages/*.png
    python3 scripts/make_example_pages.py --check    # fail if a page would change

The pages are ds2fp's own drawings (daemon.synth): try them with
`ds2fp extract examples/pages/soic8_package.png examples/pages/soic8_land_pattern.png
--in-process --reader ocr --json`, or the USB-C receptacle's
`examples/pages/usb_c16_land_pattern.png`.
"""

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (reading file, page name, what to draw)
PAGES = (
    ("soic8_reading.json", "soic8_package.png", ("package", "table")),
    ("soic8_reading.json", "soic8_package_inch.png", ("package", "inch")),
    ("soic8_reading.json", "soic8_land_pattern.png", ("land", None)),
    ("dfn8_reading.json", "dfn8_package_bottom.png", ("package", "bottom")),
    ("usb_c16_dimensions.json", "usb_c16_land_pattern.png", ("usb_c", None)),
)


def render_all():
    import json

    from daemon.ocr.usb_c import UsbCDimensions
    from daemon.synth.pages import land_pattern_page, package_page
    from daemon.synth.usb_c_page import usb_c_page
    from schemas.reading import DatasheetReading

    for reading_file, name, (kind, variant) in PAGES:
        text = (ROOT / "examples" / reading_file).read_text(encoding="utf-8")
        if kind == "usb_c":  # a connector: drawn from its dimensions, not a reading
            fields = json.loads(text)
            fields["front_slot"] = tuple(fields["front_slot"])
            fields["rear_slot"] = tuple(fields["rear_slot"])
            yield name, _png(usb_c_page(UsbCDimensions(**fields)))
            continue
        reading = DatasheetReading.model_validate_json(text)
        image = package_page(reading, variant) if kind == "package" else \
            land_pattern_page(reading)
        yield name, _png(image)


def _png(image) -> bytes:
    buf = io.BytesIO()
    # Line drawings: 16 grey levels keep the files small.
    image.convert("L").quantize(16).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    out = ROOT / "examples" / "pages"
    out.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, data in render_all():
        path = out / name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data) // 1024} KiB)")
    if stale:
        print(f"stale example pages: {', '.join(stale)}; run {Path(__file__).name}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The family of a table whose page names none, from the body and pitch JEDEC registers.

Users crop a screenshot to the dimension table and its drawing, leaving the title out
(issue 11, classes 2 and 3). A table read with JEDEC's letters still gives the body across
the rows (E1), the tip-to-tip span (E) and the pitch (e); gull-wing outlines are registered
with few body widths per pitch, so the pair names the family: 3.9 mm at 1.27 is MS-012's
SOIC, 4.4 mm at 0.65 MO-153's TSSOP. The lead count then comes from the drawing's pin-number
labels, checked against the body length. Anything that does not fit exactly one outline
stays "no family found" and the reader asks for a package hint; a fit is written into the
reading's notes for the reviewer to check.
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Set, Tuple

from daemon.ocr.outline_family import MS026_LEADS, MS026_TIP_OVER_BODY_MM
from daemon.ocr.tokens import OcrToken


@dataclass(frozen=True)
class JedecBody:
    """One registered gull-wing body: the family, its pitches and body width E1 (mm)."""

    family: str
    hint: str  # the package hint the reader is re-run with
    pitches: Tuple[float, ...]
    body: Tuple[float, float]  # E1 min, max
    outline: str
    # (pitch, D min, D max, lead count) of the outline's variations, where D fixes the count
    variations: Tuple[Tuple[float, float, float, int], ...] = ()
    height: Optional[float] = None  # the outline's largest seated height A (mm)
    # Every lead count the outline registers, where that list is short and complete
    # (TO-236AB: 3); a count from pin labels outside it is a misread label, not the part.
    counts: Tuple[int, ...] = ()
    # The size across the leads where JEDEC_TIPS has none: a DIP's shoulder E (the reader's
    # overall_width for a DIP), min and max in mm.
    across: Optional[Tuple[float, float]] = None


# Source: JEDEC MS-012 / MS-013 (SOIC), MO-153 (TSSOP), MO-187 (MSOP), MO-150 (SSOP),
# MO-137 (QSOP), MO-178 and TO-236 (SOT-23), MO-203 (SC-70), MS-001 (PDIP); EIAJ EDR-7320
# (SOP 5.3 mm).
# E1 windows hold each outline's min..max with the rounding makers print; heights are the
# outlines' largest A (MS-012 1.75, MS-013 2.65, MO-153 1.20, MO-187 1.10, MO-150 2.00,
# MO-137 1.75, MO-178 1.45, MO-203 1.10, MS-001 5.33).
# Variations: MS-012 AA/AB/AC, MS-013 AA-AE, MO-153 AA/AC/AD/AE at 0.65 (AB-1 and AB share
# D 4.90-5.10 for 14 and 16 leads: the labels must say), MO-187 AA (0.65) and BA (0.5).
JEDEC_BODIES: Tuple[JedecBody, ...] = (
    JedecBody("soic", "SOIC", (1.27,), (3.7, 4.1), "JEDEC MS-012 (SOIC, 3.9 mm body)",
              ((1.27, 4.80, 5.00, 8), (1.27, 8.55, 8.75, 14), (1.27, 9.80, 10.00, 16)), 1.75),
    JedecBody("soic", "SOIC", (1.27,), (7.3, 7.7), "JEDEC MS-013 (SOIC, 7.5 mm body)",
              ((1.27, 10.10, 10.50, 16), (1.27, 11.35, 11.75, 18), (1.27, 12.60, 13.00, 20),
               (1.27, 15.20, 15.60, 24), (1.27, 17.70, 18.10, 28)), 2.65),
    JedecBody("soic", "SOIC", (1.27,), (5.1, 5.5), "EIAJ SOP (5.3 mm body)"),
    JedecBody("tssop", "TSSOP", (0.65, 0.5, 0.4), (4.3, 4.5), "JEDEC MO-153 (TSSOP, 4.4 mm)",
              ((0.65, 2.90, 3.10, 8), (0.65, 6.40, 6.60, 20), (0.65, 7.70, 7.90, 24),
               (0.65, 9.60, 9.80, 28)), 1.2),
    JedecBody("tssop", "TSSOP", (0.65, 0.5, 0.4), (6.0, 6.2), "JEDEC MO-153 (TSSOP, 6.1 mm)",
              height=1.2),
    JedecBody("msop", "MSOP", (0.65, 0.5), (2.9, 3.1), "JEDEC MO-187 (MSOP, 3.0 mm body)",
              ((0.65, 2.90, 3.10, 8), (0.5, 2.90, 3.10, 10)), 1.1),
    JedecBody("ssop", "SSOP", (0.65,), (5.2, 5.4), "JEDEC MO-150 (SSOP, 5.3 mm body)",
              height=2.0),
    JedecBody("ssop", "SSOP", (0.635,), (3.8, 4.0), "JEDEC MO-137 (QSOP)", height=1.75),
    # TO-236AB (SOT-23, 3 leads: E1 1.20-1.40, E 2.10-2.64, D 2.80-3.04) and MO-178 (SOT-23-5
    # and -6: E1 1.50-1.75, E 2.60-3.00, D 2.80-3.10) have bodies apart: each fixes its tips.
    # TO-236's A (1.12 max in the register) is left open: makers print up to 1.20 MAX.
    JedecBody("sot23", "SOT-23", (0.95,), (1.2, 1.4), "JEDEC TO-236AB (SOT-23, 3 leads)",
              ((0.95, 2.80, 3.04, 3),), counts=(3,)),
    JedecBody("sot23", "SOT-23", (0.95,), (1.5, 1.8), "JEDEC MO-178 (SOT-23-5, SOT-23-6)",
              ((0.95, 2.80, 3.10, 5), (0.95, 2.80, 3.10, 6)), 1.45, counts=(5, 6)),
    # MS-001 (0.300 in PDIP): E1 6.10-7.11 body under the E shoulder 7.62-8.26; D fixes 8
    # (BA, 9.02-10.16), 18 (AC, 22.35-23.37) and 20 (AD, 24.89-26.92) leads. 14 (AA,
    # 18.67-19.69) and 16 (AB, 19.81-20.32) are apart in the register but makers print a
    # 16-lead D from 18.55 (NXP SOT38-4): one window for both, the labels or a printed
    # count decide.
    JedecBody("dip", "DIP", (2.54,), (6.0, 7.2), "JEDEC MS-001 (PDIP, 0.300 in rows)",
              ((2.54, 9.02, 10.16, 8), (2.54, 18.55, 20.32, 14), (2.54, 18.55, 20.32, 16),
               (2.54, 22.35, 23.37, 18), (2.54, 24.89, 26.92, 20)), 5.33,
              across=(7.62, 8.26)),
    JedecBody("sot23", "SC-70", (0.65,), (1.15, 1.4), "JEDEC MO-203 (SC-70)", height=1.1,
              counts=(3, 5, 6)),
)
_PITCH_EPS = 0.011


@dataclass(frozen=True)
class BodyGuess:
    family: str
    hint: str
    pins: Optional[int]
    why: str


def body_outline(fields: Dict[str, object]) -> Optional[JedecBody]:
    """The one registered gull-wing body the table's E1, E and e fit, or None. E must
    exceed E1 (leads out to the sides); a table without them names no body."""
    pitch, body, tips = (fields.get(k) for k in ("pitch", "body_width", "overall_width"))
    if pitch is None or body is None or tips is None or tips.nominal <= body.nominal:
        return None
    fits = [o for o in JEDEC_BODIES
            if any(abs(pitch.nominal - p) <= _PITCH_EPS for p in _lettered_pitches(o))
            and o.body[0] <= body.nominal <= o.body[1]]
    return fits[0] if len(fits) == 1 else None


def _lettered_pitches(outline: JedecBody) -> Tuple[float, ...]:
    """The spacings a table may letter e: the pitch, and on a three-lead outline the
    spacing of its outer leads too (TO-236's e1 = 1.90, which onsemi's case 318 letters
    e; the reader re-run as that family reads it as the span it is)."""
    if outline.counts == (3,):
        return outline.pitches + tuple(2 * p for p in outline.pitches)
    return outline.pitches


def gull_wing_outline(sizes: Dict[float, object], pitches: Dict[float, object],
                      labels: Set[int]) -> Optional[Tuple[JedecBody, int, Dict[str, object]]]:
    """(outline, lead count, sizes as printed) of an untitled two-row gull-wing drawing:
    one printed basic pitch (TYP/BSC), a toleranced body E1 in a registered window, one
    toleranced length D in a variation (its printed range inside the variation's) and a
    toleranced size in the outline's tip-to-tip span (footprint_writer.ipc.jedec_leads.
    JEDEC_TIPS; kept as E only where it is the one such size). The count is the
    variation's, or where D fits several (MO-178's 5 and 6 leads) the largest pin label
    among them (OCR joins a stroke to a digit: "|4|" reads 14, so larger labels are no
    veto). Exactly one outline must fit."""

    fits = []
    for body in JEDEC_BODIES:
        for pitch in body.pitches:
            e = [v for k, v in pitches.items() if abs(k - pitch) <= _PITCH_EPS]
            e1 = [v for k, v in sizes.items() if body.body[0] <= k <= body.body[1]]
            tips = _registered_tips(body, pitch)
            if len(e) != 1 or len(e1) != 1 or len(tips) != 1:
                continue
            lengths = [(v, n) for v in sizes.values() for p, lo, hi, n in body.variations
                       if abs(p - pitch) <= _PITCH_EPS and _within(v, lo - 0.011, hi + 0.011)]
            counts = {n for _, n in lengths}
            named = [n for n in labels if n in counts]
            count = next(iter(counts)) if len(counts) == 1 else max(named, default=None)
            if count is None:
                continue
            ds = [v for v, n in lengths if n == count]
            if len(ds) != 1:
                continue
            d = ds[0]
            e_span = [v for v in sizes.values() if v is not d
                      and _within(v, tips[0][0] - 0.1, tips[0][1] + 0.1)]
            if not e_span:
                continue  # no size across the leads: nothing shows they leave the body
            printed = {"pitch": e[0], "body_width": e1[0], "body_length": d}
            if len(e_span) == 1:  # else left to the drawing (a land size may fit too)
                printed["overall_width"] = e_span[0]
            fits.append((body, count, printed))
    return fits[0] if len({(f[0].outline, f[1], f[2]["pitch"].value) for f in fits}) == 1 \
        else None


def _registered_tips(body: JedecBody, pitch: float) -> List[Tuple[float, float]]:
    """The tip-to-tip spans E (min, max) JEDEC registers for this body at this pitch
    (footprint_writer.ipc.jedec_leads.JEDEC_TIPS): one, or none."""
    from footprint_writer.ipc.jedec_leads import JEDEC_TIPS

    if body.across is not None:
        return [body.across]
    return [t.tips for t in JEDEC_TIPS if t.family == body.family and t.body == body.body
            and abs(t.pitch - pitch) <= _PITCH_EPS]


def _within(value, low: float, high: float) -> bool:
    """The printed size's whole range (min to max) lies in the window: MO-178's 2.90 +/-0.10
    is its length D, the 2.80 +/-0.20 beside it (E) reaches under D's 2.80 minimum."""
    return low <= value.lo and value.hi <= high


def outline_windows(family: Optional[str], pitch: Optional[float], pins: Optional[int]
                    ) -> List[Tuple[str, Dict[str, Tuple[float, float]]]]:
    """(outline, windows) for each registered outline of this family, pitch and lead count:
    body E1, tip-to-tip E (footprint_writer.ipc.jedec_leads.JEDEC_TIPS), body length D of the
    variation with that count, seated height A; each widened by makers' rounding (0.1 mm,
    A from 70 % of its maximum). For drawings whose views show each size on a different axis
    (National's M08A: E1 on the end view, E on the top view), where nesting cannot pair
    them."""

    if family is None or pitch is None or pins is None:
        return []
    out = []
    for body in JEDEC_BODIES:
        if body.family != family or not any(abs(pitch - p) <= _PITCH_EPS for p in body.pitches):
            continue
        lengths = [(lo, hi) for p, lo, hi, n in body.variations
                   if n == pins and abs(p - pitch) <= _PITCH_EPS]
        tips = _registered_tips(body, pitch)
        if len(lengths) != 1 or len(tips) != 1:
            continue
        windows = {"body_width": (body.body[0], body.body[1]),
                   "overall_width": (tips[0][0] - 0.1, tips[0][1] + 0.1),
                   "body_length": (lengths[0][0] - 0.1, lengths[0][1] + 0.1)}
        if body.height:
            windows["height"] = (0.7 * body.height, body.height + 0.06)
        out.append((body.outline, windows))
    return out


def tallest(family: Optional[str], pitch: Optional[float], body: Optional[float]
            ) -> Optional[float]:
    """The largest seated height JEDEC registers for the outline a family's pitch and body
    width E1 fit, or None where none fits (or several do)."""
    if family is None or pitch is None or body is None:
        return None
    fits = [o for o in JEDEC_BODIES if o.family == family and o.height
            and any(abs(pitch - p) <= _PITCH_EPS for p in o.pitches)
            and o.body[0] <= body <= o.body[1]]
    return fits[0].height if len(fits) == 1 else None


def pins_from_labels(tokens: Sequence[OcrToken], pitch: float,
                     length: Optional[float]) -> Optional[int]:
    """The lead count of a two-row part from its drawing's pin-number labels: the largest
    bare integer, if it is even, at least 4, and its half fits the body length at this
    pitch (a row of n leads spans (n - 1) pitches and sits inside the body); else None."""
    labels = {int(m.group(1)) for t in tokens
              for m in [re.fullmatch(r"#?(\d{1,2})", t.text.strip())] if m}
    if not labels:
        return None
    n = max(labels)
    if n < 4 or n % 2:
        return None
    if length is not None and not (n // 2 - 1) * pitch < length <= (n // 2 + 1) * pitch + 1.0:
        return None
    return n


def pins_from_length(outline: JedecBody, pitch: float, length: Optional[float]
                     ) -> Optional[int]:
    """The lead count the outline's registered variations give this body length D (its
    midpoint within a variation's limits), or None where none or several do."""
    if length is None:
        return None
    counts = {n for p, low, high, n in outline.variations
              if abs(p - pitch) <= _PITCH_EPS and low - 0.011 <= length <= high + 0.011}
    return counts.pop() if len(counts) == 1 else None


def quad_flat_pack(fields: Dict[str, object], pins: Optional[int]) -> Optional[BodyGuess]:
    """An untitled table of a JEDEC MS-026 LQFP/TQFP, read with JEDEC's plain letters (E tip
    to tip, E1 the body): tips 2.00 mm over the body, at a registered (body, pitch) whose
    lead count MS026_LEADS gives (daemon.ocr.outline_family)."""
    pitch, body, tips = (fields.get(k) for k in ("pitch", "body_width", "overall_width"))
    if pitch is None or body is None or tips is None:
        return None
    if abs(tips.nominal - body.nominal - MS026_TIP_OVER_BODY_MM) > 0.05:
        return None
    count = next((n for (b, e), n in MS026_LEADS.items() if abs(b - body.nominal) < 0.011
                  and abs(e - pitch.nominal) <= _PITCH_EPS), None)
    if count is None or (pins and pins != count):
        return None
    why = (f"no family named: a {body.nominal:g} mm body with {tips.nominal:g} mm tips at "
           f"{pitch.nominal:g} mm pitch is JEDEC MS-026 LQFP-{count}")
    return BodyGuess("qfp", "LQFP", count, why)


def guess_from_table(fields: Dict[str, object], tokens: Sequence[OcrToken],
                     pins: Optional[int]) -> Optional[BodyGuess]:
    """Family (and, where the page prints none, the lead count) of an untitled table."""
    outline = body_outline(fields)
    if outline is None:
        return quad_flat_pack(fields, pins)
    pitch = fields["pitch"].nominal
    length = fields.get("body_length")
    d = length.nominal if length else None
    why = (f"no family named: E1 {fields['body_width'].nominal:g} mm with e {pitch:g} mm "
           f"is {outline.outline}")
    count = pins
    if count is None:
        count = pins_from_labels(tokens, pitch, d)
        if count and outline.counts and count not in outline.counts:
            count = None  # a label the outline cannot have (an "8" of another figure)
        if count:
            why += f"; {count} leads from the drawing's pin labels"
    if count is None and len(outline.counts) == 1:
        count = outline.counts[0]
        why += f", which registers {count} leads only"
    if count is None:
        count = pins_from_length(outline, pitch, d)
        if count:
            why += f"; {count} leads: the variation its length D {d:g} mm is"
    return BodyGuess(outline.family, outline.hint, count, why)


@dataclass(frozen=True)
class RegisteredSize:
    """A size the registered outline fixes and many maker pages leave unprinted, taken
    (source 'default', said in the notes) where the page gives none."""

    family: str
    field: str  # DatasheetReading field
    min: Optional[float]
    max: Optional[float]
    why: str
    leads: Tuple[int, ...] = ()  # the lead counts the outline has (empty: any)


# Source: JEDEC TO-252AA as Vishay (DWG 5973) and Diodes (TO252 Type TH) draw it: b
# 0.64-0.89 (AMS prints two TYP widths, 0.635 and 0.762, neither labelled); D1, the tab's
# length on the board, 5.30 min / REF (the IPC tab pad needs it as its foot). TO-252AA has
# two leads (three, the middle one uncut): a five-lead TO-252-5 has narrower ones (Rohm's
# 0.5).
REGISTERED_SIZES: Tuple[RegisteredSize, ...] = (
    RegisteredSize("dpak", "lead_width", 0.64, 0.89, "JEDEC TO-252AA's lead width b",
                   leads=(2, 3)),
    RegisteredSize("dpak", "exposed_pad_width", 5.30, 5.30,
                   "JEDEC TO-252AA's D1 (the tab's length on the board)", leads=(2, 3)),
)


def registered_sizes(family: Optional[str], leads: Optional[int] = None
                     ) -> Tuple[RegisteredSize, ...]:
    """The family's registered sizes that hold for `leads` (None: a count not read)."""
    return tuple(r for r in REGISTERED_SIZES if r.family == family
                 and (not r.leads or leads is None or leads in r.leads))

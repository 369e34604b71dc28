"""How far IPC-7351B is from real datasheets' recommended land patterns.

For the IC pages in ../shared/eval/datasheets (not part of the repository), the package
dimensions printed on the page (transcribed below from each folder's gt.json) go through
`land_pattern_from_package` at the three density levels, and the result is compared, per
dimension, with the land pattern the same datasheet recommends. Two counts: differences
above 0.1 mm (what the cross-check once warned about, on nearly every page) and the
warnings it gives now (negative fillets, pads beyond IPC's most density, holes too small).
Prints a table; asserts nothing.

    python3 benchmarks/ipc_vs_datasheets.py [--eval ../shared/eval/datasheets]
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from footprint_writer.ipc.crosscheck import cross_check  # noqa: E402
from schemas.reading import DatasheetReading  # noqa: E402
from schemas.toleranced import Toleranced  # noqa: E402


def t(v):
    """gt.json value: number or [min, nom, max] -> Toleranced."""
    if isinstance(v, (int, float)):
        return Toleranced(nom=v)
    lo, nom, hi = v
    return Toleranced(min=lo, nom=nom, max=hi)


# folder -> (reading fields from gt.json package keys, recommended pattern keys)
CASES = {
    "01_MCP73831_DFN-8_2x3_C04-123C": (
        dict(family="dfn", pin_count=8, pitch="pitch_e", body_width="E_width",
             body_length="D_length", lead_width="b_lead_width", lead_length="L_lead_length",
             exposed_pad_width="E2_ep_width", exposed_pad_length="D2_ep_length"),
        dict(pad_width="X1_pad_width_max", pad_length="Y1_pad_length_max",
             row_spacing="C1_pad_row_spacing",
             # Microchip's T2 (1.75) is the pad across the rows (package E2 1.5-1.75),
             # W2 (1.45) the one along them (D2 1.3-1.55)
             exposed_pad_width="T2_ep_length_max", exposed_pad_length="W2_ep_width_max")),
    "02_MCP73831_SOT-23-5_C04-091B": (
        dict(family="sot23", pin_count=5, pitch="pitch_e", overall_width="E_overall_width",
             body_width="E1_body_width", body_length="D_body_length",
             lead_width="b_lead_width", lead_length="L"),
        dict(pad_width="X_pad_width_max", pad_length="Y_pad_length_max",
             row_spacing="C_pad_row_spacing")),
    "03_LM358_TI_D0008A_SOIC-8": (
        dict(family="soic", pin_count=8, pitch="pitch_e", overall_width="E_overall_width",
             body_width="E1_body_width", body_length="D_body_length",
             lead_width="b_lead_width", lead_length="L"),
        dict(pad_width="pad_width", pad_length="pad_length",
             row_spacing="pad_row_spacing_center")),
    "04_LM339_onsemi_TSSOP-14_948G": (
        dict(family="tssop", pin_count=14, pitch="pitch_G", overall_width="L_overall_width",
             body_width="B_body_width", body_length="A_body_length",
             lead_width="K_lead_width", lead_length="F"),
        dict(pad_width="pad_width", pad_length="pad_length",
             row_spacing="pad_row_spacing_center_derived")),
    "05_2N7002_Yangjie_SOT-23": (
        dict(family="sot23", pin_count=3, pitch="pitch_e", overall_width="E1_overall_width",
             body_width="E_body_width", body_length="D_body_length",
             lead_width="b_lead_width", lead_length="L1"),
        dict(pad_width="pad_x", pad_length="pad_y", row_spacing="row_spacing_center")),
}


LETTERS = {"pad_width": "X", "pad_length": "Y", "row_spacing": "C",
           "exposed_pad_width": "X2", "exposed_pad_length": "Y2"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    # ../shared beside the clone (CI); a git worktree sits one level deeper
    candidates = [root.parent / "shared", root.parents[1] / "shared"]
    default = next((c for c in candidates if c.is_dir()), candidates[0]) / "eval" / "datasheets"
    parser.add_argument("--eval", type=Path, default=default)
    args = parser.parse_args(argv)
    if not args.eval.is_dir():
        print(f"no evaluation pages at {args.eval}; nothing to compare")
        return 0
    print(f"{'part':34s} {'dens.':8s} {'dim':3s} {'datasheet':>9s} {'IPC':>7s} {'diff':>7s}")
    warnings = compared = over = 0
    for folder, (pkg_map, lp_map) in CASES.items():
        gt_path = args.eval / folder / "gt.json"
        if not gt_path.is_file():
            continue
        values = json.loads(gt_path.read_text())["datasheet_values_mm"]
        fields = {k: (t(values["package"][v]) if isinstance(v, str) and k not in
                      ("family",) else v) for k, v in pkg_map.items()}
        reading = DatasheetReading(units="mm", exposed_pad="exposed_pad_width" in fields,
                                   **fields)
        used = {k: values["land_pattern"][v] for k, v in lp_map.items()}
        for density in ("least", "nominal", "most"):
            result, issues = cross_check(reading, used, density)
            ipc = {k: getattr(result.land_pattern, k) for k in used}
            for k, ds in used.items():
                theirs = ipc[k].nominal if ipc[k] is not None else None
                if k == "pad_length" and theirs is None:
                    continue
                compared += 1
                diff = ds - theirs
                over += abs(diff) > 0.1 + 1e-9
                print(f"{folder[:34]:34s} {density:8s} {LETTERS[k]:3s} {ds:9.3f} {theirs:7.3f} "
                      f"{diff:+7.3f}")
            warnings += sum(1 for i in issues if i.code == "ipc_difference")
    print(f"\n{compared} dimensions compared, {over} differ by more than 0.1 mm; "
          f"{warnings} cross-check warnings (3 densities x {len(CASES)} parts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

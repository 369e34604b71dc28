"""IPC-7351B equations: hand-checked values, RMS tolerance, rounding, table switch."""

import math

import pytest

from footprint_writer.ipc import tables as t
from footprint_writer.ipc.dimension import IpcDim
from footprint_writer.ipc.equations import clear_exposed_pad, inner_span, zgx
from footprint_writer.ipc.rounding import to_base


def test_inner_span_uses_rms_tolerance():
    # SOIC-8: L 5.8..6.2, T 0.4..1.27 -> S 3.26..5.4, Stol(RMS) = sqrt(0.4² + 2·0.87²)
    S = inner_span(IpcDim(5.8, 6.2), IpcDim(0.4, 1.27))
    assert S.min == pytest.approx(3.26)
    assert S.max == pytest.approx(5.4)
    assert S.rms == pytest.approx(math.sqrt(0.4 ** 2 + 2 * 0.87 ** 2))
    assert S.max_rms == pytest.approx(5.4 - (2.14 - S.rms) / 2)


# (L min/max, T min/max, W min/max, table, density, Zmax, Gmin, Xmax), each worked by hand:
#   Zmax = Lmin + 2JT + sqrt(CL² + F² + P²), F = 0.1, P = 0.05, rounded to 0.05.
CASES = [
    # SOIC-8 nominal: Z = 5.8+0.7+0.4153 = 6.915 -> 6.9; G = 4.9769-0.7-1.2986 = 2.978 -> 3.0;
    # X = 0.31+0.06+0.2291 = 0.599 -> 0.6
    ((5.8, 6.2), (0.4, 1.27), (0.31, 0.51), t.GULLWING_LARGE_PITCH, "nominal", 6.9, 3.0, 0.6),
    # least: Z = 5.8+0.3+0.4153 = 6.515 -> 6.5; G = 4.9769-0.5-1.2986 = 3.178 -> 3.2;
    # X = 0.31+0.02+0.2291 = 0.559 -> 0.55
    ((5.8, 6.2), (0.4, 1.27), (0.31, 0.51), t.GULLWING_LARGE_PITCH, "least", 6.5, 3.2, 0.55),
    # most: Z = 5.8+1.1+0.4153 = 7.315 -> 7.3; G = 4.9769-0.9-1.2986 = 2.778 -> 2.8;
    # X = 0.31+0.1+0.2291 = 0.639 -> 0.65
    ((5.8, 6.2), (0.4, 1.27), (0.31, 0.51), t.GULLWING_LARGE_PITCH, "most", 7.3, 2.8, 0.65),
    # TSSOP 0.5 mm pitch (small-pitch table): L 6.4 exact, T 0.45..0.75, W 0.17..0.27
    # Z = 6.4+0.7+0.1118 = 7.212 -> 7.2; S = 4.9..5.5, rms 0.4243, Smax_rms = 5.4121,
    # G = 5.4121-0.7-0.4387 = 4.273 -> 4.25; X = 0.17-0.04+0.1500 = 0.280 -> 0.3
    ((6.4, 6.4), (0.45, 0.75), (0.17, 0.27), t.GULLWING_SMALL_PITCH, "nominal", 7.2, 4.25, 0.3),
]


@pytest.mark.parametrize("L, T, W, table, density, Z, G, X", CASES)
def test_zgx_hand_checked(L, T, W, table, density, Z, G, X):
    Ld = IpcDim(*L)
    row = zgx(Ld, inner_span(Ld, IpcDim(*T)), IpcDim(*W), table.goals(density),
              table.round_base)
    assert (row.Zmax, row.Gmin, row.Xmax) == (Z, G, X)
    assert row.pad_length == pytest.approx((Z - G) / 2)
    assert row.row_spacing == pytest.approx((Z + G) / 2)


def test_density_levels_order_pad_sizes():
    Ld = IpcDim(5.8, 6.2)
    rows = {d: zgx(Ld, inner_span(Ld, IpcDim(0.4, 1.27)), IpcDim(0.31, 0.51),
                   t.GULLWING_LARGE_PITCH.goals(d), t.GULLWING_LARGE_PITCH.round_base)
            for d in ("least", "nominal", "most")}
    assert rows["least"].Zmax < rows["nominal"].Zmax < rows["most"].Zmax
    assert rows["least"].Gmin > rows["nominal"].Gmin > rows["most"].Gmin
    assert t.GULLWING_LARGE_PITCH.goals("most").courtyard == 0.5


def test_missing_tolerance_means_zero_tolerance():
    row = zgx(IpcDim.exact(6.0), IpcDim.exact(4.0), IpcDim.exact(0.4),
              t.GULLWING_LARGE_PITCH.nominal, t.GULLWING_LARGE_PITCH.round_base)
    rss = math.sqrt(0.1 ** 2 + 0.05 ** 2)
    assert row.Zmax_raw == pytest.approx(6.0 + 0.7 + rss)
    assert row.Gmin_raw == pytest.approx(4.0 - 0.7 - rss)


def test_min_greater_than_max_rejected():
    with pytest.raises(ValueError, match="minimum"):
        IpcDim(1.0, 0.9)


@pytest.mark.parametrize("value, base, expected", [
    (0.599, 0.05, 0.6), (6.915, 0.05, 6.9), (2.978, 0.05, 3.0), (1.45, 0.02, 1.44),
    (0.975, 0.05, 1.0)])
def test_rounding_to_base(value, base, expected):
    assert to_base(value, base) == expected


def test_exposed_pad_clearance_widens_gap():
    Ld = IpcDim(4.9, 4.9)
    row = zgx(Ld, inner_span(Ld, IpcDim(0.3, 0.5)), IpcDim(0.17, 0.27),
              t.NO_LEAD.nominal, t.NO_LEAD.round_base)
    cleared = clear_exposed_pad(row, 3.8, 0.2)
    assert cleared.Gmin == pytest.approx(4.2)
    assert cleared.heel_reduction == pytest.approx((4.2 - row.Gmin) / 2)
    assert clear_exposed_pad(row, 1.0, 0.2) is row


def test_tables_carry_their_ipc_numbers():
    for table in t.LEAD_TABLES.values():
        assert table.ipc_table.startswith("IPC-7351B Table")
    assert t.GULLWING_SMALL_PITCH.nominal.side == -0.02
    assert t.CHIP_BELOW_0603.nominal.courtyard == 0.15

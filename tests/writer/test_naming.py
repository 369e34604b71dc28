"""KLC names for the families the builder produces, checked against names in KiCad's library."""

import pytest

from footprint_writer.naming import (
    chip_name,
    dip_name,
    header_name,
    ic_name,
    mm,
    sanitize,
    sot_name,
)
from schemas.text import is_footprint_name


@pytest.mark.parametrize("value, text", [(4, "4"), (3.9, "3.9"), (1.27, "1.27"), (0.5, "0.5"),
                                         (2.6999999, "2.7"), (7.62, "7.62"), (0.0, "0")])
def test_mm(value, text):
    assert mm(value) == text


@pytest.mark.parametrize("name, expected", [
    (ic_name("SOIC", 8, 3.9, 4.9, pitch=1.27), "SOIC-8_3.9x4.9mm_P1.27mm"),
    (ic_name("QFN", 24, 4, 4, pitch=0.5, ep=(2.7, 2.7)), "QFN-24-1EP_4x4mm_P0.5mm_EP2.7x2.7mm"),
    (ic_name("TSSOP", 20, 4.4, 6.5, pitch=0.65), "TSSOP-20_4.4x6.5mm_P0.65mm"),
    (ic_name("SSOP", 16, 3.9, 4.9, pitch=0.635), "SSOP-16_3.9x4.9mm_P0.635mm"),  # QSOP
    (dip_name(8, 7.62), "DIP-8_W7.62mm"),
    (header_name(1, 4, 2.54), "PinHeader_1x04_P2.54mm_Vertical"),
    (header_name(2, 20, 2.54), "PinHeader_2x20_P2.54mm_Vertical"),
    (chip_name("R", 1.6, 0.8), "R_0603_1608Metric"),
    (chip_name("C", 2.0, 1.25), "C_0805_2012Metric"),
    (chip_name("R", 1.4, 0.9), "R_1409Metric"),
    (sot_name("SOT-23", 3), "SOT-23"),
    (sot_name("SOT-23", 5), "SOT-23-5"),
])
def test_klc_names(name, expected):
    assert name == expected
    assert is_footprint_name(name)


def test_sanitize_keeps_schema_pattern():
    assert sanitize("My part/rev 2 µ") == "My_part_rev_2_u"
    assert sanitize("µA741") == "uA741"
    assert sanitize("../../etc/passwd") == "etc_passwd"
    assert sanitize("-rf") == "rf" and sanitize("..") == "Footprint"
    assert is_footprint_name(sanitize("x" * 300))
    assert sanitize("???") == "Footprint"

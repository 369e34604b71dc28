"""Prompts ask for what is printed, per image role, with every image in order."""

import pytest
from PIL import Image

from daemon.model.prompts import ROLE_TEXT, build_messages
from daemon.readers.base import PageImage, ReadHints


def _page(role, name=""):
    return PageImage(image=Image.new("RGB", (64, 64), "white"), role=role, name=name)


@pytest.mark.parametrize("role, words", [
    ("package", ["MIN, NOM and MAX", "TOP or BOTTOM", "pin 1"]),
    ("land_pattern", ["land_pattern", "pitch", "pads"]),
    ("both", ["PACKAGE", "LAND PATTERN"]),
    ("other", ["part name"]),
])
def test_each_role_says_what_to_read(role, words):
    for word in words:
        assert word in ROLE_TEXT[role]


def test_messages_interleave_role_text_and_images_in_order():
    pages = [_page("package", "p58.png"), _page("land_pattern")]
    messages = build_messages(pages, ReadHints())
    assert [m["role"] for m in messages] == ["system", "user"]
    content = messages[1]["content"]
    assert [c["type"] for c in content] == ["text", "image", "text", "image", "text"]
    assert content[1]["image"] is pages[0].image and content[3]["image"] is pages[1].image
    assert "p58.png" in content[0]["text"] and "PACKAGE" in content[0]["text"]
    assert "LAND PATTERN" in content[2]["text"]
    system = messages[0]["content"][0]["text"]
    assert "never compute" in system and "never convert units" in system


def test_hints_are_offered_but_the_page_wins():
    messages = build_messages([_page("both")], ReadHints(part_name="LM358",
                                                          package_hint="SOIC-8",
                                                          units_hint="mil"))
    closing = messages[1]["content"][-1]["text"]
    assert "part LM358, package SOIC-8, units mil" in closing
    assert "Trust the page" in closing
    assert "The user says" not in build_messages([_page("both")], ReadHints())[1][
        "content"][-1]["text"]

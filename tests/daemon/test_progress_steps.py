"""Progress by step (issue 14 item 3): the pipeline reports which page is being OCRed, the
reading, the build and the check, with how many of the planned steps are done; the daemon
forwards them (and repeats the last in heartbeats); the plugin turns them into its line."""

from daemon.client import InProcessClient
from kicad_plugin.progress_text import progress_label
from schemas.protocol import ExtractOptions, Progress
from tests.daemon.fake_readers import RECORDED
from tests.daemon.images_data import page_png


def test_steps_of_a_file_reader_extract():
    from daemon.readers.factory import make_reader

    seen = []
    reply = InProcessClient(make_reader(f"file:{RECORDED}", ground=False)).extract(
        [(page_png(), "package"), (page_png(), "land_pattern")], ExtractOptions(),
        progress=seen.append)
    assert reply.ok, reply.error
    assert [(p.stage, p.step, p.done, p.total) for p in seen] == [
        ("reading", "reading 2 pages (file)", 0, 2),
        ("building", "building and checking the footprint", 1, 2)]


def test_plugin_label():
    assert progress_label({"stage": "reading", "step": "page 2/2: OCR", "done": 1,
                           "total": 4}) == ("page 2/2: OCR...", 25)
    assert progress_label({"stage": "queued", "queue_position": 2}) == \
        ("waiting in the daemon's queue (position 2)", None)
    # an older daemon sends the stage only
    assert progress_label({"stage": "building"}) == ("building the footprint...", None)


def test_progress_fields_are_optional_for_old_daemons():
    old = Progress.model_validate({"stage": "reading", "elapsed_s": 1.0})
    assert old.step == "" and old.fraction() is None
    new = Progress.model_validate({"stage": "reading", "step": "x", "done": 3, "total": 4,
                                   "future_field": 1})
    assert new.fraction() == 0.75


def test_daemon_forwards_steps_and_repeats_them_in_heartbeats(start_daemon):
    """Over ZeroMQ: the worker's step reaches the client, and the 1 s heartbeats during a
    slow read carry the same step (not a bare 'reading')."""
    d = start_daemon("--reader", f"file:{RECORDED}", "--simulate-latency", "2.5")
    d.wait_ready()
    seen = []
    with d.client() as c:
        reply = c.extract([(page_png(), "package"), (page_png(), "land_pattern")],
                          ExtractOptions(), progress=seen.append)
    assert reply.ok, reply.error
    reading = [p for p in seen if p.step == "reading 2 pages (file)"]
    assert len(reading) >= 2, [(p.stage, p.step) for p in seen]  # step + heartbeats
    assert all(p.done == 0 and p.total == 2 for p in reading)
    assert any(p.step == "building and checking the footprint" for p in seen)
    assert reading[-1].elapsed_s > reading[0].elapsed_s

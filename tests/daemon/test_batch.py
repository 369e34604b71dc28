"""`ds2fp batch` and the `batch` request kind (issue 14 item 4): one sub-folder per part,
a summary table or JSON, bad parts reported and skipped, the exit status counting them; the
same batch in-process and through the daemon; `info` names what reads."""

import json

import pytest

from daemon.cli import main
from daemon.wire import WireError, parse_frames
from schemas.protocol import MAX_BATCH_PARTS, ExtractOptions, Request
from tests.daemon.fake_readers import RECORDED
from tests.daemon.images_data import page_png


@pytest.fixture
def parts(tmp_path):
    root = tmp_path / "parts"
    for name in ("a_good", "b_good"):
        (root / name).mkdir(parents=True)
        (root / name / "package.png").write_bytes(page_png(300, 200))
        (root / name / "land.png").write_bytes(page_png(310, 200))
    (root / "b_good" / "hints.json").write_text(json.dumps({"name": "SOIC-8_Second"}))
    (root / "c_empty").mkdir()
    (root / "d_junk").mkdir()
    (root / "d_junk" / "page.png").write_bytes(b"not an image")
    (root / "e_badhints").mkdir()
    (root / "e_badhints" / "p.png").write_bytes(page_png())
    (root / "e_badhints" / "hints.json").write_text('{"colour": "red"}')
    return root


def test_batch_writes_the_good_parts_and_counts_the_bad(parts, tmp_path, capsys):
    lib = tmp_path / "Out.pretty"
    code = main(["batch", str(parts), "--lib", str(lib), "--in-process", "--reader",
                 f"file:{RECORDED}", "--quiet"])
    out = capsys.readouterr().out
    assert code == 3, out  # c_empty, d_junk, e_badhints
    rows = {line.split()[0]: line for line in out.splitlines()[1:-1]}
    assert rows["a_good"].split()[1] == "written" and "SOIC-8" in rows["a_good"]
    assert rows["b_good"].split()[1] == "written" and "SOIC-8_Second" in rows["b_good"]
    assert "0 images" in rows["c_empty"]
    assert "image_invalid" in rows["d_junk"]
    assert "hints.json" in rows["e_badhints"]
    assert out.splitlines()[-1] == "2 of 5 parts done; 3 not (see the note column)"
    assert sorted(p.name for p in lib.iterdir()) == \
        sorted([rows["a_good"].split()[2] + ".kicad_mod", "SOIC-8_Second.kicad_mod"])


def test_batch_json_and_no_overwrite(parts, tmp_path, capsys):
    lib = tmp_path / "Out.pretty"
    argv = ["batch", str(parts), "--lib", str(lib), "--in-process", "--reader",
            f"file:{RECORDED}", "--json", "--quiet"]
    main(argv)
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in lib.iterdir()}
    assert main(argv) == 5  # the two good ones exist now: not overwritten
    items = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [i["part"] for i in items] == ["a_good", "b_good", "c_empty", "d_junk",
                                          "e_badhints"]
    assert [i["status"] for i in items[:2]] == ["exists", "exists"]
    assert "--replace" in items[0]["errors"][0]
    assert {p.name: p.read_bytes() for p in lib.iterdir()} == before


def test_batch_through_the_daemon(start_daemon, parts, tmp_path, capsys):
    d = start_daemon("--reader", f"file:{RECORDED}")
    d.wait_ready()
    lib = tmp_path / "D.pretty"
    code = main(["batch", str(parts), "--lib", str(lib), "--connect", d.endpoint,
                 "--json", "--quiet"])
    items = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 3
    assert [i["status"] for i in items] == ["written", "written", "failed", "failed",
                                            "failed"]
    with d.client() as c:
        ping = c.ping()
        assert "batch" in ping.ping.kinds
        info = c.info()
        assert info.info.display_name == "file:lm358_d0008a_reading.json on cpu (file reader)"
        seen = []
        reply = c.batch([("one", [(page_png(), "package")]),
                         ("two", [(b"junk", "package")]),
                         ("three", [(page_png(), "both")], ExtractOptions(name="Three"))],
                        progress=seen.append)
    assert reply.ok and reply.kind == "batch"
    assert [p.status for p in reply.batch.parts] == ["ok", "error", "ok"]
    assert reply.batch.parts[1].error.code == "image_invalid"
    assert reply.batch.parts[2].extract.footprint.name == "Three"
    assert any(p.step.startswith("part 3/3 (three): ") for p in seen)


def test_batch_cancel_keeps_the_parts_done():
    import threading

    from daemon.client import InProcessClient
    from daemon.readers.factory import make_reader

    client = InProcessClient(make_reader(f"file:{RECORDED}", ground=False, delay_s=0.5))
    result = {}
    worker = threading.Thread(target=lambda: result.update(reply=client.batch(
        [(f"p{i}", [(page_png(), "package")]) for i in range(6)], request_id="b1")))
    worker.start()
    import time

    time.sleep(0.8)
    client.cancel("b1")
    worker.join(10)
    parts = result["reply"].batch.parts
    assert parts[0].status == "ok"
    assert parts[-1].status == "error" and parts[-1].error.code == "cancelled"


@pytest.mark.parametrize("header, phrase", [
    ({"kind": "batch"}, "batch needs 1 to"),
    ({"kind": "batch", "images": [{"role": "both"}]}, "give each part's images"),
    ({"kind": "extract", "images": [{"role": "both"}],
      "parts": [{"images": [{"role": "both"}]}]}, "extract takes no parts"),
    ({"kind": "batch", "parts": [{"images": [{"role": "both"}]}] * (MAX_BATCH_PARTS + 1)},
     "at most"),
])
def test_bad_batch_headers_are_bad_requests(header, phrase):
    frames = [b"", json.dumps({"protocol": 1, "id": "x1", **header}).encode()]
    frames += [page_png()] * sum(len(p["images"]) for p in header.get("parts", []))
    frames += [page_png()] * len(header.get("images", []))
    with pytest.raises(WireError) as exc:
        parse_frames(frames)
    assert exc.value.code == "bad_request" and phrase in exc.value.message


def test_frame_count_must_match_the_parts():
    header = {"protocol": 1, "id": "x2", "kind": "batch",
              "parts": [{"images": [{"role": "package"}, {"role": "land_pattern"}]},
                        {"images": [{"role": "both"}]}]}
    frames = [b"", json.dumps(header).encode(), page_png(), page_png(), page_png()]
    assert len(parse_frames(frames).images) == 3
    with pytest.raises(WireError, match="describes 3 images but 2"):
        parse_frames(frames[:-1])
    assert Request.model_validate(header).image_metas()[2].role == "both"


@pytest.mark.parametrize("info, name", [
    ({"reader": "model", "model": "/models/Qwen3-VL-4B-Instruct/", "device": "cuda:0",
      "dtype": "bfloat16"}, "Qwen3-VL-4B-Instruct on cuda:0, bfloat16 (model reader)"),
    ({"reader": "model", "model": "Qwen/Qwen3-VL-8B-Instruct"},
     "Qwen3-VL-8B-Instruct (model reader)"),
    ({"reader": "ocr", "model": "rapidocr-onnxruntime (PP-OCRv4)", "device": "cpu"},
     "OCR reader (rapidocr-onnxruntime (PP-OCRv4), cpu)"),
    ({"reader": "x", "display_name": "My reader"}, "My reader"),
])
def test_display_name(info, name):
    from daemon.readers.base import display_name

    assert display_name(info) == name


def test_batch_datasheet_flag_and_per_part_hints(parts, tmp_path, capsys):
    """--datasheet for every part; a part's hints.json link wins for that part."""
    own = "https://example.com/own.pdf"
    (parts / "b_good" / "hints.json").write_text(json.dumps({"name": "SOIC-8_Second",
                                                             "datasheet": own}))
    lib = tmp_path / "U.pretty"
    main(["batch", str(parts), "--lib", str(lib), "--in-process", "--reader",
          f"file:{RECORDED}", "--quiet", "--datasheet", "https://example.com/all.pdf"])
    capsys.readouterr()
    texts = {p.stem: p.read_text() for p in lib.glob("*.kicad_mod")}
    assert own in texts.pop("SOIC-8_Second")
    assert all("https://example.com/all.pdf" in t for t in texts.values()) and texts

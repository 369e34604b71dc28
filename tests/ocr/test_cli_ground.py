"""The CLI shows values that are not on the page: `extract --ground` with a recorded reading
whose pad width was changed to a number the page does not print."""

import json

from daemon.cli import main
from schemas.toleranced import Toleranced


def test_extract_flags_value_not_on_page(tmp_path, rendered, soic_reading, engine, capsys):
    package, land = tmp_path / "package.png", tmp_path / "land.png"
    rendered["soic_table"].save(package)
    rendered["soic_land"].save(land)
    lp = soic_reading.land_pattern.model_copy(update={"pad_width": Toleranced(max=0.66)})
    reading = tmp_path / "reading.json"
    reading.write_text(soic_reading.model_copy(update={"land_pattern": lp}).model_dump_json())

    code = main(["extract", str(package), str(land), "--in-process", "--reader",
                 f"file:{reading}", "--ground", "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "not_on_page: land_pattern.pad_width: 0.66 is not printed on the page" in err
    result = json.loads(out)
    flagged = [i for i in result["issues"] if i["code"] == "not_on_page"]
    assert [i["field"] for i in flagged] == ["land_pattern.pad_width"]
    provenance = result["footprint"]["provenance"]
    assert any(p.get("on_page") is False for p in provenance.values()), provenance
    assert provenance["pitch"]["on_page"] is True

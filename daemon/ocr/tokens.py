"""What OCR returns for one page: text runs with boxes, in the page's own pixel coordinates."""

from dataclasses import dataclass, field
from typing import List, Tuple

Box = Tuple[float, float, float, float]  # x0, y0, x1, y1 in page pixels (y down)


@dataclass(frozen=True)
class OcrToken:
    """One text run as the recogniser returned it (may hold several words glued together)."""

    text: str
    box: Box
    score: float = 1.0
    vertical: bool = False  # read from the page turned 90 degrees (text running upwards)

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2.0

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2.0

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]


@dataclass
class OcrPage:
    """All text runs of one page plus the size of the page they were measured on."""

    tokens: List[OcrToken] = field(default_factory=list)
    width: int = 0
    height: int = 0
    name: str = ""
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(t.text for t in self.tokens)

    def to_json(self) -> dict:
        return {"name": self.name, "width": self.width, "height": self.height,
                "seconds": round(self.seconds, 3),
                "tokens": [{"text": t.text, "box": [round(v, 1) for v in t.box],
                            "score": round(t.score, 3), "vertical": t.vertical}
                           for t in self.tokens]}

    @classmethod
    def from_json(cls, data: dict) -> "OcrPage":
        tokens = [OcrToken(t["text"], tuple(t["box"]), t.get("score", 1.0),
                           bool(t.get("vertical", False))) for t in data.get("tokens", [])]
        return cls(tokens=tokens, width=data.get("width", 0), height=data.get("height", 0),
                   name=data.get("name", ""), seconds=data.get("seconds", 0.0))

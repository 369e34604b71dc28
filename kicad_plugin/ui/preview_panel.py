"""Draws kicad_plugin.preview's display list with a wx.GraphicsContext (anti-aliased)."""

from typing import Any, Dict, Optional, Sequence

import wx

from .. import preview


class PreviewPanel(wx.Panel):
    def __init__(self, parent: wx.Window):
        super().__init__(parent, style=wx.BORDER_SIMPLE | wx.FULL_REPAINT_ON_RESIZE)
        self.SetBackgroundStyle(wx.BG_STYLE_PAINT)
        self.SetMinSize((380, 300))
        self.drawing: Optional[Dict[str, Any]] = None
        self.doubtful: Sequence[str] = ()
        self.message = "The footprint appears here after reading."
        self.Bind(wx.EVT_PAINT, self._on_paint)
        self.Bind(wx.EVT_SIZE, lambda e: (self.Refresh(), e.Skip()))

    def show(self, drawing: Optional[Dict[str, Any]], doubtful: Sequence[str] = (),
             message: str = "") -> None:
        self.drawing, self.doubtful = drawing, doubtful
        self.message = message
        self.Refresh()

    def _on_paint(self, _event: wx.PaintEvent) -> None:
        dc = wx.AutoBufferedPaintDC(self)
        w, h = self.GetClientSize()
        dc.SetBackground(wx.Brush(wx.Colour(*preview.BACKGROUND)))
        dc.Clear()
        gc = wx.GraphicsContext.Create(dc)
        if gc is None:
            return
        ops = preview.display_list(self.drawing, w, h, self.doubtful)
        if not ops:
            gc.SetFont(wx.Font(wx.FontInfo(11)), wx.Colour(200, 200, 200))
            gc.DrawText(self.message, 16, h / 2 - 8)
            return
        for op in ops:
            getattr(self, "_" + op["op"])(gc, op)

    @staticmethod
    def _path(gc: wx.GraphicsContext, points) -> Any:
        path = gc.CreatePath()
        path.MoveToPoint(*points[0])
        for p in points[1:]:
            path.AddLineToPoint(*p)
        return path

    def _poly(self, gc: wx.GraphicsContext, op: Dict[str, Any]) -> None:
        colour = wx.Colour(*op["colour"], op.get("alpha", 255))
        pts, r = op["points"], op["radius"]
        if len(pts) == 1:  # a disk
            x, y = pts[0]
            gc.SetPen(wx.TRANSPARENT_PEN)
            gc.SetBrush(wx.Brush(colour))
            gc.DrawEllipse(x - r, y - r, 2 * r, 2 * r)
            path = gc.CreatePath()
            path.AddCircle(x, y, r)
        else:
            path = self._path(gc, pts)
            if len(pts) > 2:
                path.CloseSubpath()
            gc.SetBrush(wx.Brush(colour))
            if r > 0.2:  # the Minkowski sum with a disk: fill, then stroke 2r with round joins
                pen = wx.GraphicsPenInfo(colour).Width(2 * r).Join(wx.JOIN_ROUND) \
                    .Cap(wx.CAP_ROUND)
                gc.SetPen(gc.CreatePen(pen))
            else:
                gc.SetPen(wx.TRANSPARENT_PEN)
            gc.DrawPath(path)
        if op.get("outline") is not None:
            gc.SetBrush(wx.TRANSPARENT_BRUSH)
            gc.SetPen(gc.CreatePen(wx.GraphicsPenInfo(wx.Colour(*op["outline"])).Width(2.0)))
            if len(pts) == 1:
                gc.DrawEllipse(pts[0][0] - r - 1, pts[0][1] - r - 1, 2 * r + 2, 2 * r + 2)
            else:
                xs = [p[0] for p in pts]
                ys = [p[1] for p in pts]
                gc.DrawRectangle(min(xs) - r - 1, min(ys) - r - 1,
                                 max(xs) - min(xs) + 2 * r + 2, max(ys) - min(ys) + 2 * r + 2)

    def _lines(self, gc: wx.GraphicsContext, op: Dict[str, Any]) -> None:
        gc.SetPen(gc.CreatePen(wx.GraphicsPenInfo(wx.Colour(*op["colour"]))
                               .Width(op["width"]).Cap(wx.CAP_ROUND)))
        gc.StrokeLines(op["points"])

    def _rect(self, gc: wx.GraphicsContext, op: Dict[str, Any]) -> None:
        gc.SetBrush(wx.TRANSPARENT_BRUSH)
        gc.SetPen(gc.CreatePen(wx.GraphicsPenInfo(wx.Colour(*op["colour"]))
                               .Width(op["width"]).Style(wx.PENSTYLE_SHORT_DASH)))
        gc.DrawRectangle(op["x0"], op["y0"], op["x1"] - op["x0"], op["y1"] - op["y0"])

    def _text(self, gc: wx.GraphicsContext, op: Dict[str, Any]) -> None:
        font = wx.Font(wx.FontInfo(op["size"]).Bold())
        gc.SetFont(font, wx.Colour(*op["colour"]))
        tw, th = gc.GetTextExtent(op["text"])
        gc.DrawText(op["text"], op["x"] - tw / 2, op["y"] - th / 2)

    def _scale(self, gc: wx.GraphicsContext, op: Dict[str, Any]) -> None:
        gc.SetPen(gc.CreatePen(wx.GraphicsPenInfo(wx.Colour(*op["colour"])).Width(2)))
        y = op["y"]
        gc.StrokeLine(op["x0"], y, op["x1"], y)
        gc.StrokeLine(op["x0"], y - 4, op["x0"], y + 4)
        gc.StrokeLine(op["x1"], y - 4, op["x1"], y + 4)
        gc.SetFont(wx.Font(wx.FontInfo(9)), wx.Colour(*op["colour"]))
        gc.DrawText(op["text"], op["x1"] + 6, y - 8)

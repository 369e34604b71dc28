"""Small wx helpers: errors as dialogs, work off the GUI thread, clipboard, screenshots."""

import io
import threading
from typing import Any, Callable, List, Optional, Tuple

import wx


def show_error(parent: Optional[wx.Window], title: str, message: str,
               hint: Optional[str] = None) -> None:
    """Every failure is a dialog that says what happened and what to do."""
    text = message if not hint else f"{message}\n\nWhat to do: {hint}"
    with wx.MessageDialog(parent, text, f"ds2fp: {title}",
                          style=wx.OK | wx.ICON_ERROR) as dlg:
        dlg.ShowModal()


def ask_yes_no(parent: Optional[wx.Window], title: str, message: str) -> bool:
    with wx.MessageDialog(parent, message, f"ds2fp: {title}",
                          style=wx.YES_NO | wx.NO_DEFAULT | wx.ICON_QUESTION) as dlg:
        return dlg.ShowModal() == wx.ID_YES


def run_in_thread(owner: wx.Window, work: Callable[[], Any],
                  done: Callable[[Any], None], failed: Callable[[BaseException], None],
                  name: str = "ds2fp-work") -> threading.Thread:
    """Run `work` on a thread; `done(result)` / `failed(exc)` run on the GUI thread, and
    not at all once `owner` is destroyed (KiCad must never wait on the daemon)."""

    def finish(callback: Callable, value: Any) -> None:
        if owner:  # a destroyed wx window is falsy
            callback(value)

    def body() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the GUI thread, shown as a dialog there
            wx.CallAfter(finish, failed, exc)
        else:
            wx.CallAfter(finish, done, result)

    thread = threading.Thread(target=body, name=name, daemon=True)
    thread.start()
    return thread


def clipboard_content() -> Tuple[Optional[bytes], List[str]]:
    """(PNG bytes of a clipboard image, or None; file names copied in a file manager)."""
    clip = wx.TheClipboard
    if not clip.Open():
        raise RuntimeError("the clipboard is in use by another program; try again")
    try:
        if clip.IsSupported(wx.DataFormat(wx.DF_BITMAP)):
            obj = wx.BitmapDataObject()
            if clip.GetData(obj) and obj.GetBitmap().IsOk():
                return bitmap_png(obj.GetBitmap()), []
        if clip.IsSupported(wx.DataFormat(wx.DF_FILENAME)):
            obj = wx.FileDataObject()
            if clip.GetData(obj):
                return None, list(obj.GetFilenames())
        return None, []
    finally:
        clip.Close()


def put_image_on_clipboard(path: str) -> bool:
    """Copy an image file to the clipboard as a bitmap (standalone demo and tests)."""
    image = wx.Image(path)
    if not image.IsOk() or not wx.TheClipboard.Open():
        return False
    try:
        return bool(wx.TheClipboard.SetData(wx.BitmapDataObject(wx.Bitmap(image))))
    finally:
        wx.TheClipboard.Close()


def bitmap_png(bitmap: wx.Bitmap) -> bytes:
    stream = io.BytesIO()
    if not bitmap.ConvertToImage().SaveFile(stream, wx.BITMAP_TYPE_PNG):
        raise RuntimeError("cannot convert the clipboard image to PNG")
    return stream.getvalue()


def thumbnail(path: str, width: int, height: int) -> wx.Bitmap:
    image = wx.Image(path)
    if not image.IsOk():
        return wx.Bitmap(width, height)
    scale = min(width / image.GetWidth(), height / image.GetHeight())
    w, h = max(1, int(image.GetWidth() * scale)), max(1, int(image.GetHeight() * scale))
    return wx.Bitmap(image.Scale(w, h, wx.IMAGE_QUALITY_HIGH))


def screenshot(window: wx.Window, path: str) -> str:
    """Save what `window` shows on screen (its rectangle of the screen) as PNG."""
    window.Update()
    rect = window.GetScreenRect()
    bitmap = wx.Bitmap(rect.width, rect.height)
    mem = wx.MemoryDC(bitmap)
    mem.Blit(0, 0, rect.width, rect.height, wx.ScreenDC(), rect.x, rect.y)
    mem.SelectObject(wx.NullBitmap)
    bitmap.SaveFile(path, wx.BITMAP_TYPE_PNG)
    return path

"""The wx dialog. Every `import wx` of the plugin lives in this package; the logic it shows
(review rows, preview display list, images, bridge) is plain Python beside it."""

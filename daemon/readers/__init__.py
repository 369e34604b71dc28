"""Readers turn page images into a DatasheetReading (vision model, OCR, a recorded file)."""

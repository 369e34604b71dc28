"""OCR layer: printed text and its boxes per page (RapidOCR, offline), and grounding."""

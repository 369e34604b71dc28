"""Datasheet-style pages drawn from a reading: README examples, test fixtures, and later
synthetic training data. Only ds2fp's own drawings; never real datasheet pages."""

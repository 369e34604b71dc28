"""A reader for `--reader python:tests.plugin.slow_reader:make`: a recorded reading after a
delay, so the cancel path can be exercised through the real bridge process."""

from daemon.readers.file_reader import FileReader
from tests.plugin.conftest import READINGS, SOIC


def make(**_opts):
    return FileReader(READINGS / f"{SOIC}.json", delay_s=30.0)

"""DOC (Word 97-2003) and RTF: converted to DOCX by LibreOffice, then read as DOCX.

No well-kept Python library reads Word 97-2003 files with their styles, and the
RTF libraries give plain text without headings, bold or lists; LibreOffice
reads both as Word would. It runs headless (``soffice --headless --convert-to
docx``) in a temporary folder of its own, with a profile of its own there (so it
never meets a LibreOffice the user has open, and its lock files stay in that
folder), with a time limit, in a process group of its own that is killed when
the conversion ends: no LibreOffice process or file is left behind.

Without LibreOffice a DOC or RTF file gets one line saying how to install it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ExtractionError, ToolMissing
from ..i18n import N_, _
from ..model import Extracted
from . import external

SECONDS = 120  # time limit for one conversion
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97-2003 file is an OLE compound file
RTF = b"{\\rtf"
INSTALL = N_(  # for messages: _(INSTALL)
    "LibreOffice is not installed; to read it, install it "
    "(apt-get install libreoffice-writer-nogui on Debian and Ubuntu, "
    "brew install --cask libreoffice on macOS) or save the file as .docx"
)
MACOS = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
NAMES = {".doc": "DOC", ".rtf": "RTF"}


def command() -> str | None:
    """The LibreOffice program: $LEADERSCAN_SOFFICE, soffice or libreoffice on the PATH."""
    found = os.environ.get("LEADERSCAN_SOFFICE") or shutil.which("soffice")
    found = found or shutil.which("libreoffice")
    if not found and Path(MACOS).exists():
        found = MACOS
    return found


@functools.lru_cache(maxsize=4)
def version(program: str) -> str:
    try:
        out = subprocess.run(
            [program, "--version"],
            capture_output=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return "LibreOffice"
    words = out.split()
    return " ".join(words[:2]) if words else "LibreOffice"


def convert(data: bytes, suffix: str, seconds: float = SECONDS) -> tuple[bytes, str]:
    """The file as DOCX bytes, converted by LibreOffice; and LibreOffice's version."""
    program = command()
    if not program:
        raise ToolMissing(_(INSTALL))
    name = NAMES.get(suffix, suffix.lstrip(".").upper())
    with tempfile.TemporaryDirectory(prefix="leaderscan-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        args = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        env = {**os.environ, "HOME": str(folder)}  # nothing written to the user's home
        try:
            external.run(args, seconds, env=env, cwd=folder)
        except OSError as exc:
            raise ExtractionError(
                _("LibreOffice cannot be started ({error})").format(error=exc.strerror or exc)
            ) from None
        except external.TimedOut:
            raise ExtractionError(
                _(
                    "LibreOffice took longer than {seconds:g} s to convert the {kind}; save it "
                    "as .docx"
                ).format(seconds=seconds, kind=name)
            ) from None
        result = out / "document.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise ExtractionError(
                _(
                    "LibreOffice could not convert the {kind} (damaged, or password-protected); "
                    "save it again as .docx"
                ).format(kind=name)
            )
        return result.read_bytes(), version(program)


def check(data: bytes, suffix: str) -> None:
    """Refuse a file that is not what its suffix says before starting LibreOffice."""
    start = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if suffix == ".rtf" and not start.startswith(RTF):
        raise ExtractionError(_("not a readable RTF (it does not start with {\\rtf)"))
    if suffix == ".doc" and not data.startswith(OLE) and not start.startswith(RTF):
        raise ExtractionError(_("not a readable DOC (damaged, or not a Word 97-2003 file)"))


def read(data: bytes, suffix: str) -> Extracted:
    from . import docx

    if suffix == ".doc" and data.startswith(b"PK\x03\x04"):
        return docx.read(data)  # a DOCX saved with the old suffix
    check(data, suffix)
    converted, program = convert(data, suffix)
    try:
        result = docx.read(converted)
    except ExtractionError as exc:
        raise ExtractionError(
            _("LibreOffice's conversion cannot be read: {error}").format(error=exc)
        ) from None
    result.converter = program
    return result

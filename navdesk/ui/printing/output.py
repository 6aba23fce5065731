"""PDF bytes on screen and on paper: a QPdfDocument read from memory, and printing through QPrinter.

No temporary file: the PDF is read from a QBuffer. To a paper printer each page is rendered by
QtPdf at the printer's resolution (at most :data:`MAX_DPI`) and drawn with a QPainter. When the
user chose "print to file" (QPrinter's PDF output), the summary's own PDF is written instead:
the text stays text, the fonts stay embedded, and the file is much smaller than pictures of pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from navdesk.paths import write_atomically

MAX_DPI = 300  # an A4 page at 300 dpi is 2480 × 3508 pixels: sharp on paper, ~35 MB while drawn


class MemoryPdf(QObject):
    """A QPdfDocument over PDF bytes held in memory (the buffer lives as long as the document)."""

    def __init__(self, data: bytes = b"", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        if data:
            self.load(data)

    def load(self, data: bytes) -> None:
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()

    def page_count(self) -> int:
        return self.document.pageCount()


def prints_to_file(printer: QPrinter) -> bool:
    """The user chose "print to file": the printer writes a PDF file."""
    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(printer.outputFileName())


def file_names(out: Path, count: int) -> list[Path]:
    """One file for one document; for many, ``name-01.pdf``, ``name-02.pdf`` … next to ``out``."""
    if count == 1:
        return [out]
    width = max(2, len(str(count)))
    return [out.with_name(f"{out.stem}-{i:0{width}d}{out.suffix or '.pdf'}") for i in range(1, count + 1)]


class PagePainter:
    """Draws rendered PDF pages on a printer, one print job for all the documents given to it."""

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer
        self._painter: QPainter | None = None
        self.pages = 0

    def add(self, data: bytes) -> None:
        pdf = MemoryPdf(data)
        try:
            for page in range(pdf.page_count()):
                self._page(pdf.document, page)
        finally:
            pdf.document.close()
            pdf.deleteLater()

    def _page(self, document: QPdfDocument, page: int) -> None:
        if self._painter is None:
            self._painter = QPainter()
            if not self._painter.begin(self.printer):
                self._painter = None
                raise OSError("the printer could not be opened")
        elif not self.printer.newPage():
            raise OSError("the printer refused a new page")
        dpi = min(self.printer.resolution(), MAX_DPI)
        points = document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = document.render(page, size)
        target = self._painter.viewport()
        scale = min(target.width() / size.width(), target.height() / size.height())
        w, h = round(size.width() * scale), round(size.height() * scale)
        self._painter.drawImage(QRect(target.x() + (target.width() - w) // 2, target.y(), w, h), image)
        self.pages += 1

    def finish(self) -> None:
        if self._painter is not None:
            self._painter.end()
            self._painter = None


def print_documents(
    printer: QPrinter, documents: Sequence[bytes], *, keep_going: Callable[[int], bool] | None = None
) -> int:
    """Print ``documents`` (PDF bytes); the number printed. ``keep_going(i)`` before each may stop early."""
    done = 0
    if prints_to_file(printer):
        names = file_names(Path(printer.outputFileName()), len(documents))
        for i, data in enumerate(documents):
            if keep_going is not None and not keep_going(i):
                break
            write_atomically(data, names[i])
            done += 1
        return done
    painter = PagePainter(printer)
    try:
        for i, data in enumerate(documents):
            if keep_going is not None and not keep_going(i):
                break
            painter.add(data)
            done += 1
    finally:
        painter.finish()
    return done

"""The summary dialog, printing through QPrinter (the system dialog faked), batch printing, journalføring."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from navdesk.domain.text import OSLO
from navdesk.i18n import _, ngettext
from navdesk.ui.printing import native

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
TODAY = date(2026, 11, 26)
START = datetime(2026, 11, 24, 10, 0, tzinfo=OSLO)


def _text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    return subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _meeting(s: Any, actor: Any, youth: uuid.UUID, when: datetime, what: str) -> uuid.UUID:
    from navdesk.db import models as m
    from navdesk.services import meetings
    from navdesk.services.office import catalogue

    meeting = meetings.create_meeting(s, actor, starts_at=when, youth_id=youth,
                                      type_id=catalogue(s, "meeting_type")["oppfolgingssamtale"], place="NAV-kontoret")  # fmt: skip
    meetings.add_participant(s, actor, meeting, kind="ungdom")
    meetings.add_action(
        s, actor, meeting, what=what, who="Ungdommen", due_date=when.date() + timedelta(days=7)
    )
    row = s.get(m.Meeting, meeting)
    meetings.record_meeting(s, actor, meeting, row.version, status="gjennomfort", summary=f"Referat: {what}")
    return meeting


@pytest.fixture
def office(tmp_path: Path) -> Any:
    """A held trekantsamtale with an employer that no consent covers and a health note, and 5 held meetings."""
    from navdesk.db import models as m
    from navdesk.db.opening import create_database
    from navdesk.services import meetings, youths
    from navdesk.services.context import actor_for
    from navdesk.services.office import catalogue, create_office

    db, _mode = create_database(tmp_path / "office.db", unencrypted=True)
    with db.session() as s, s.begin():
        create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                      admin_initials="KN", password="passord123")  # fmt: skip
        actor = actor_for(s)
        youth = youths.create_youth(s, actor, first_name="Ánne", last_name="Đuottar-Ŋuolja",
                                    birth_date=date(2006, 5, 2), malform="nn")  # fmt: skip
        main = meetings.create_meeting(s, actor, starts_at=START, youth_id=youth, place="NAV-kontoret",
                                       type_id=catalogue(s, "meeting_type")["trekantsamtale"], agenda="Status")  # fmt: skip
        meetings.add_participant(s, actor, main, kind="ungdom")
        meetings.add_participant(s, actor, main, kind="veileder", user_id=actor.user_id, role="Veileder")
        meetings.add_participant(s, actor, main, kind="arbeidsgiver", name="Per Hansen", organisation="Rema 1000",
                                 role="Butikksjef")  # fmt: skip
        meetings.add_action(s, actor, main, what="Søke på tre jobber & levere CV", who="Ungdommen",
                            due_date=date(2026, 12, 1))  # fmt: skip
        meetings.add_action(s, actor, main, what="Ringe Rema 1000", who="Kari", who_user_id=actor.user_id,
                            due_date=date(2026, 11, 27))  # fmt: skip
        row = s.get(m.Meeting, main)
        assert row is not None
        meetings.record_meeting(s, actor, main, row.version, status="gjennomfort", summary="Vi snakka om skule & jobb.",
                                decisions="Ánne startar arbeidstrening.", health_section="Søv dårleg; går til fastlege.")  # fmt: skip
        batch = [_meeting(s, actor, youth, START + timedelta(days=1, hours=i), f"Oppgåve nummer {i + 1}")
                 for i in range(5)]  # fmt: skip
    yield db, actor, main, batch
    db.close()


@pytest.fixture
def pdf_printer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The system print dialog replaced: the user "prints to file" tmp/printed.pdf."""
    out = tmp_path / "printed.pdf"

    def ask_printer(parent: Any, pages: int = 0) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(native, "ask_printer", ask_printer)
    return out


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(native, "show_info", lambda parent, text: said.append(("info", text)))
    monkeypatch.setattr(native, "show_error", lambda parent, text: said.append(("error", text)))
    return said


def _dialog(qtbot: Any, office: Any) -> Any:
    from navdesk.ui.printing.summary_dialog import SummaryDialog

    db, actor, main, _batch = office
    dialog = SummaryDialog(db, actor, main, today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def _print_events(db: Any, meeting: uuid.UUID) -> list[dict[str, Any]]:
    from navdesk.services import audit

    with db.session() as s:
        return [e for e in audit.events(s) if e["action"] == "print" and e["entity_id"] == str(meeting)]


def test_dialog_defaults_warning_and_preview(qtbot: Any, office: Any, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    dialog = _dialog(qtbot, office)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.lang_combo.currentData() == "nn"  # the youth's målform
    assert dialog.full_radio.isChecked() and not dialog.section_boxes["sensitive"].isChecked()
    assert not dialog.section_boxes["signatures"].isChecked() and dialog.section_boxes["actions"].isChecked()
    assert dialog.consent_label.isVisible() and "Per Hansen (Rema 1000)" in dialog.consent_label.text()
    assert dialog.pdf.document.status() == QPdfDocument.Status.Ready and dialog.pdf.page_count() >= 1
    assert dialog.pages_label.text() == ngettext("{n} page", "{n} pages", dialog.pdf.page_count()).format(
        n=dialog.pdf.page_count()
    )
    preview = tmp_path / "preview.pdf"
    preview.write_bytes(dialog.pdf_bytes())
    text = _text(preview)
    assert "Per Hansen" in text and "Søke på tre jobber & levere CV" in text and "fastlege" not in text
    qtbot.wait(200)
    assert dialog.grab().save(str(tmp_path / "summary-dialog.png"))  # docs: scripts/screenshots.py
    # the sensitive section, ticked, is read and printed; the youth's variant and bokmål too
    dialog.section_boxes["sensitive"].setChecked(True)
    dialog.youth_radio.setChecked(True)
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("nb"))
    qtbot.waitUntil(lambda: not dialog._timer.isActive())
    preview.write_bytes(dialog.pdf_bytes())
    text = _text(preview)
    assert "Søv dårleg; går til fastlege." in text and "Dette gjør du" in text


def _give_reason(text: str | None) -> None:
    """Answer the sharing guard's question (no consent covers the employer): a reason, or cancel."""
    from navdesk.ui.dialogs.reason import ReasonDialog
    from tests.ui.test_record import answer

    def fill(dialog: Any) -> None:
        if text is not None:
            dialog.reason_edit.setPlainText(text)
            dialog.accept()

    answer(ReasonDialog, fill)


def test_print_through_qprinter_to_a_pdf_file(qtbot: Any, office: Any, pdf_printer: Path) -> None:
    from navdesk.services import audit

    dialog = _dialog(qtbot, office)
    _give_reason(None)  # the sharing guard asks why; cancelled: nothing printed
    assert not dialog.print_summary() and not pdf_printer.exists()
    _give_reason("Per Hansen var med i møtet; muntlig samtykke, skriftlig kommer")
    assert dialog.print_summary()
    with office[0].session() as s:
        shared = [e for e in audit.events(s) if e["action"] == "share_without_consent"]
    assert len(shared) == 1 and shared[0]["entity_id"] == str(office[2])
    text = _text(pdf_printer)
    assert "Ánne Đuottar-Ŋuolja" in text and "Ringe Rema 1000" in text and "fastlege" not in text
    assert dialog.printed and dialog.record_button.isDefault()
    assert dialog.status_label.text() == _("Printed. Remember to record the summary in Modia or Gosys.")
    events = _print_events(office[0], office[2])
    assert len(events) == 1


def test_printing_to_paper_draws_every_page(qtbot: Any, office: Any, tmp_path: Path) -> None:
    """The paper path: QtPdf renders each page and a QPainter draws it on the printer (here a PDF file)."""
    from navdesk.ui.printing.output import MemoryPdf, PagePainter

    dialog = _dialog(qtbot, office)
    dialog.section_boxes["signatures"].setChecked(True)
    dialog.refresh_preview()
    out = tmp_path / "paper.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    painter = PagePainter(printer)
    painter.add(dialog.pdf_bytes())
    painter.add(dialog.pdf_bytes())
    painter.finish()
    expected = 2 * MemoryPdf(dialog.pdf_bytes()).page_count()
    assert painter.pages == expected and _pages(out) == expected
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-gray", "-png", str(out), str(png)], check=True
    )
    from PySide6.QtGui import QImage

    image = QImage(str(next(tmp_path.glob("page*.png"))))
    dark = sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).value() < 128
    )
    assert dark > 50  # the page has print on it


def test_cancelled_print_dialog_prints_nothing(
    qtbot: Any, office: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native, "ask_printer", lambda parent, pages=0: None)
    dialog = _dialog(qtbot, office)
    _give_reason("Avtalt i møtet")
    assert not dialog.print_summary() and not dialog.printed
    assert _print_events(office[0], office[2]) == []


def test_save_as_pdf(qtbot: Any, office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "referat.pdf"
    asked: list[str] = []

    def ask_save_path(parent: Any, suggested: str) -> str:
        asked.append(suggested)
        return str(out)

    monkeypatch.setattr(native, "ask_save_path", ask_save_path)
    dialog = _dialog(qtbot, office)
    _give_reason("Avtalt i møtet")
    assert dialog.save_pdf() == out
    assert asked[0].endswith("-2026-11-24.pdf")
    assert out.read_bytes() == dialog.pdf_bytes() and not list(tmp_path.glob("*.part"))
    expected = _("Saved to {file}. The file is NOT encrypted: keep it safe and delete it when done.").format(
        file=out
    )
    assert dialog.status_label.text() == expected
    assert _print_events(office[0], office[2])[0]["entity_id"] == str(office[2])
    monkeypatch.setattr(native, "ask_save_path", lambda parent, suggested: None)
    _give_reason("Avtalt i møtet")
    assert dialog.save_pdf() is None
    dialog.youth_radio.setChecked(True)  # the youth's own copy: shared with nobody else, nothing asked
    monkeypatch.setattr(native, "ask_save_path", lambda parent, suggested: str(out))
    assert dialog.save_pdf() == out


def test_mark_as_recorded_after_printing(qtbot: Any, office: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from navdesk.domain.text import format_date
    from navdesk.services import journal
    from navdesk.ui.printing.record_dialog import RecordDialog

    db, _actor, main, _batch = office
    asked: list[tuple[date, date]] = []

    def ask(parent: Any, meeting_day: date, today: date) -> tuple[date, str]:
        asked.append((meeting_day, today))
        return date(2026, 11, 25), "Gosys"

    monkeypatch.setattr(native, "ask_recording", ask)
    dialog = _dialog(qtbot, office)
    assert dialog.recorded_label.text() == _("Not yet marked as recorded in NAV's system.")
    assert dialog.mark_recorded() and dialog.recorded
    assert asked == [(START.date(), TODAY)]
    assert dialog.recorded_label.text() == _("Recorded in {system} on {day}.").format(
        system="Gosys", day=format_date(date(2026, 11, 25))
    )
    with db.session() as s:
        assert journal.recording(s, main) == journal.Recording(date(2026, 11, 25), "Gosys")
        assert main not in [u.meeting_id for u in journal.unrecorded_summaries(s)]
    # the real "Mark as recorded" dialog: today by default, not before the meeting, not in the future
    record = RecordDialog(START.date(), TODAY)
    qtbot.addWidget(record)
    assert record.value() == (TODAY, "Modia")
    record.date_edit.setDate(record.date_edit.date().addDays(30))
    record.system_combo.setCurrentText("Gosys")
    assert record.value() == (TODAY, "Gosys")
    record.date_edit.setDate(record.date_edit.date().addDays(-300))
    assert record.value()[0] == START.date()


def test_batch_prints_every_summary(qtbot: Any, office: Any, pdf_printer: Path, messages: Any) -> None:
    from PySide6.QtWidgets import QWidget

    from navdesk.ui.printing import held_meeting_ids, print_summaries

    db, actor, main, batch = office
    assert held_meeting_ids(db, "today", START.date() + timedelta(days=1)) == batch
    assert held_meeting_ids(db, "week", TODAY) == [main, *batch]
    parent = QWidget()
    qtbot.addWidget(parent)
    assert print_summaries(parent, db, actor, batch, today=TODAY) == 5
    assert [f.name for f in pdf_printer.parent.glob("printed*.pdf")] == ["printed.pdf"]  # all in one file
    assert _pages(pdf_printer) == 5
    for i in range(5):  # each summary on its own page, counted on its own ("Side 1 av 1")
        page = _text(pdf_printer, page=i + 1)
        assert f"Oppgåve nummer {i + 1}" in page and "Side 1 av 1" in page
    assert messages == [("info", ngettext("{n} meeting summary printed.", "{n} meeting summaries printed.", 5)
                         .format(n=5))]  # fmt: skip
    assert all(len(_print_events(db, m)) == 1 for m in batch)


def test_batch_cancel_after_two_stops_cleanly(
    qtbot: Any, office: Any, pdf_printer: Path, messages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from navdesk.ui.printing import batch as batch_module

    db, actor, _main, batch = office
    parent = QWidget()
    qtbot.addWidget(parent)
    read = batch_module.print_input
    calls: list[uuid.UUID] = []

    def read_and_cancel(database: Any, who: Any, meeting_id: uuid.UUID, today: date) -> Any:
        calls.append(meeting_id)
        if len(calls) == 3:  # two are read: the user presses Cancel
            progress = parent.findChild(QProgressDialog)
            assert progress is not None and progress.value() == 2
            progress.cancel()
        return read(database, who, meeting_id, today)

    monkeypatch.setattr(batch_module, "print_input", read_and_cancel)
    assert batch_module.print_summaries(parent, db, actor, batch, today=TODAY) == 2
    assert [f.name for f in pdf_printer.parent.glob("printed*.pdf")] == ["printed.pdf"]
    assert _pages(pdf_printer) == 2 and "Oppgåve nummer 2" in _text(pdf_printer)
    assert "Oppgåve nummer 3" not in _text(pdf_printer)
    assert not list(pdf_printer.parent.glob("*.part"))
    assert messages == [
        ("info", _("Printing cancelled after {done} of {total} summaries.").format(done=2, total=5))
    ]
    assert [len(_print_events(db, m)) for m in batch] == [1, 1, 0, 0, 0]


def test_unrecorded_list_opens_the_summary(qtbot: Any, office: Any) -> None:
    from navdesk.services import journal
    from navdesk.ui.printing.unrecorded import UnrecordedList

    db, actor, main, batch = office
    widget = UnrecordedList(db, actor)
    qtbot.addWidget(widget)
    assert widget.meeting_ids() == [main, *batch]
    assert widget.heading.text() == ngettext(
        "{n} meeting summary not yet recorded in Modia/Gosys",
        "{n} meeting summaries not yet recorded in Modia/Gosys",
        6,
    ).format(n=6)
    with qtbot.waitSignal(widget.open_requested) as opened:
        widget.list.itemActivated.emit(widget.list.item(0))
    assert opened.args == [main]
    with db.session() as s, s.begin():
        journal.mark_recorded(s, actor, main, TODAY, today=TODAY)
    widget.refresh()
    assert widget.meeting_ids() == batch


def test_open_summary_dialog_for_the_lead(qtbot: Any, office: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from navdesk.ui.printing import open_summary_dialog
    from navdesk.ui.printing.summary_dialog import SummaryDialog

    db, actor, main, _batch = office
    seen: list[Any] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if isinstance(dialog, SummaryDialog):
            dialog.reject()

    QTimer.singleShot(300, close)
    result = open_summary_dialog(None, db, actor, main)
    assert isinstance(result, SummaryDialog) and result.meeting_id == main and seen[0] is result


def test_meetings_to_outlook_from_the_gui(
    qtbot: Any, office: Any, tmp_path: Path, messages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icalendar import Calendar

    from navdesk.ui.printing import save_meetings_ics

    db, actor, main, batch = office
    out = tmp_path / "møter.ics"
    monkeypatch.setattr(native, "ask_ics_path", lambda parent, suggested: str(out))
    assert save_meetings_ics(None, db, actor, [main]) == out
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{main}@navdesk"]
    assert str(events[0]["summary"]) == "Trekantsamtale – ÁĐŊ" and "Ánne" not in out.read_text("utf-8")
    # all upcoming: from "today" on
    assert save_meetings_ics(None, db, actor, today=date(2026, 11, 25)) == out
    uids = [str(e["uid"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert uids == [f"{m}@navdesk" for m in batch]
    assert messages[-1] == (
        "info",
        ngettext(
            "{n} meeting saved to {file}. Import it in Outlook. The file is NOT encrypted: delete it when done.",
            "{n} meetings saved to {file}. Import it in Outlook. The file is NOT encrypted: delete it when done.",
            5,
        ).format(n=5, file=out),
    )
    monkeypatch.setattr(native, "ask_ics_path", lambda parent, suggested: None)
    assert save_meetings_ics(None, db, actor) is None

"""The meeting editor on the fixed-date demo office: drafts that survive a crash, saving, a stale save,
cancelling with a reason and a new time, the next meeting, consent warnings and the print signals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QTimer

from navdesk.domain.enums import MeetingStatus, ParticipantKind
from navdesk.domain.text import OSLO
from navdesk.i18n import _
from tests.ui.conftest import DEMO_DAY

NOW = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


@pytest.fixture
def actor(fixed_db: Any) -> Any:
    from navdesk.services.context import actor_for

    with fixed_db.session() as s:
        return actor_for(s)


@pytest.fixture
def planned(fixed_db: Any) -> Any:
    """A planned meeting with a youth in the demo's week 48."""
    from navdesk.services.meetings import week_plan

    with fixed_db.session() as s:
        return next(
            m for m in week_plan(s, date(2026, 11, 23)) if m.youth_id and m.status is MeetingStatus.PLANLAGT
        )


@pytest.fixture
def open_editor(qtbot: Any, fixed_db: Any, actor: Any) -> Iterator[Any]:
    made: list[Any] = []

    def make(**kw: Any) -> Any:
        from navdesk.ui.meetings.editor import MeetingEditor

        kw.setdefault("now", lambda: datetime.now(UTC))  # drafts are compared with real save times
        editor = MeetingEditor(fixed_db, actor, today=DEMO_DAY, **kw)
        made.append(editor)
        editor.show()
        qtbot.waitExposed(editor)
        return editor

    yield make
    for editor in made:
        if shiboken6.isValid(editor):
            editor._autosave.stop()
            shiboken6.delete(editor)


def _detail(db: Any, meeting_id: Any) -> Any:
    from navdesk.services.meetings import read_meeting

    with db.session() as s:
        return read_meeting(s, meeting_id)


def _drafts(db: Any, actor: Any) -> list[Any]:
    from navdesk.services.drafts import drafts_of

    with db.session() as s:
        return drafts_of(s, actor.user_id)


def test_draft_survives_a_crash_and_is_offered_intact(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any
) -> None:
    editor = open_editor(meeting_id=planned.id)
    assert editor.draft_banner.isHidden()  # nothing to offer yet
    text = "Vi snakket om skole & jobb <b>æøå</b> Đ Ŋ Ŧ"
    editor.summary_edit.setFocus()
    qtbot.keyClicks(editor.summary_edit, "Vi snakket om skole & jobb <b>")  # QTest types ASCII only
    editor.summary_edit.insertPlainText("æøå</b> Đ Ŋ Ŧ")
    editor.health_edit.setPlainText("Sover dårlig.")
    assert _drafts(fixed_db, actor) == []  # debounced: not after every keystroke
    qtbot.waitUntil(lambda: editor.draft_saved_at is not None, timeout=5000)  # ~2 s after the last change
    assert editor._autosave.interval() == 2000
    shiboken6.delete(editor)  # gone without saving or closing, as in a crash

    saved = _drafts(fixed_db, actor)
    assert len(saved) == 1 and saved[0].payload["summary"] == text
    assert _detail(fixed_db, planned.id).summary == ""  # the meeting itself is untouched

    again = open_editor(meeting_id=planned.id)
    assert again.draft_banner.isVisible()
    assert again.summary_edit.toPlainText() == ""
    qtbot.mouseClick(again.restore_button, Qt.MouseButton.LeftButton)
    assert again.summary_edit.toPlainText() == text
    assert again.health_edit.toPlainText() == "Sover dårlig."
    assert again.draft_banner.isHidden()
    assert again.save()
    assert _detail(fixed_db, planned.id).summary == text
    assert _drafts(fixed_db, actor) == []  # saving removes the draft


def test_closing_keeps_the_draft_and_discarding_removes_it(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any
) -> None:
    editor = open_editor(meeting_id=planned.id)
    editor.decisions_edit.setPlainText("Starter i praksis mandag.")
    editor.close()  # closing the window without saving keeps the text
    assert _drafts(fixed_db, actor)[0].payload["decisions"] == "Starter i praksis mandag."
    again = open_editor(meeting_id=planned.id)
    assert again.draft_banner.isVisible()
    qtbot.mouseClick(again.discard_button, Qt.MouseButton.LeftButton)
    assert _drafts(fixed_db, actor) == [] and again.draft_banner.isHidden()
    assert again.decisions_edit.toPlainText() == ""


def test_new_meeting_for_a_youth_saves_participants_actions_and_my_commitments(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any
) -> None:
    from navdesk.services.meetings import my_commitments

    editor = open_editor(youth_id=planned.youth_id, now=lambda: NOW)
    assert editor.windowTitle().startswith(_("New meeting"))
    kinds = [editor.participants.item(r, 0).data(Qt.ItemDataRole.UserRole)["kind"] for r in range(2)]
    assert kinds == [ParticipantKind.UNGDOM.value, ParticipantKind.VEILEDER.value]  # the youth and me
    assert editor.participants.item(0, 1).text() == planned.youth
    editor.date_edit.setDate(QDate(2026, 11, 26))
    qtbot.keyClicks(editor.agenda_edit, "Status i planen")
    row = editor.add_action_row("Ringe arbeidsgiver")
    who = editor.action_table.cellWidget(row, 1)
    who.setCurrentIndex(who.findData(str(actor.user_id)))
    editor.action_table.cellWidget(row, 2).setDate(QDate(2026, 11, 20))  # already overdue
    editor.add_action_row("")  # an empty row is not an action
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    detail = _detail(fixed_db, saved.args[0])
    assert detail.youth_id == planned.youth_id and detail.agenda == "Status i planen"
    assert detail.starts_at == datetime(2026, 11, 26, 10, 0, tzinfo=OSLO)
    assert [(a.what, a.who_user_id, a.due_date) for a in detail.actions] == [
        ("Ringe arbeidsgiver", actor.user_id, date(2026, 11, 20))
    ]
    assert [p.kind for p in detail.participants] == [ParticipantKind.UNGDOM, ParticipantKind.VEILEDER]
    with fixed_db.session() as s:
        mine = my_commitments(s, actor.user_id)
    assert [c.what for c in mine] == ["Ringe arbeidsgiver"] and mine[0].overdue(DEMO_DAY)
    assert editor.message_label.text() == _("Saved.")
    assert _drafts(fixed_db, actor) == []


def test_a_stale_save_is_refused_and_the_text_kept(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any
) -> None:
    from navdesk.errors import StaleEdit
    from navdesk.services.meetings import update_meeting

    editor = open_editor(meeting_id=planned.id)
    with fixed_db.session() as s, s.begin():  # someone else saves the meeting meanwhile
        update_meeting(s, actor, planned.id, editor.detail.version, place="Kafé Sentrum")
    qtbot.keyClicks(editor.summary_edit, "Viktig tekst")
    assert not editor.save()
    assert editor.error_label.isVisible() and str(StaleEdit()) in editor.error_label.text()
    assert editor.summary_edit.toPlainText() == "Viktig tekst"
    assert _detail(fixed_db, planned.id).summary == ""
    assert _drafts(fixed_db, actor)[0].payload["summary"] == "Viktig tekst"  # and kept as a draft


def test_cancelling_asks_for_a_reason_and_plans_the_new_time(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any
) -> None:
    from navdesk.services.meetings import week_plan

    editor = open_editor(meeting_id=planned.id)

    def answer(reason: str, accept: bool = True) -> None:
        def fill() -> None:
            dialog = editor.cancel_dialog
            dialog.reason_edit.setPlainText(reason)
            dialog.time_edit.setTime(dialog.time_edit.time().addSecs(3600))
            dialog.accept() if accept else dialog.reject()

        QTimer.singleShot(0, fill)

    answer("", accept=False)  # cancelled: the status goes back
    editor.status_combo.setCurrentIndex(editor.status_combo.findData(MeetingStatus.AVLYST.value))
    assert editor.status_combo.currentData() == MeetingStatus.PLANLAGT.value
    answer("Ungdommen er syk")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData(MeetingStatus.MA_FLYTTES.value))
    assert editor.status_reason == "Ungdommen er syk" and editor.new_time is not None
    assert "Ungdommen er syk" in editor.reason_label.text()
    new_time = editor.new_time
    assert new_time == planned.starts_at + timedelta(days=7, hours=1)
    assert editor.save()
    detail = _detail(fixed_db, planned.id)
    assert (detail.status, detail.status_reason) == (MeetingStatus.MA_FLYTTES, "Ungdommen er syk")
    with fixed_db.session() as s:
        week = week_plan(s, date(2026, 11, 30))
    moved = [m for m in week if m.youth_id == planned.youth_id and m.starts_at == new_time]
    assert len(moved) == 1 and moved[0].status is MeetingStatus.PLANLAGT
    assert _detail(fixed_db, moved[0].id).previous_id == planned.id
    assert _("New time planned: {when}.").split("{")[0] in editor.message_label.text()


def test_next_meeting_and_the_print_signals(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.ui.meetings.editor import MeetingEditor

    editor = open_editor(meeting_id=planned.id)
    when = datetime(2026, 12, 8, 9, 0, tzinfo=OSLO)
    monkeypatch.setattr(MeetingEditor, "ask_next_time", lambda self, proposal: when)
    with qtbot.waitSignal(editor.preview_requested) as preview:
        qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    assert preview.args == [planned.id]
    with qtbot.waitSignal(editor.print_requested) as printing:
        qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
    assert printing.args == [[planned.id]]
    with qtbot.waitSignal(editor.opened) as opened:
        qtbot.mouseClick(editor.next_button, Qt.MouseButton.LeftButton)
    following = opened.args[0]
    new = _detail(fixed_db, following.meeting_id)
    old = _detail(fixed_db, planned.id)
    assert (new.previous_id, new.youth_id, new.type_id, new.starts_at) == (
        planned.id,
        old.youth_id,
        old.type_id,
        when,
    )
    assert [(p.kind, p.user_id) for p in new.participants] == [(p.kind, p.user_id) for p in old.participants]
    following._autosave.stop()
    shiboken6.delete(following)


def test_external_participant_without_consent_is_warned(
    qtbot: Any, fixed_db: Any, actor: Any, planned: Any, open_editor: Any
) -> None:
    editor = open_editor(meeting_id=planned.id)
    assert editor.consent_label.isHidden()
    editor.add_participant_row(ParticipantKind.ARBEIDSGIVER, "Per Hansen", "Rema 1000", "Butikksjef")
    assert editor.consent_label.isVisible()
    assert "Per Hansen" in editor.consent_label.text() and "Rema 1000" in editor.consent_label.text()
    editor.participants.setCurrentCell(editor.participants.rowCount() - 1, 1)
    qtbot.mouseClick(editor.remove_participant_button, Qt.MouseButton.LeftButton)
    assert editor.consent_label.isHidden()


def test_the_sensitive_section_is_marked(open_editor: Any, planned: Any) -> None:
    editor = open_editor(meeting_id=planned.id)
    assert editor.health_box.title() == _("Sensitive: health and other sensitive information")
    assert "b00020" in editor.health_box.styleSheet()


def test_a_trekantsamtale_gets_the_preparation_note_as_agenda(open_editor: Any, planned: Any) -> None:
    """Choosing Trekantsamtale for a youth (agenda still empty) writes the preparation note; a typed agenda
    is never replaced."""
    editor = open_editor(youth_id=planned.youth_id)
    editor.agenda_edit.clear()
    kind = next(
        i for i in range(editor.type_combo.count()) if editor.type_combo.itemText(i) == "Trekantsamtale"
    )
    editor.type_combo.setCurrentIndex(kind)
    agenda = editor.agenda_edit.toPlainText()
    assert agenda.startswith("Forberedelse") and "Skolestatus" in agenda and "OT" in agenda
    editor.type_combo.setCurrentIndex(0)
    editor.agenda_edit.setPlainText("Min egen agenda")
    editor.type_combo.setCurrentIndex(kind)
    assert editor.agenda_edit.toPlainText() == "Min egen agenda"

"""Restricted notes in the UI (issue 9) on the demo office: a youth followed by OB with a health note and a
meeting with a health section. KN (administrator, not the youth's veileder) sees "Begrenset: …" in the youth
form, the meeting editor and the summary dialog and cannot change it, and saving other fields keeps it; OB
(the veileder) and SL (the leder) see and edit the text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import shiboken6

from navdesk.domain.text import OSLO
from tests.ui.conftest import DEMO_DAY

HEALTH = "Rusbehandling hos DPS"
SECTION = "Fortalte om angst"
RESTRICTED = "Begrenset: bare ungdommens veileder og leder kan se dette"


@pytest.fixture
def setup(fixed_db: Any) -> Any:
    from navdesk.db import models as m
    from navdesk.services import meetings, youths
    from navdesk.services.context import actor_for

    with fixed_db.session() as s, s.begin():
        staff = {i: actor_for(s, i) for i in ("KN", "OB", "SL")}
        youth = s.query(m.Youth).filter(m.Youth.veileder_id == staff["OB"].user_id).first()
        assert youth is not None
        youths.update_youth(s, staff["OB"], youth.id, youth.version, health_note=HEALTH)
        meeting = meetings.create_meeting(s, staff["OB"], starts_at=datetime(2026, 11, 24, 13, tzinfo=OSLO),
                                          youth_id=youth.id, place="NAV")  # fmt: skip
        row = s.get(m.Meeting, meeting)
        meetings.record_meeting(s, staff["OB"], meeting, row.version, status="gjennomfort", summary="Bra",
                                health_section=SECTION)  # fmt: skip
        youth_id = youth.id
    return staff, youth_id, meeting


def _stored(db: Any, youth_id: Any, meeting_id: Any) -> tuple[str, str, str]:
    from navdesk.db import models as m

    with db.session() as s:
        youth, meeting = s.get(m.Youth, youth_id), s.get(m.Meeting, meeting_id)
        return youth.health_note, meeting.health_section, youth.notes


def _form(qtbot: Any, db: Any, actor: Any, youth_id: Any) -> Any:
    from navdesk.services.record import read_record
    from navdesk.ui.dialogs.youth_form import YouthForm

    with db.session() as s:
        record = read_record(s, youth_id, DEMO_DAY, actor)
    form = YouthForm(db, actor, record, today=DEMO_DAY)
    qtbot.addWidget(form)
    form.show()
    return form


def test_youth_form_restricted_for_others_editable_for_veileder_and_leder(
    qtbot: Any, fixed_db: Any, setup: Any
) -> None:
    staff, youth_id, meeting = setup
    form = _form(qtbot, fixed_db, staff["KN"], youth_id)
    assert form.health_edit is None and form.health_restricted is not None
    assert form.health_restricted.text() == RESTRICTED
    assert HEALTH not in "".join(w.text() for w in form.findChildren(type(form.health_restricted)))
    form.dreams_edit.setPlainText("Bli kokk")
    assert "health_note" not in form.changes()
    assert form.save()
    assert _stored(fixed_db, youth_id, meeting)[0] == HEALTH  # kept
    for who in ("OB", "SL"):
        form = _form(qtbot, fixed_db, staff[who], youth_id)
        assert form.health_restricted is None and form.health_edit is not None
        assert form.health_edit.toPlainText() == _stored(fixed_db, youth_id, meeting)[0]
        form.health_edit.setPlainText(f"{HEALTH} ({who})")
        assert form.changes() == {"health_note": f"{HEALTH} ({who})"}
        assert form.save()
    assert _stored(fixed_db, youth_id, meeting)[0] == f"{HEALTH} (SL)"


def test_meeting_editor_and_summary_dialog(qtbot: Any, fixed_db: Any, setup: Any, tmp_path: Any) -> None:
    from navdesk.ui.meetings.editor import MeetingEditor
    from navdesk.ui.printing.summary_dialog import SummaryDialog

    staff, youth_id, meeting = setup
    shown: dict[str, Any] = {}
    for who in ("KN", "OB", "SL"):
        editor = MeetingEditor(fixed_db, staff[who], meeting_id=meeting, today=DEMO_DAY)
        editor.show()
        qtbot.waitExposed(editor)
        shown[who] = (editor.health_edit.isVisible(), editor.health_restricted.isVisible(),
                      editor.health_edit.toPlainText())  # fmt: skip
        if who == "KN":
            assert editor.health_restricted.text() == RESTRICTED
            editor.grab().save(str(tmp_path / "editor-kn.png"))
            editor.place_edit.setText("Kafeen")
            assert editor.save()
        editor._autosave.stop()
        shiboken6.delete(editor)
    assert shown == {"KN": (False, True, ""), "OB": (True, False, SECTION), "SL": (True, False, SECTION)}
    # a new meeting: KN may write the section for a youth of her own, not for OB's youth
    new = MeetingEditor(fixed_db, staff["KN"], youth_id=youth_id, today=DEMO_DAY)
    new.show()
    assert not new.health_edit.isVisibleTo(new) and new.health_restricted.isVisibleTo(new)
    new.youth_combo.setCurrentIndex(0)  # no youth
    assert new.health_edit.isVisibleTo(new) and not new.health_restricted.isVisibleTo(new)
    new._autosave.stop()
    shiboken6.delete(new)
    assert _stored(fixed_db, youth_id, meeting)[1] == SECTION  # KN's save kept it
    for who, allowed in (("KN", False), ("OB", True)):
        dialog = SummaryDialog(fixed_db, staff[who], meeting, today=DEMO_DAY)
        qtbot.addWidget(dialog)
        box = dialog.section_boxes["sensitive"]
        assert box.isEnabled() is allowed
        if allowed:
            box.setChecked(True)
            assert dialog.data().sensitive == SECTION
        dialog.close()

"""Re-shoot the documentation screenshots (offscreen): ``python scripts/screenshots.py``.

docs/screenshots/main-window.png  the main window at 1280×800 over the demo office (40 youths, seed 1), deadlines known,
                                  with «Dagens møter» (today's meetings) under the summary
docs/screenshots/lock.png         the same window locked (Ctrl+L), after one wrong password
docs/screenshots/moteplan.png     the Møteplan of this week, the first meeting chosen
docs/screenshots/meeting-editor.png  that meeting in the editor, being written (an employer without consent)
docs/screenshots/first-run.png    the first-run dialog, partly filled in
docs/screenshots/frister.png      the Frister (deadlines) screen, the first overdue deadline selected
docs/screenshots/frister-regler.png  the office's rules for deadlines (as an admin), the 8-week rule selected
docs/screenshots/record-oversikt.png the youth record (Oversikt) of a youth with an open period
docs/screenshots/record-frister.png  the same record's Frister tab
docs/screenshots/youth-form.png    the new-youth form, partly filled in, one field wrong
docs/screenshots/portfolio-huskelapp.png  the portfolio with huskelapp notes and the column menu open
docs/screenshots/summary-dialog.png  the møtereferat dialog with its preview, for a held meeting
docs/screenshots/plan-tavle.png, plan-liste.png  the record's Plan tab as a board and as a list
docs/screenshots/jobbklubb.png     the Jobbklubb screen: the demo group's samlinger (session plan) and figures
docs/screenshots/jobbklubb-oppmote.png  the same group's attendance register (keyboard grid with totals)
docs/screenshots/jobbklubb-deltakere.png  its participants with status, rate and recommendation
docs/screenshots/jobbklubb-oppmoteoversikt.png  page 1 of the attendance summary PDF (aktivitetsplikt)
docs/screenshots/jobbklubb-mappe.png  a participant's record (Oversikt) with the group, attendance and recommendation
docs/screenshots/samarbeid-partnere.png  the Samarbeid screen: the partner directory, OT selected
docs/screenshots/samarbeid-listevask.png  list washing with OT: a list with names written other ways, compared
docs/screenshots/record-samarbeid.png  a youth's record: what may I share with whom today, partners, consents
docs/screenshots/nynorsk-portefolje.png  the main window in nynorsk (Innstillingar → Språk → Nynorsk), menus and all
docs/screenshots/nynorsk-mappe.png  a youth's record in nynorsk
docs/screenshots/brukerveiledning.png  Hjelp → Brukerveiledning (docs/brukerveiledning.md), scrolled to a picture

docs/screenshots/sikkerhetskopier.png  Innstillinger → Sikkerhetskopier: backups over three weeks, the older ones
                                  on the key before a key change
docs/screenshots/gjenopprettingsark.png  the recovery sheet (page 1) after that key change
docs/screenshots/innlogging.png   the sign-in screen of an office with several users, after a wrong password
docs/screenshots/brukere.png      Kontor → Brukere as an administrator, a deactivated user selected
``python scripts/screenshots.py --guide`` shoots only the last three (and main-window.png).

Everything is made in a temporary folder (an encrypted demo database, UI settings, no keyring), so the
user's own data and settings are never touched. Set NAVDESK_LANG to shoot another language.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # the dialog shows the passphrase path
os.environ.pop("NAVDESK_PASSPHRASE", None)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtCore import QSettings

    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo
    from navdesk.services.context import actor_for
    from navdesk.ui.app import make_app
    from navdesk.ui.first_run import FirstRunDialog
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.startup_summary import summarize

    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="navdesk-shots-") as tmp:
        os.environ["NAVDESK_DATA_DIR"] = tmp
        from navdesk.db.keys import new_raw_key

        # encrypted like an office laptop's database (a raw key, as when it is kept in the keyring)
        db, _mode = create_database(Path(tmp) / "navdesk.db", secret=new_raw_key(), mode="passphrase")
        with db.session() as s, s.begin():
            build_demo(s, youths=40, seed=1)
        with db.session() as s:
            actor = actor_for(s)
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        if "--guide" in sys.argv[1:]:
            _shoot_main_window(app, db, actor, settings)
            _shoot_nynorsk_and_guide(app, db, actor, settings)
            db.close()
            print(
                f"wrote {OUT}/main-window.png, nynorsk-portefolje.png, nynorsk-mappe.png, brukerveiledning.png"
            )
            return 0
        window = MainWindow(db, actor, settings=settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.load_deadlines()  # as just after the first paint: the Next deadline column and its filters
        window.summary_banner.set_summary(summarize(window.deadlines_book, actor.user_id))
        window.show_todays_meetings()
        app.processEvents()
        window.grab().save(str(OUT / "main-window.png"))
        window.lock()
        window.app_lock.try_unlock("feil-passord")
        app.processEvents()
        window.grab().save(str(OUT / "lock.png"))
        window.app_lock.unlock()

        window.show_screen("deadlines")
        window.deadlines.select_first()
        app.processEvents()
        window.grab().save(str(OUT / "frister.png"))

        from navdesk.ui.dialogs.rules import RulesDialog

        rules = RulesDialog(db, actor, window)
        rules.select("followup_8w")
        rules.show()
        app.processEvents()
        rules.grab().save(str(OUT / "frister-regler.png"))
        rules.close()

        window.show_screen("portfolio")
        _shoot_record_and_form(app, window)
        _shoot_plan(app, window, db)
        _shoot_huskelapp(app, window, db, actor)
        _shoot_summary_dialog(app, window, db, actor)
        _shoot_meetings(app, window)
        _shoot_clubs(app, window, db, actor)
        _shoot_cooperation(app, window, db, Path(tmp))
        _shoot_reports(app, window)
        _shoot_users(app, window, db, settings)
        _shoot_backups(app, window, db)  # the last: it changes the database key
        window.close()
        _shoot_nynorsk_and_guide(app, db, actor, settings)
        db.close()

        dialog = FirstRunDialog(Path(tmp) / "NavDesk" / "navdesk.db")
        dialog.office_edit.setText("NAV Vinje")
        dialog.municipality_edit.setText("Vinje")
        dialog.name_edit.setText("Kari Nordmann")
        dialog.initials_edit.setText("KN")
        dialog.path_edit.setText(str(Path.home() / ".local" / "share" / "NavDesk" / "navdesk.db"))
        dialog.show()
        dialog.adjustSize()
        app.processEvents()
        dialog.grab().save(str(OUT / "first-run.png"))
        dialog.close()
    names = ("main-window.png", "frister.png", "frister-regler.png", "first-run.png", "record-oversikt.png",
             "record-frister.png", "youth-form.png", "portfolio-huskelapp.png", "summary-dialog.png", "lock.png",
             "moteplan.png", "meeting-editor.png", "jobbklubb.png", "jobbklubb-oppmote.png", "jobbklubb-deltakere.png",
             "jobbklubb-oppmoteoversikt.png", "jobbklubb-mappe.png", "plan-tavle.png", "plan-liste.png",
             "samarbeid-partnere.png", "samarbeid-listevask.png", "record-samarbeid.png", "rapporter.png",
             "rapport-pdf.png", "nynorsk-portefolje.png", "nynorsk-mappe.png", "brukerveiledning.png",
             "sikkerhetskopier.png", "gjenopprettingsark.png", "innlogging.png", "brukere.png")  # fmt: skip
    print("wrote " + ", ".join(str(OUT / name) for name in names))
    return 0


def _shoot_main_window(app: Any, db: Any, actor: Any, settings: Any) -> None:
    """main-window.png alone (as in main())."""
    window = _main_window(app, db, actor, settings)
    window.grab().save(str(OUT / "main-window.png"))
    window.close()


def _main_window(app: Any, db: Any, actor: Any, settings: Any) -> Any:
    """The main window at 1280×800, deadlines known, the summary and today's meetings shown."""
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.startup_summary import summarize

    window = MainWindow(db, actor, settings=settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.load_deadlines()
    window.summary_banner.set_summary(summarize(window.deadlines_book, actor.user_id))
    window.show_todays_meetings()
    app.processEvents()
    return window


def _shoot_nynorsk_and_guide(app: Any, db: Any, actor: Any, settings: Any) -> None:
    """The main window and a record in nynorsk (a window built after switching), then the user guide."""
    from PySide6.QtCore import QLocale

    from navdesk.i18n import language, set_language
    from navdesk.ui.app import install_translators
    from navdesk.ui.language import qt_locale
    from navdesk.ui.user_guide import UserGuide, guide_path

    before = language()
    set_language("nn")
    install_translators(app)
    QLocale.setDefault(qt_locale())
    try:
        window = _main_window(app, db, actor, settings)
        window.grab().save(str(OUT / "nynorsk-portefolje.png"))
        _shoot_nynorsk_record(app, window)
        window.close()
    finally:
        set_language(before)
        install_translators(app)
        QLocale.setDefault(qt_locale())

    guide = UserGuide(guide_path())
    guide.resize(900, 760)
    guide.show()
    app.processEvents()
    browser = guide.browser
    import time

    for _ in range(20):  # QTextBrowser lays a long document out in steps
        app.processEvents()
        time.sleep(0.05)
    cursor = browser.document().find("Oversikten over ungdommene (Portefølje)")  # the section and its picture
    if not cursor.isNull():
        top = browser.document().documentLayout().blockBoundingRect(cursor.block()).top()
        browser.verticalScrollBar().setValue(int(top) - 8)
    app.processEvents()
    guide.grab().save(str(OUT / "brukerveiledning.png"))
    guide.close()


def _shoot_nynorsk_record(app: Any, window: Any) -> None:
    from navdesk.ui.models.portfolio_model import OBJECT_ROLE

    rows = [
        window.portfolio.model.index(r, 0).data(OBJECT_ROLE) for r in range(window.portfolio.model.rowCount())
    ]
    youth = next(r for r in rows if r.registered is not None and r.last_contact is not None)
    record = window.open_record(youth.id)
    record.resize(1180, 800)
    app.processEvents()
    record.grab().save(str(OUT / "nynorsk-mappe.png"))
    record.close()


def _shoot_users(app: Any, window: Any, db: Any, settings: Any) -> None:
    """The sign-in screen (a second window over the same office) and Kontor → Brukere."""
    from navdesk.services import users
    from navdesk.ui.login import gate_window, users_of
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.users import open_users

    second = MainWindow(db, window.actor, settings=settings)
    second.resize(1280, 800)
    gate = gate_window(second, users_of(db), settings=settings, preselect="OB")
    second.show()
    gate.try_sign_in(gate.screen.chosen(), "feil-passord")
    app.processEvents()
    second.grab().save(str(OUT / "innlogging.png"))
    gate.finish(window.actor)
    second.close()
    with db.session() as s, s.begin():
        users.add_user(s, window.actor, name="Åse Ødegård", initials="AØ", password="et-langt-passord")
        users.set_active(s, window.actor, "AØ", False)
    dialog = open_users(window)
    dialog.reload("AØ")
    app.processEvents()
    dialog.grab().save(str(OUT / "brukere.png"))
    dialog.close()


def _shoot_record_and_form(app: object, window: object) -> None:
    from navdesk.ui.dialogs.youth_form import YouthForm
    from navdesk.ui.models.portfolio_model import OBJECT_ROLE

    w: Any = window
    rows = [w.portfolio.model.index(r, 0).data(OBJECT_ROLE) for r in range(w.portfolio.model.rowCount())]
    youth = next(r for r in rows if r.registered is not None and r.last_contact is not None)
    record = w.open_record(youth.id)
    record.resize(1180, 800)
    app.processEvents()  # type: ignore[attr-defined]
    record.grab().save(str(OUT / "record-oversikt.png"))
    record.tabs.setCurrentWidget(record.deadlines)
    app.processEvents()  # type: ignore[attr-defined]
    record.grab().save(str(OUT / "record-frister.png"))
    record.close()

    form = YouthForm(w.database, w.actor, parent=w)
    form.first_name_edit.setText("Åse")
    form.last_name_edit.setText("Ødegård")
    form.fnr_edit.setText("01010750160")
    form.email_edit.setText("ase@")
    form.show()
    app.processEvents()  # type: ignore[attr-defined]
    form.grab().save(str(OUT / "youth-form.png"))
    form.hide()  # not close(): that asks whether to discard what was typed
    form.deleteLater()


def _shoot_plan(app: Any, window: Any, db: Any) -> None:
    """The Plan tab (board and list) of the youth with the most activities."""
    from datetime import date

    from navdesk.services.plan_view import read_plan
    from navdesk.ui.models.portfolio_model import OBJECT_ROLE

    rows = [
        window.portfolio.model.index(r, 0).data(OBJECT_ROLE) for r in range(window.portfolio.model.rowCount())
    ]
    with db.session() as s:
        youth = max(rows, key=lambda r: len(read_plan(s, r.id, date.today()).activities))
    record = window.open_record(youth.id)
    record.resize(1180, 820)
    record.tabs.setCurrentWidget(record.plan)
    app.processEvents()
    record.grab().save(str(OUT / "plan-tavle.png"))
    record.plan.show_view("list")
    app.processEvents()
    record.grab().save(str(OUT / "plan-liste.png"))
    record.close()


def _shoot_huskelapp(app: object, window: object, db: object, actor: object) -> None:
    from datetime import date, timedelta

    from navdesk.services import huskelapp

    w: Any = window
    rows = w.portfolio.model.rows()
    notes = [("Ring om sommerjobben", "green"), ("Søknad lærlingplass – følg opp", "blue"),
             ("Ta med CV til neste møte", "yellow"), ("Spør om førerkort", "purple")]  # fmt: skip
    with db.session() as s, s.begin():  # type: ignore[attr-defined]
        for row, (text, colour) in zip(rows[::7], notes, strict=False):
            huskelapp.save_huskelapp(s, actor, row.id, text=text, colour=colour, due=date.today() + timedelta(days=3),
                                     today=date.today())  # fmt: skip
    w.portfolio.reload()
    w.portfolio.view.selectRow(1)
    app.processEvents()  # type: ignore[attr-defined]
    w.grab().save(str(OUT / "portfolio-huskelapp.png"))


def _shoot_summary_dialog(app: object, window: object, db: object, actor: object) -> None:
    from navdesk.services.meetings import meeting_rows
    from navdesk.ui.printing.summary_dialog import SummaryDialog

    with db.session() as s:  # type: ignore[attr-defined]
        meeting = next(m.id for m in meeting_rows(s) if m.status == "gjennomfort" and m.youth_id is not None)
    dialog = SummaryDialog(db, actor, meeting, window)  # type: ignore[arg-type]
    dialog.resize(1100, 820)
    dialog.show()
    import time

    for _ in range(40):  # the preview renders its page asynchronously
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.05)
    dialog.grab().save(str(OUT / "summary-dialog.png"))
    dialog.close()


def _shoot_meetings(app: Any, window: Any) -> None:
    from navdesk.domain.enums import ParticipantKind

    window.show_screen("meetings")
    plan, model = window.meetings, window.meetings.model
    day = next(d for d in range(model.rowCount()) if model.rowCount(model.index(d, 0)))
    plan.view.setCurrentIndex(model.index(0, 0, model.index(day, 0)))
    app.processEvents()
    window.grab().save(str(OUT / "moteplan.png"))
    editor = window.open_meeting(plan.selected_meeting().id)
    editor.add_participant_row(ParticipantKind.ARBEIDSGIVER, "Per Hansen", "Rema 1000 Vinje", "Butikksjef")
    editor.decisions_edit.setPlainText("Starter arbeidstrening i januar hvis Rema 1000 sier ja.")
    editor.summary_edit.setPlainText(
        "Har søkt på to jobber siden sist. Vi gikk gjennom CV-en sammen og ble enige om å spørre Rema 1000 "
        "om praksisplass.\nNeste gang: se på jobbannonser sammen."
    )
    editor.add_action_row("Ringe Rema 1000 om praksisplass")
    editor.health_edit.setPlainText("Sover dårlig; har time hos fastlegen.")
    editor.resize(1000, 1180)
    app.processEvents()
    editor.grab().save(str(OUT / "meeting-editor.png"))
    editor._autosave.stop()
    editor.close()
    window.show_screen("portfolio")


def _shoot_reports(app: Any, window: Any) -> None:
    """The Rapporter screen for the last two years of the demo office, and the first pages of its PDF."""
    import subprocess
    from datetime import date

    from PySide6.QtCore import QDate

    window.show_screen("reports")
    view = window.reports
    today = date.today()
    view.preset.setCurrentIndex(view.preset.findData("custom"))
    view.start.setDate(QDate(today.year - 1, 1, 1))
    view.end.setDate(QDate(today.year, today.month, today.day))
    view.make()
    app.processEvents()
    window.grab().save(str(OUT / "rapporter.png"))
    pdf = OUT.parent / "rapport.pdf"
    view.save_pdf(pdf)
    try:
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(OUT / "rapport-pdf")],
                       check=True)  # fmt: skip
        from PIL import Image

        pages = [Image.open(OUT / f"rapport-pdf-{n}.png") for n in (1, 2)]
        both = Image.new("RGB", (sum(p.width for p in pages), max(p.height for p in pages)), "white")
        both.paste(pages[0], (0, 0))
        both.paste(pages[1], (pages[0].width, 0))
        both.save(OUT / "rapport-pdf.png")
        for n in (1, 2):
            (OUT / f"rapport-pdf-{n}.png").unlink()
    finally:
        pdf.unlink(missing_ok=True)


def _shoot_clubs(app: object, window: object, db: object, actor: object) -> None:
    """The Jobbklubb screen (samlinger, attendance grid, participants) and the attendance summary PDF."""
    import subprocess

    from navdesk.services import clubs

    w: Any = window
    w.show_screen("jobbklubb")
    view = w.clubs
    app.processEvents()  # type: ignore[attr-defined]
    w.grab().save(str(OUT / "jobbklubb.png"))
    view.tabs.setCurrentIndex(2)
    view.grid.setFocus()
    app.processEvents()  # type: ignore[attr-defined]
    w.grab().save(str(OUT / "jobbklubb-oppmote.png"))
    view.tabs.setCurrentIndex(1)
    app.processEvents()  # type: ignore[attr-defined]
    w.grab().save(str(OUT / "jobbklubb-deltakere.png"))
    with db.session() as s, s.begin():  # type: ignore[attr-defined]
        data, _n = clubs.printout(s, actor, view.detail.club.id, "attendance")  # type: ignore[arg-type]
    pdf = OUT.parent / "jobbklubb-oppmoteoversikt.pdf"
    pdf.write_bytes(data)
    try:
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(OUT / "jobbklubb-oppmoteoversikt")], check=True)  # fmt: skip
    finally:
        pdf.unlink()
    person = view.detail.participants[0]
    with db.session() as s, s.begin():  # type: ignore[attr-defined]
        clubs.record_observation(s, actor, person.enrolment_id, None, recommendation="fortsette",  # type: ignore[arg-type]
                                 observation="Deltar aktivt, god på intervjutrening. Trenger hjelp med CV.")  # fmt: skip
    record = w.open_record(person.youth_id)
    record.resize(1180, 800)
    app.processEvents()  # type: ignore[attr-defined]
    record.grab().save(str(OUT / "jobbklubb-mappe.png"))
    record.close()


def ot_list_for(rows: list[Any], path: Path) -> Path:
    """An OT list over the demo's youths under 21 as another register writes them: surname first with a
    comma, æøå spelled out, a middle name left off, one youth with another birth date, two youths NAV does
    not have, one line without a status OT knows."""
    import csv
    from datetime import date, timedelta

    from navdesk.domain.text import age_on

    young = [r for r in rows if r.registered is not None and age_on(r.birth_date, date.today()) < 21]
    young.sort(
        key=lambda r: r.name.isascii()
    )  # names with æ, ø, å first: they are the ones registers spell out
    spell = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    lines = []
    for i, r in enumerate(young[:6]):
        first, last = r.first_name, r.last_name
        name = f"{last}, {first}" if i % 2 == 0 else f"{first.split()[0]} {last}".translate(spell)
        born = r.birth_date + timedelta(days=31) if i == 5 else r.birth_date
        status = [
            "Ivaretatt",
            "Ikke ivaretatt",
            "Ivaretatt av NAV",
            "Har flyttet",
            "Ivaretatt",
            "Ikke ivaretatt",
        ][i]
        lines.append(
            [name.upper() if i == 2 else name, born.strftime("%d.%m.%Y"), "Vest-Telemark vgs", status]
        )
    lines += [
        ["Moe, Lise", "10.10.2008", "Bø vgs", "Ikke ivaretatt"],
        ["Tobias Kleiv", "03.03.2009", "", "Ikke ivaretatt"],
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["Navn", "Fødselsdato", "Skole", "OT-status"])
        writer.writerows(lines)
    return path


def _shoot_cooperation(app: object, window: object, db: object, tmp: Path) -> None:
    w: Any = window
    w.show_screen("partners")
    view = w.cooperation
    directory = view.directory
    ot = next((i for i, r in enumerate(directory.rows) if r.type_code == "ot"), 0)
    directory.view.selectRow(ot)
    app.processEvents()  # type: ignore[attr-defined]
    w.grab().save(str(OUT / "samarbeid-partnere.png"))

    view.tabs.setCurrentWidget(view.washing)
    view.washing.compare_file(ot_list_for(w.portfolio.model.rows(), tmp / "OT-liste-uke-49.csv"))
    view.washing.groups.setCurrentIndex(2)  # status differs: names written another way, found all the same
    view.washing.views[view.washing._category_names[2]].selectRow(0)
    app.processEvents()  # type: ignore[attr-defined]
    w.grab().save(str(OUT / "samarbeid-listevask.png"))
    view.tabs.setCurrentWidget(view.directory)
    w.show_screen("portfolio")

    youth = _cooperation_example(w, db)
    record = w.open_record(youth)
    record.resize(1180, 800)
    record.tabs.setCurrentWidget(record.consents)
    app.processEvents()  # type: ignore[attr-defined]
    record.grab().save(str(OUT / "record-samarbeid.png"))
    record.close()


def _cooperation_example(w: Any, db: Any) -> Any:
    """A youth under 21 with OT holding the ball (a consent covers it), BUP involved without a consent, and an
    older consent withdrawn: what the record's cooperation tab is for."""
    from datetime import date, timedelta

    from navdesk.services import partners
    from navdesk.services.context import actor_for

    today = date.today()
    row = next(r for r in w.portfolio.model.rows() if r.registered is not None and r.age(today) < 21)
    with db.session() as s, s.begin():
        actor = actor_for(s)
        orgs = {r.type_code: r for r in partners.directory(s, today)}
        ot, bup = orgs["ot"], orgs["bup_dps"]
        partners.involve(s, actor, row.id, ot.id, role="Skoleplass til høsten", holds_ball=True,
                         contact_person_id=ot.current_contacts[0].id if ot.current_contacts else None,
                         from_date=today - timedelta(days=40))  # fmt: skip
        partners.involve(s, actor, row.id, bup.id, role="Behandling", from_date=today - timedelta(days=20))
        partners.record_consent(s, actor, row.id, partner_ids=[ot.id], purpose="Samarbeid om skoleplass",
                                scope="Skolestatus, oppmøte og plan", given_on=today - timedelta(days=40),
                                expires_on=today + timedelta(days=325), signed_copy_location="Skannet til Gosys")  # fmt: skip
        old = partners.record_consent(s, actor, row.id, partner_ids=[bup.id], purpose="Samarbeid med BUP",
                                      form="muntlig", given_on=today - timedelta(days=90))  # fmt: skip
        partners.withdraw_consent(s, actor, old, today - timedelta(days=5))
    return row.id


if __name__ == "__main__":
    sys.exit(main())


def _shoot_backups(app: Any, window: Any, db: Any) -> None:
    """The Backups dialog with three weeks of backups, the older ones on the key before a key change, and
    page 1 of the recovery sheet made afterwards."""
    import subprocess
    from datetime import datetime, timedelta

    from navdesk.db.keys import new_raw_key
    from navdesk.documents.recovery import render_recovery_sheet
    from navdesk.services import backup
    from navdesk.services.keys_admin import change_key, recovery_sheet
    from navdesk.ui.backups import BackupsDialog, current_folder

    folder = current_folder(window)
    now = datetime.now().astimezone().replace(hour=15, minute=58, second=0, microsecond=0)
    for days in (19, 12, 6, 5, 4):
        backup.backup_to_folder(
            db.target.path, db.secret, folder, now=now - timedelta(days=days, minutes=days * 9)
        )
    change_key(db, window.actor, new_raw_key())
    for days in (3, 2, 1, 0):
        backup.backup_to_folder(
            db.target.path, db.secret, folder, now=now - timedelta(days=days, minutes=days * 7)
        )
    dialog = BackupsDialog(window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(OUT / "sikkerhetskopier.png"))
    dialog.close()
    with db.session() as session, session.begin():
        sheet = recovery_sheet(session, window.actor, db, folder)
    pdf = folder.parent / "gjenopprettingsark.pdf"
    pdf.write_bytes(render_recovery_sheet(sheet))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(OUT / "gjenopprettingsark")], check=True)  # fmt: skip
    pdf.unlink()

"""The recovery sheet (gjenopprettingsark) for the office's safe: the database key, where the database
and its backups are, and which backups need an older key. ReportLab, no Qt; the page furniture of
:mod:`navdesk.documents.layout`. The key is printed in Courier so that 0/O and 1/l can be told apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from navdesk.documents import layout
from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.documents.layout import HEAD, INK, MUTED, WIDTH, markup
from navdesk.domain.text import format_date
from navdesk.i18n import language, translation

if TYPE_CHECKING:
    from navdesk.services.keys_admin import RecoverySheet


def render_recovery_sheet(sheet: RecoverySheet, lang: str | None = None) -> bytes:
    """The sheet as PDF bytes (the same bytes for the same sheet)."""
    register_fonts()
    lang = lang or language()
    tr = translation(lang)
    _ = tr.gettext
    body = ParagraphStyle("body", fontName=FAMILY, fontSize=10, leading=13.6, textColor=INK, spaceAfter=4)
    small = ParagraphStyle("small", body, fontSize=8.5, leading=11, textColor=MUTED)
    cell = ParagraphStyle("cell", body, fontSize=9, leading=12, spaceAfter=0)
    title = ParagraphStyle(
        "title", body, fontName=BOLD, fontSize=19, leading=23, textColor=HEAD, spaceAfter=6
    )
    heading = ParagraphStyle("heading", body, fontName=BOLD, fontSize=12.5, leading=16.6, textColor=HEAD,
                             spaceBefore=10, spaceAfter=3, keepWithNext=1)  # fmt: skip
    key_style = ParagraphStyle("key", body, fontName="Courier-Bold" if sheet.raw else BOLD, fontSize=10.5,
                               leading=15, borderColor=HEAD, borderWidth=0.8, borderPadding=7, spaceBefore=6,
                               spaceAfter=10, backColor="#f4f6f8")  # fmt: skip

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(markup(text), style)

    story: list[Any] = [
        p(_("Recovery sheet for the NavDesk database"), title),
        p(
            _(
                "Keep this sheet locked in the office's safe. Anyone who has it and a copy of the database can read "
                "everything in it. Print a new sheet when the key is changed; keep the old sheet as long as backups that "
                "need its key exist (they are listed below)."
            )
        ),
        p(_("The key"), heading),
        p(sheet.key, key_style),
        p(
            _(
                "Type it exactly as printed, including x' and ', when NavDesk asks for the passphrase "
                "(or set NAVDESK_PASSPHRASE to it)."
            )
            if sheet.raw
            else _("This is the passphrase; type it exactly as printed when NavDesk asks for it.")
        ),
        p(
            _("Key fingerprint: {fp}. Backups list the fingerprint of the key they need.").format(
                fp=sheet.fingerprint
            ),
            small,
        ),
        p(_("Where"), heading),
    ]
    facts = [
        [_("Office"), sheet.office or "–"],
        [_("Database"), sheet.database],
        [_("Backup folder"), sheet.folder + ("  " + _("(not available when printed)") if sheet.folder_missing else "")],
        [_("Printed"), _("{date} by {who}").format(date=format_date(sheet.printed_on), who=sheet.printed_by)],
        [_("Key kept in"), _("the system keyring on this machine") if sheet.in_keyring else _("nowhere but here "
                                                                                              "and in people's heads")],
    ]  # fmt: skip
    story.append(layout.table([[p(a, cell), p(b, cell)] for a, b in facts], [38 * 2.835, WIDTH - 38 * 2.835],
                              header=False))  # fmt: skip
    story.append(p(_("Backups that need an older key"), heading))
    if not sheet.old_backups:
        story.append(p(_("None: every backup in the backup folder opens with the key above.")))
    else:
        story.append(
            p(_("These backups were made before the key was changed and open only with the older key:"))
        )
        file_style = ParagraphStyle("file", cell, fontSize=8)
        rows: list[list[Any]] = [[p(_("Backup"), cell), p(_("Made"), cell), p(_("Key fingerprint"), cell)]]
        for item in sheet.old_backups:
            made = f"{format_date(item.made_at.date())} {item.made_at:%H:%M}" if item.made_at else "–"
            rows.append([p(item.file, file_style), p(made, cell), p(item.fingerprint, cell)])
        story.append(layout.table(rows, [WIDTH * 0.5, WIDTH * 0.22, WIDTH * 0.28]))
        story.append(p(_("Older keys"), heading))
        old_key = ParagraphStyle("oldkey", key_style, fontName="Courier-Bold", fontSize=9.5, spaceBefore=2,
                                 spaceAfter=8, borderWidth=0.5)  # fmt: skip
        for fingerprint, key in dict((i.fingerprint, i.key) for i in sheet.old_backups).items():
            if key:
                story += [p(_("Key with fingerprint {fp}:").format(fp=fingerprint), cell), p(key, old_key)]
            else:
                story.append(p(_("Key with fingerprint {fp}: not kept on this machine; it is on the recovery sheet "
                                 "printed before the key was changed. Keep that sheet as long as these backups "
                                 "exist.").format(fp=fingerprint)))  # fmt: skip
    story += [
        Spacer(1, 8),
        p(
            _(
                "If the laptop is lost: install NavDesk on a new machine, restore the newest backup with "
                "«navdesk restore BACKUP --db NEW_FILE» with NAVDESK_PASSPHRASE set to the key above, and "
                "open it."
            ),
            small,
        ),
    ]
    title_text = _("Recovery sheet")
    furniture = layout.furniture(tr, office=sheet.office, title=title_text, printed_by=sheet.printed_by,
                                 printed_on=sheet.printed_on)  # fmt: skip
    return layout.build_pdf(
        story, furniture, title=title_text, subject=title_text, author=sheet.office, lang=lang
    )

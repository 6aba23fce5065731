"""initial schema

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-24 06:38:02.493805
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('office',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('small_number_threshold', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('store_fodselsnummer', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office'))
    )
    op.create_table('app_user',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('initials', sa.String(length=10), nullable=False),
    sa.Column('job_role', sa.Enum('veileder', 'jobbspesialist', 'ot_kontakt', 'leder', name='jobrole', native_enum=False, length=40), nullable=False),
    sa.Column('access_role', sa.Enum('veileder', 'leder', 'admin', name='accessrole', native_enum=False, length=40), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_app_user_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('initials', name=op.f('uq_app_user_initials'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_office_id'), ['office_id'], unique=False)

    op.create_table('catalogue_entry',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('label_nb', sa.String(length=200), nullable=False),
    sa.Column('label_nn', sa.String(length=200), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('attrs', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_catalogue_entry_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_entry')),
    sa.UniqueConstraint('office_id', 'kind', 'code', name=op.f('uq_catalogue_entry_office_id_kind_code'))
    )
    with op.batch_alter_table('catalogue_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_entry_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_catalogue_entry_office_id'), ['office_id'], unique=False)

    op.create_table('club',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('jobbklubb', 'cv_verksted', 'jobbsokerkurs', 'infomote', 'refleksjonsgruppe', 'annet', name='clubkind', native_enum=False, length=40), nullable=False),
    sa.Column('organiser', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('target_group', sa.Text(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('facilitators', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_club_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_club'))
    )
    with op.batch_alter_table('club', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_club_office_id'), ['office_id'], unique=False)

    op.create_table('employer',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('org_number', sa.String(length=20), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('industry', sa.String(length=200), nullable=False),
    sa.Column('openings', sa.JSON(), nullable=False),
    sa.Column('mentor_available', sa.Boolean(), nullable=False),
    sa.Column('last_visit', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_employer_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer'))
    )
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employer_office_id'), ['office_id'], unique=False)

    op.create_table('office_setting',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_office_setting_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_setting')),
    sa.UniqueConstraint('office_id', 'key', name=op.f('uq_office_setting_office_id_key'))
    )
    with op.batch_alter_table('office_setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_office_setting_office_id'), ['office_id'], unique=False)

    op.create_table('preventive_activity',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=100), nullable=False),
    sa.Column('audience', sa.String(length=200), nullable=False),
    sa.Column('reached', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_preventive_activity_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preventive_activity'))
    )
    with op.batch_alter_table('preventive_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_preventive_activity_office_id'), ['office_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('user_initials', sa.String(length=10), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=True),
    sa.Column('youth_id', sa.Uuid(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('payload_digest', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_audit_event_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sa.UniqueConstraint('seq', name=op.f('uq_audit_event_seq'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_youth_id'), ['youth_id'], unique=False)

    op.create_table('club_session',
    sa.Column('club_id', sa.Uuid(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Uuid(), nullable=True),
    sa.Column('guest_employer_id', sa.Uuid(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['club_id'], ['club.id'], name=op.f('fk_club_session_club_id_club'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['guest_employer_id'], ['employer.id'], name=op.f('fk_club_session_guest_employer_id_employer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['catalogue_entry.id'], name=op.f('fk_club_session_topic_id_catalogue_entry'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_club_session'))
    )
    with op.batch_alter_table('club_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_club_session_club_id'), ['club_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_club_session_guest_employer_id'), ['guest_employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_club_session_topic_id'), ['topic_id'], unique=False)

    op.create_table('partner_org',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type_id', sa.Uuid(), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('agreement_date', sa.Date(), nullable=True),
    sa.Column('agreement_review', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_partner_org_office_id_office'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['type_id'], ['catalogue_entry.id'], name=op.f('fk_partner_org_type_id_catalogue_entry'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_org'))
    )
    with op.batch_alter_table('partner_org', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_org_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_org_type_id'), ['type_id'], unique=False)

    op.create_table('youth',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('preferred_name', sa.String(length=100), nullable=False),
    sa.Column('fodselsnummer', sa.String(length=11), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('malform', sa.Enum('nb', 'nn', name='malform', native_enum=False, length=40), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('preferred_channel', sa.Enum('samtale', 'telefon', 'sms', 'epost', 'hjemmebesok', 'arbeidsplassbesok', 'folge', 'oppsokende', 'video', name='contactchannel', native_enum=False, length=40), nullable=True),
    sa.Column('cannot_phone', sa.Boolean(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('adressesperre', sa.Enum('ingen', 'fortrolig', 'strengt_fortrolig', name='adressesperre', native_enum=False, length=40), nullable=False),
    sa.Column('household', sa.Text(), nullable=False),
    sa.Column('own_children', sa.Integer(), nullable=False),
    sa.Column('work_experience', sa.Text(), nullable=False),
    sa.Column('job_wishes', sa.Text(), nullable=False),
    sa.Column('barriers', sa.JSON(), nullable=False),
    sa.Column('barrier_notes', sa.Text(), nullable=False),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('dreams', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('health_note', sa.Text(), nullable=False),
    sa.Column('veileder_id', sa.Uuid(), nullable=True),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('no_group_activities', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_youth_office_id_office'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['veileder_id'], ['app_user.id'], name=op.f('fk_youth_veileder_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_youth')),
    sa.UniqueConstraint('fodselsnummer', name=op.f('uq_youth_fodselsnummer'))
    )
    with op.batch_alter_table('youth', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_youth_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_youth_veileder_id'), ['veileder_id'], unique=False)

    op.create_table('audit_payload',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['audit_event.id'], name=op.f('fk_audit_payload_event_id_audit_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_audit_payload'))
    )
    op.create_table('club_enrolment',
    sa.Column('club_id', sa.Uuid(), nullable=False),
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('enrolled_on', sa.Date(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('venter_pa_oppstart', 'deltar', 'har_sluttet', 'fullfort', name='enrolmentstatus', native_enum=False, length=40), nullable=False),
    sa.Column('leave_reason', sa.Enum('fatt_jobb', 'syk', 'trenger_annen_stotte', 'ikke_mott', 'annet', name='leavereason', native_enum=False, length=40), nullable=True),
    sa.Column('observation', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['club_id'], ['club.id'], name=op.f('fk_club_enrolment_club_id_club'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_club_enrolment_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_club_enrolment')),
    sa.UniqueConstraint('club_id', 'youth_id', name=op.f('uq_club_enrolment_club_id_youth_id'))
    )
    with op.batch_alter_table('club_enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_club_enrolment_club_id'), ['club_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_club_enrolment_youth_id'), ['youth_id'], unique=False)

    op.create_table('consent',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('form', sa.Enum('skriftlig', 'muntlig', name='consentform', native_enum=False, length=40), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('by_guardian', sa.Boolean(), nullable=False),
    sa.Column('signed_copy_location', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_consent_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_youth_id'), ['youth_id'], unique=False)

    op.create_table('contact_person',
    sa.Column('org_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('office_days', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['partner_org.id'], name=op.f('fk_contact_person_org_id_partner_org'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_person'))
    )
    with op.batch_alter_table('contact_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_person_org_id'), ['org_id'], unique=False)

    op.create_table('deadline_decision',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('youth_id', sa.Uuid(), nullable=True),
    sa.Column('state', sa.Enum('open', 'done', 'snoozed', 'not_applicable', name='deadlinestate', native_enum=False, length=40), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_deadline_decision_user_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_deadline_decision_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_decision')),
    sa.UniqueConstraint('key', name=op.f('uq_deadline_decision_key'))
    )
    with op.batch_alter_table('deadline_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_decision_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_decision_youth_id'), ['youth_id'], unique=False)

    op.create_table('follow_up_period',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('registration_date', sa.Date(), nullable=False),
    sa.Column('situation', sa.Enum('utenfor_arbeid_og_utdanning', 'i_arbeid', 'i_utdanning', 'sykmeldt', 'ukjent', name='situationatregistration', native_enum=False, length=40), nullable=False),
    sa.Column('contact_route', sa.Enum('egen_henvendelse', 'nav_no', 'sosialhjelp', 'ot', 'skole', 'foreldre', 'barnevern', 'helse', 'oppsokende', name='contactroute', native_enum=False, length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('intensity', sa.Enum('tett', 'normal', 'minimum', name='intensity', native_enum=False, length=40), nullable=False),
    sa.Column('aktivitetsplikt', sa.Boolean(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('outcome_id', sa.Uuid(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.Column('dormant_until', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['outcome_id'], ['catalogue_entry.id'], name=op.f('fk_follow_up_period_outcome_id_catalogue_entry'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_follow_up_period_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_period'))
    )
    with op.batch_alter_table('follow_up_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_period_outcome_id'), ['outcome_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_period_registration_date'), ['registration_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_period_youth_id'), ['youth_id'], unique=False)

    op.create_table('journal_mark',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('document_kind', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('system', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_journal_mark_user_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_journal_mark_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_mark'))
    )
    with op.batch_alter_table('journal_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_mark_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_journal_mark_youth_id'), ['youth_id'], unique=False)

    op.create_table('meeting',
    sa.Column('youth_id', sa.Uuid(), nullable=True),
    sa.Column('type_id', sa.Uuid(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('channel', sa.Enum('samtale', 'telefon', 'sms', 'epost', 'hjemmebesok', 'arbeidsplassbesok', 'folge', 'oppsokende', 'video', name='contactchannel', native_enum=False, length=40), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('health_section', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('planlagt', 'gjennomfort', 'avlyst', 'ma_flyttes', name='meetingstatus', native_enum=False, length=40), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=False),
    sa.Column('previous_id', sa.Uuid(), nullable=True),
    sa.Column('organiser_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organiser_id'], ['app_user.id'], name=op.f('fk_meeting_organiser_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['previous_id'], ['meeting.id'], name=op.f('fk_meeting_previous_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['type_id'], ['catalogue_entry.id'], name=op.f('fk_meeting_type_id_catalogue_entry'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_meeting_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_organiser_id'), ['organiser_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_previous_id'), ['previous_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_type_id'), ['type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_youth_id'), ['youth_id'], unique=False)

    op.create_table('school_status',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.Enum('elev_aktiv', 'i_faresonen', 'avbrudd_i_aret', 'ikke_mott_skolestart', 'ikke_sokt', 'aldri_startet_vgs', 'laerling', 'soker_laereplass', 'laerekandidat', 'vg3_i_skole', 'fullfort', 'frasagt_rett', 'ukjent', name='schoolstatus', native_enum=False, length=40), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('ungdomsrett', sa.Enum('ja', 'nei', 'ukjent', name='tristate', native_enum=False, length=40), nullable=False),
    sa.Column('school', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_school_status_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_status'))
    )
    with op.batch_alter_table('school_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_status_youth_id'), ['youth_id'], unique=False)

    op.create_table('task',
    sa.Column('youth_id', sa.Uuid(), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('colour', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_task_user_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_task_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_youth_id'), ['youth_id'], unique=False)

    op.create_table('veileder_assignment',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('handover_note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_veileder_assignment_user_id_app_user'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_veileder_assignment_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_veileder_assignment'))
    )
    with op.batch_alter_table('veileder_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_veileder_assignment_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_veileder_assignment_youth_id'), ['youth_id'], unique=False)

    op.create_table('activity',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('period_id', sa.Uuid(), nullable=True),
    sa.Column('type', sa.Enum('jobbsoking', 'stilling', 'egenaktivitet', 'behandling', 'mote', 'samtalereferat', 'tiltak', 'utdanning', 'arbeidstrening', 'jobbklubb', name='activitytype', native_enum=False, length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('forslag', 'planlegger', 'gjennomforer', 'fullfort', 'avbrutt', name='activitystatus', native_enum=False, length=40), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('responsible', sa.Enum('ungdommen', 'nav', 'ot', 'partner', name='responsible', native_enum=False, length=40), nullable=False),
    sa.Column('tiltak_id', sa.Uuid(), nullable=True),
    sa.Column('employer_id', sa.Uuid(), nullable=True),
    sa.Column('club_id', sa.Uuid(), nullable=True),
    sa.Column('meeting_id', sa.Uuid(), nullable=True),
    sa.Column('agreed', sa.Boolean(), nullable=False),
    sa.Column('applications_per_week', sa.Integer(), nullable=True),
    sa.Column('application_status', sa.Enum('ingen', 'soknad_sendt', 'innkalt_til_intervju', 'avslag', 'jobbtilbud', name='applicationstatus', native_enum=False, length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['club_id'], ['club.id'], name=op.f('fk_activity_club_id_club'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_activity_employer_id_employer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_activity_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_activity_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tiltak_id'], ['catalogue_entry.id'], name=op.f('fk_activity_tiltak_id_catalogue_entry'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_activity_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_club_id'), ['club_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_tiltak_id'), ['tiltak_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_youth_id'), ['youth_id'], unique=False)

    op.create_table('attendance',
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('enrolment_id', sa.Uuid(), nullable=False),
    sa.Column('value', sa.Enum('til_stede', 'gyldig_fravaer', 'ikke_mott', 'kom_for_sent', name='attendance', native_enum=False, length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['enrolment_id'], ['club_enrolment.id'], name=op.f('fk_attendance_enrolment_id_club_enrolment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['club_session.id'], name=op.f('fk_attendance_session_id_club_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('session_id', 'enrolment_id', name=op.f('uq_attendance_session_id_enrolment_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_enrolment_id'), ['enrolment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_session_id'), ['session_id'], unique=False)

    op.create_table('benefit_period',
    sa.Column('period_id', sa.Uuid(), nullable=False),
    sa.Column('ytelse_id', sa.Uuid(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_benefit_period_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ytelse_id'], ['catalogue_entry.id'], name=op.f('fk_benefit_period_ytelse_id_catalogue_entry'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benefit_period'))
    )
    with op.batch_alter_table('benefit_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benefit_period_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_benefit_period_ytelse_id'), ['ytelse_id'], unique=False)

    op.create_table('consent_partner',
    sa.Column('consent_id', sa.Uuid(), nullable=False),
    sa.Column('org_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_consent_partner_consent_id_consent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['partner_org.id'], name=op.f('fk_consent_partner_org_id_partner_org'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('consent_id', 'org_id', name=op.f('pk_consent_partner'))
    )
    with op.batch_alter_table('consent_partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_partner_org_id'), ['org_id'], unique=False)

    op.create_table('innsats_decision',
    sa.Column('period_id', sa.Uuid(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('innsatsgruppe', sa.Enum('standard_innsats', 'situasjonsbestemt_innsats', 'spesielt_tilpasset_innsats', 'gradert_varig_tilpasset_innsats', 'varig_tilpasset_innsats', name='innsatsgruppe', native_enum=False, length=40), nullable=False),
    sa.Column('hovedmal', sa.Enum('skaffe_arbeid', 'beholde_arbeid', 'oke_deltakelse', name='hovedmal', native_enum=False, length=40), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_innsats_decision_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_innsats_decision'))
    )
    with op.batch_alter_table('innsats_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innsats_decision_period_id'), ['period_id'], unique=False)

    op.create_table('involvement',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('org_id', sa.Uuid(), nullable=False),
    sa.Column('contact_person_id', sa.Uuid(), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('holds_ball', sa.Boolean(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['contact_person_id'], ['contact_person.id'], name=op.f('fk_involvement_contact_person_id_contact_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['partner_org.id'], name=op.f('fk_involvement_org_id_partner_org'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_involvement_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_involvement'))
    )
    with op.batch_alter_table('involvement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_involvement_contact_person_id'), ['contact_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_involvement_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_involvement_youth_id'), ['youth_id'], unique=False)

    op.create_table('meeting_action',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('who_user_id', sa.Uuid(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_action_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['who_user_id'], ['app_user.id'], name=op.f('fk_meeting_action_who_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_action'))
    )
    with op.batch_alter_table('meeting_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_action_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_action_who_user_id'), ['who_user_id'], unique=False)

    op.create_table('meeting_participant',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.Enum('ungdom', 'veileder', 'partner', 'foresatt', 'arbeidsgiver', 'annen', name='participantkind', native_enum=False, length=40), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('contact_person_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['contact_person_id'], ['contact_person.id'], name=op.f('fk_meeting_participant_contact_person_id_contact_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_participant_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_meeting_participant_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participant'))
    )
    with op.batch_alter_table('meeting_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participant_contact_person_id'), ['contact_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participant_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participant_user_id'), ['user_id'], unique=False)

    op.create_table('plan',
    sa.Column('period_id', sa.Uuid(), nullable=False),
    sa.Column('dream', sa.Text(), nullable=False),
    sa.Column('goal_category', sa.Enum('ordinaert_arbeid', 'fullfort_utdanning', 'kombinert', 'bedre_livssituasjon', name='goalcategory', native_enum=False, length=40), nullable=True),
    sa.Column('own_goal', sa.String(length=500), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_plan_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('period_id', name=op.f('uq_plan_period_id'))
    )
    op.create_table('status_snapshot',
    sa.Column('period_id', sa.Uuid(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('arbeid', 'utdanning', 'tiltak', 'annen_aktivitet', 'ingen_aktivitet', 'ukjent', name='reportstatus', native_enum=False, length=40), nullable=False),
    sa.Column('confirmed_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['app_user.id'], name=op.f('fk_status_snapshot_confirmed_by_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['period_id'], ['follow_up_period.id'], name=op.f('fk_status_snapshot_period_id_follow_up_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_snapshot')),
    sa.UniqueConstraint('period_id', 'month', name=op.f('uq_status_snapshot_period_id_month'))
    )
    with op.batch_alter_table('status_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_snapshot_confirmed_by_id'), ['confirmed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_snapshot_period_id'), ['period_id'], unique=False)

    op.create_table('placement',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('employer_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('followup_interval_days', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_placement_activity_id_activity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_placement_employer_id_employer'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_placement_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement'))
    )
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placement_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placement_youth_id'), ['youth_id'], unique=False)

    op.create_table('plan_goal',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('achieved_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_goal_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal'))
    )
    with op.batch_alter_table('plan_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_goal_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_revision',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_revision_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_plan_revision_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_revision'))
    )
    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_revision_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_revision_user_id'), ['user_id'], unique=False)

    op.create_table('contact',
    sa.Column('youth_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.Enum('samtale', 'telefon', 'sms', 'epost', 'hjemmebesok', 'arbeidsplassbesok', 'folge', 'oppsokende', 'video', name='contactchannel', native_enum=False, length=40), nullable=False),
    sa.Column('initiated_by', sa.Enum('ungdom', 'nav', 'partner', name='initiatedby', native_enum=False, length=40), nullable=False),
    sa.Column('outcome', sa.Enum('gjennomfort', 'ikke_mott', 'avlyst', name='contactoutcome', native_enum=False, length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('partner_org_id', sa.Uuid(), nullable=True),
    sa.Column('placement_id', sa.Uuid(), nullable=True),
    sa.Column('ot_notified', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_org_id'], ['partner_org.id'], name=op.f('fk_contact_partner_org_id_partner_org'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['placement_id'], ['placement.id'], name=op.f('fk_contact_placement_id_placement'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_contact_user_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_contact_youth_id_youth'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact'))
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_partner_org_id'), ['partner_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_placement_id'), ['placement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_contact_youth_at', ['youth_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_youth_at')
        batch_op.drop_index(batch_op.f('ix_contact_user_id'))
        batch_op.drop_index(batch_op.f('ix_contact_placement_id'))
        batch_op.drop_index(batch_op.f('ix_contact_partner_org_id'))

    op.drop_table('contact')
    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_revision_user_id'))
        batch_op.drop_index(batch_op.f('ix_plan_revision_plan_id'))

    op.drop_table('plan_revision')
    with op.batch_alter_table('plan_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_goal_plan_id'))

    op.drop_table('plan_goal')
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_youth_id'))
        batch_op.drop_index(batch_op.f('ix_placement_employer_id'))
        batch_op.drop_index(batch_op.f('ix_placement_activity_id'))

    op.drop_table('placement')
    with op.batch_alter_table('status_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_snapshot_period_id'))
        batch_op.drop_index(batch_op.f('ix_status_snapshot_confirmed_by_id'))

    op.drop_table('status_snapshot')
    op.drop_table('plan')
    with op.batch_alter_table('meeting_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participant_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participant_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participant_contact_person_id'))

    op.drop_table('meeting_participant')
    with op.batch_alter_table('meeting_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_action_who_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_action_meeting_id'))

    op.drop_table('meeting_action')
    with op.batch_alter_table('involvement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_involvement_youth_id'))
        batch_op.drop_index(batch_op.f('ix_involvement_org_id'))
        batch_op.drop_index(batch_op.f('ix_involvement_contact_person_id'))

    op.drop_table('involvement')
    with op.batch_alter_table('innsats_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innsats_decision_period_id'))

    op.drop_table('innsats_decision')
    with op.batch_alter_table('consent_partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_partner_org_id'))

    op.drop_table('consent_partner')
    with op.batch_alter_table('benefit_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benefit_period_ytelse_id'))
        batch_op.drop_index(batch_op.f('ix_benefit_period_period_id'))

    op.drop_table('benefit_period')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_session_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_enrolment_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_youth_id'))
        batch_op.drop_index(batch_op.f('ix_activity_tiltak_id'))
        batch_op.drop_index(batch_op.f('ix_activity_period_id'))
        batch_op.drop_index(batch_op.f('ix_activity_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_activity_employer_id'))
        batch_op.drop_index(batch_op.f('ix_activity_club_id'))

    op.drop_table('activity')
    with op.batch_alter_table('veileder_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_veileder_assignment_youth_id'))
        batch_op.drop_index(batch_op.f('ix_veileder_assignment_user_id'))

    op.drop_table('veileder_assignment')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_youth_id'))
        batch_op.drop_index(batch_op.f('ix_task_user_id'))

    op.drop_table('task')
    with op.batch_alter_table('school_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_status_youth_id'))

    op.drop_table('school_status')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_youth_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_type_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_meeting_previous_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_organiser_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('journal_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_mark_youth_id'))
        batch_op.drop_index(batch_op.f('ix_journal_mark_user_id'))

    op.drop_table('journal_mark')
    with op.batch_alter_table('follow_up_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_period_youth_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_period_registration_date'))
        batch_op.drop_index(batch_op.f('ix_follow_up_period_outcome_id'))

    op.drop_table('follow_up_period')
    with op.batch_alter_table('deadline_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_decision_youth_id'))
        batch_op.drop_index(batch_op.f('ix_deadline_decision_user_id'))

    op.drop_table('deadline_decision')
    with op.batch_alter_table('contact_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_person_org_id'))

    op.drop_table('contact_person')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_youth_id'))

    op.drop_table('consent')
    with op.batch_alter_table('club_enrolment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_club_enrolment_youth_id'))
        batch_op.drop_index(batch_op.f('ix_club_enrolment_club_id'))

    op.drop_table('club_enrolment')
    op.drop_table('audit_payload')
    with op.batch_alter_table('youth', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_youth_veileder_id'))
        batch_op.drop_index(batch_op.f('ix_youth_office_id'))

    op.drop_table('youth')
    with op.batch_alter_table('partner_org', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_org_type_id'))
        batch_op.drop_index(batch_op.f('ix_partner_org_office_id'))

    op.drop_table('partner_org')
    with op.batch_alter_table('club_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_club_session_topic_id'))
        batch_op.drop_index(batch_op.f('ix_club_session_guest_employer_id'))
        batch_op.drop_index(batch_op.f('ix_club_session_club_id'))

    op.drop_table('club_session')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_youth_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_user_id'))

    op.drop_table('audit_event')
    with op.batch_alter_table('preventive_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_preventive_activity_office_id'))

    op.drop_table('preventive_activity')
    with op.batch_alter_table('office_setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_setting_office_id'))

    op.drop_table('office_setting')
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_office_id'))

    op.drop_table('employer')
    with op.batch_alter_table('club', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_club_office_id'))

    op.drop_table('club')
    with op.batch_alter_table('catalogue_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_entry_office_id'))
        batch_op.drop_index(batch_op.f('ix_catalogue_entry_kind'))

    op.drop_table('catalogue_entry')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_office_id'))

    op.drop_table('app_user')
    op.drop_table('office')

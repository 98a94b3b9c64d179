"""Zou 1.0.97's tables, column for column (generated once from the schema dump, then kept by hand)."""
from __future__ import annotations

from sqlalchemy import (DDL, BigInteger, Boolean, CheckConstraint, Column, Date, DateTime, Double, Enum,
                        ForeignKey, Index, Integer, LargeBinary, PrimaryKeyConstraint, String, Text,
                        UniqueConstraint, Uuid)
from sqlalchemy import event
from sqlalchemy import text as sql_text

from domain.base import Base, BinaryArray, JSONB, JSONBArray, StringArray, new_id, utcnow


class AlembicVersion(Base):
    __tablename__ = "alembic_version"
    version_num = Column("version_num", String(32), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )


class ApiEvent(Base):
    __tablename__ = "api_event"
    name = Column("name", String(80), nullable=False)
    user_id = Column("user_id", Uuid, ForeignKey("person.id", name="api_event_user_id_fkey"), nullable=True)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="api_event_project_id_fkey"), nullable=True)
    data = Column("data", JSONB, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="api_event_pkey"),
        Index("ix_api_event_created_at", "created_at"),
        Index("ix_api_event_name", "name"),
        Index("ix_api_event_project_id", "project_id"),
        Index("ix_api_event_project_id_created_at", "project_id", "created_at"),
        Index("ix_api_event_user_id", "user_id"),
    )


class AssetInstance(Base):
    __tablename__ = "asset_instance"
    asset_id = Column("asset_id", Uuid, ForeignKey("entity.id", name="asset_instance_asset_id_fkey"), nullable=False)
    name = Column("name", String(80), nullable=True)
    number = Column("number", Integer, nullable=True)
    description = Column("description", String(200), nullable=True)
    active = Column("active", Boolean, nullable=True)
    data = Column("data", JSONB, nullable=True)
    scene_id = Column("scene_id", Uuid, ForeignKey("entity.id", name="asset_instance_scene_id_fkey"), nullable=True)
    target_asset_id = Column("target_asset_id", Uuid, ForeignKey("entity.id", name="asset_instance_target_asset_id_fkey"), nullable=True)
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="asset_instance_entity_id_fkey"), nullable=True)
    entity_type_id = Column("entity_type_id", Uuid, ForeignKey("entity_type.id", name="asset_instance_entity_type_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="asset_instance_pkey"),
        UniqueConstraint("asset_id", "target_asset_id", "scene_id", "number", name="asset_instance_uc"),
        Index("ix_asset_instance_asset_id", "asset_id"),
        Index("ix_asset_instance_entity_id", "entity_id"),
        Index("ix_asset_instance_entity_type_id", "entity_type_id"),
        Index("ix_asset_instance_scene_id", "scene_id"),
        Index("ix_asset_instance_target_asset_id", "target_asset_id"),
    )


class AssetInstanceLink(Base):
    __tablename__ = "asset_instance_link"
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="asset_instance_link_entity_id_fkey"), nullable=False)
    asset_instance_id = Column("asset_instance_id", Uuid, ForeignKey("asset_instance.id", name="asset_instance_link_asset_instance_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("entity_id", "asset_instance_id", name="asset_instance_link_pkey"),
    )


class AttachmentFile(Base):
    __tablename__ = "attachment_file"
    name = Column("name", String(250), nullable=True)
    size = Column("size", BigInteger, nullable=True)
    extension = Column("extension", String(6), nullable=True)
    mimetype = Column("mimetype", String(255), nullable=True)
    comment_id = Column("comment_id", Uuid, ForeignKey("comment.id", name="attachment_file_comment_id_fkey"), nullable=True)
    reply_id = Column("reply_id", Uuid, nullable=True)
    chat_message_id = Column("chat_message_id", Uuid, ForeignKey("chat_message.id", name="attachment_file_chat_message_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="attachment_file_pkey"),
        Index("ix_attachment_file_chat_message_id", "chat_message_id"),
        Index("ix_attachment_file_comment_id", "comment_id"),
    )


class Budget(Base):
    __tablename__ = "budget"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="budget_project_id_fkey"), nullable=True)
    revision = Column("revision", Integer, nullable=False)
    name = Column("name", String(255), nullable=False)
    currency = Column("currency", String(3), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="budget_pkey"),
        Index("ix_budget_project_id", "project_id"),
    )


class BudgetEntry(Base):
    __tablename__ = "budget_entry"
    budget_id = Column("budget_id", Uuid, ForeignKey("budget.id", name="budget_entry_budget_id_fkey"), nullable=False)
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="budget_entry_department_id_fkey"), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="budget_entry_person_id_fkey"), nullable=True)
    start_date = Column("start_date", Date, nullable=False)
    months_duration = Column("months_duration", Integer, nullable=False)
    daily_salary = Column("daily_salary", Double, nullable=False)
    position = Column("position", String(255), nullable=True)
    seniority = Column("seniority", String(255), nullable=True)
    exceptions = Column("exceptions", JSONB, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="budget_entry_pkey"),
        Index("ix_budget_entry_budget_id", "budget_id"),
        Index("ix_budget_entry_department_id", "department_id"),
        Index("ix_budget_entry_person_id", "person_id"),
    )


class BuildJob(Base):
    __tablename__ = "build_job"
    status = Column("status", String(255), nullable=False)
    job_type = Column("job_type", String(255), nullable=False)
    ended_at = Column("ended_at", DateTime, nullable=True)
    playlist_id = Column("playlist_id", Uuid, ForeignKey("playlist.id", name="build_job_playlist_id_fkey"), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    message = Column("message", Text, nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="build_job_pkey"),
        Index("ix_build_job_playlist_id", "playlist_id"),
    )


class Chat(Base):
    __tablename__ = "chat"
    object_id = Column("object_id", Uuid, nullable=False)
    object_type = Column("object_type", String(80), nullable=False)
    last_message = Column("last_message", DateTime, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="chat_pkey"),
        Index("ix_chat_object_id", "object_id"),
        Index("ix_chat_object_type", "object_type"),
    )


class ChatMessage(Base):
    __tablename__ = "chat_message"
    chat_id = Column("chat_id", Uuid, ForeignKey("chat.id", name="chat_message_chat_id_fkey"), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="chat_message_person_id_fkey"), nullable=False)
    text = Column("text", Text, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="chat_message_pkey"),
        Index("ix_chat_message_chat_id", "chat_id"),
        Index("ix_chat_message_person_id", "person_id"),
    )


class ChatParticipant(Base):
    __tablename__ = "chat_participant"
    chat_id = Column("chat_id", Uuid, ForeignKey("chat.id", name="chat_participant_chat_id_fkey"), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="chat_participant_person_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("chat_id", "person_id", name="chat_participant_pkey"),
    )


class Comment(Base):
    __tablename__ = "comment"
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    object_id = Column("object_id", Uuid, nullable=False)
    object_type = Column("object_type", String(80), nullable=False)
    text = Column("text", Text, nullable=True)
    data = Column("data", JSONB, nullable=True)
    replies = Column("replies", JSONB, nullable=True)
    checklist = Column("checklist", JSONB, nullable=True)
    pinned = Column("pinned", Boolean, nullable=True)
    links = Column("links", StringArray(), nullable=True)
    task_status_id = Column("task_status_id", Uuid, ForeignKey("task_status.id", name="comment_task_status_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="comment_person_id_fkey"), nullable=False)
    editor_id = Column("editor_id", Uuid, ForeignKey("person.id", name="comment_editor_id_fkey"), nullable=True)
    preview_file_id = Column("preview_file_id", Uuid, ForeignKey("preview_file.id", name="comment_preview_file_id_fkey", use_alter=True), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    for_client = Column("for_client", Boolean, nullable=True, server_default=sql_text("false"))
    __table_args__ = (
        PrimaryKeyConstraint("id", name="comment_pkey"),
        Index("ix_comment_editor_id", "editor_id"),
        Index("ix_comment_object_id", "object_id"),
        Index("ix_comment_object_type", "object_type"),
        Index("ix_comment_person_id", "person_id"),
        Index("ix_comment_preview_file_id", "preview_file_id"),
        Index("ix_comment_task_status_id", "task_status_id"),
    )


class CommentAcknoledgments(Base):
    __tablename__ = "comment_acknoledgments"
    comment = Column("comment", Uuid, ForeignKey("comment.id", name="comment_acknoledgments_comment_fkey"), nullable=False)
    person = Column("person", Uuid, ForeignKey("person.id", name="comment_acknoledgments_person_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("comment", "person", name="comment_acknoledgments_pkey"),
    )


class CommentDepartmentMentions(Base):
    __tablename__ = "comment_department_mentions"
    comment = Column("comment", Uuid, ForeignKey("comment.id", name="comment_department_mentions_comment_fkey"), nullable=False)
    department = Column("department", Uuid, ForeignKey("department.id", name="comment_department_mentions_department_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("comment", "department", name="comment_department_mentions_pkey"),
    )


class CommentMentions(Base):
    __tablename__ = "comment_mentions"
    comment = Column("comment", Uuid, ForeignKey("comment.id", name="comment_mentions_comment_fkey"), nullable=False)
    person = Column("person", Uuid, ForeignKey("person.id", name="comment_mentions_person_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("comment", "person", name="comment_mentions_pkey"),
    )


class CommentPreviewLink(Base):
    __tablename__ = "comment_preview_link"
    comment = Column("comment", Uuid, ForeignKey("comment.id", name="comment_preview_link_comment_fkey"), nullable=False)
    preview_file = Column("preview_file", Uuid, ForeignKey("preview_file.id", name="comment_preview_link_preview_file_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("comment", "preview_file", name="comment_preview_link_pkey"),
        Index("ix_comment_preview_link_comment", "comment"),
        Index("ix_comment_preview_link_preview_file", "preview_file"),
    )


class CustomAction(Base):
    __tablename__ = "custom_action"
    name = Column("name", String(80), nullable=False)
    url = Column("url", String(400), nullable=True)
    entity_type = Column("entity_type", String(40), nullable=True)
    is_ajax = Column("is_ajax", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="custom_action_pkey"),
    )


class DataImportError(Base):
    __tablename__ = "data_import_error"
    event_data = Column("event_data", JSONB, nullable=False)
    source = Column("source", Enum("csv", "shotgun", name="import_source_enum"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="data_import_error_pkey"),
    )


class DayOff(Base):
    __tablename__ = "day_off"
    date = Column("date", Date, nullable=False)
    end_date = Column("end_date", Date, nullable=False)
    description = Column("description", Text, nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="day_off_person_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="day_off_pkey"),
        UniqueConstraint("person_id", "date", name="day_off_uc"),
        CheckConstraint("(date <= end_date)", name="day_off_date_check"),
        Index("ix_day_off_person_id", "person_id"),
    )


class Department(Base):
    __tablename__ = "department"
    name = Column("name", String(80), nullable=False)
    color = Column("color", String(7), nullable=False)
    archived = Column("archived", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="department_pkey"),
        UniqueConstraint("name", name="department_name_key"),
    )


class DepartmentLink(Base):
    __tablename__ = "department_link"
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="department_link_person_id_fkey"), nullable=False)
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="department_link_department_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("person_id", "department_id", name="department_link_pkey"),
        UniqueConstraint("person_id", "department_id", name="department_link_uc"),
        Index("ix_department_link_department_id", "department_id"),
        Index("ix_department_link_person_id", "person_id"),
    )


class DepartmentMetadataDescriptorLink(Base):
    __tablename__ = "department_metadata_descriptor_link"
    metadata_descriptor_id = Column("metadata_descriptor_id", Uuid, ForeignKey("metadata_descriptor.id", name="department_metadata_descriptor_link_metadata_descriptor_id_fkey"), nullable=False)
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="department_metadata_descriptor_link_department_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("metadata_descriptor_id", "department_id", name="department_metadata_descriptor_link_pkey"),
        UniqueConstraint("metadata_descriptor_id", "department_id", name="department_metadata_descriptor_link_uc"),
        Index("ix_department_metadata_descriptor_link_department_id", "department_id"),
        Index("ix_department_metadata_descriptor_link_metadata_descriptor_id", "metadata_descriptor_id"),
    )


class DesktopLoginLog(Base):
    __tablename__ = "desktop_login_log"
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="desktop_login_log_person_id_fkey"), nullable=False)
    date = Column("date", DateTime, nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="desktop_login_log_pkey"),
        Index("ix_desktop_login_log_person_id", "person_id"),
    )


class Entity(Base):
    __tablename__ = "entity"
    id = Column("id", Uuid, nullable=False, default=new_id)
    name = Column("name", String(160), nullable=False)
    code = Column("code", String(160), nullable=True)
    description = Column("description", Text, nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    canceled = Column("canceled", Boolean, nullable=True)
    nb_frames = Column("nb_frames", Integer, nullable=True)
    nb_entities_out = Column("nb_entities_out", Integer, nullable=True)
    is_casting_standby = Column("is_casting_standby", Boolean, nullable=True)
    is_shared = Column("is_shared", Boolean, nullable=False, server_default=sql_text("false"))
    status = Column("status", String(255), nullable=False)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="entity_project_id_fkey"), nullable=False)
    entity_type_id = Column("entity_type_id", Uuid, ForeignKey("entity_type.id", name="entity_entity_type_id_fkey"), nullable=False)
    parent_id = Column("parent_id", Uuid, ForeignKey("entity.id", name="entity_parent_id_fkey"), nullable=True)
    source_id = Column("source_id", Uuid, ForeignKey("entity.id", name="entity_source_id_fkey"), nullable=True)
    preview_file_id = Column("preview_file_id", Uuid, ForeignKey("preview_file.id", name="fk_main_preview", use_alter=True), nullable=True)
    data = Column("data", JSONB, nullable=True)
    ready_for = Column("ready_for", Uuid, ForeignKey("task_type.id", name="fk_ready_for"), nullable=True)
    created_by = Column("created_by", Uuid, ForeignKey("person.id", name="entity_created_by_fkey"), nullable=True)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="entity_pkey"),
        UniqueConstraint("name", "project_id", "entity_type_id", "parent_id", name="entity_uc"),
        Index("ix_entity_created_by", "created_by"),
        Index("ix_entity_entity_type_id", "entity_type_id"),
        Index("ix_entity_entity_type_parent", "entity_type_id", "parent_id"),
        Index("ix_entity_entity_type_project", "entity_type_id", "project_id"),
        Index("ix_entity_parent_id", "parent_id"),
        Index("ix_entity_project_id", "project_id"),
        Index("ix_entity_project_type_status", "project_id", "entity_type_id", "status"),
        Index("ix_entity_source_id", "source_id"),
        Index("ix_entity_status", "status"),
    )


class EntityConceptLink(Base):
    __tablename__ = "entity_concept_link"
    entity_in_id = Column("entity_in_id", Uuid, ForeignKey("entity.id", name="entity_concept_link_entity_in_id_fkey"), nullable=False)
    entity_out_id = Column("entity_out_id", Uuid, ForeignKey("entity.id", name="entity_concept_link_entity_out_id_fkey"), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("entity_in_id", "entity_out_id", "id", name="entity_concept_link_pkey"),
    )


class EntityLink(Base):
    __tablename__ = "entity_link"
    entity_in_id = Column("entity_in_id", Uuid, ForeignKey("entity.id", name="entity_link_entity_in_id_fkey"), nullable=False)
    entity_out_id = Column("entity_out_id", Uuid, ForeignKey("entity.id", name="entity_link_entity_out_id_fkey"), nullable=False)
    data = Column("data", JSONB, nullable=True)
    nb_occurences = Column("nb_occurences", Integer, nullable=True)
    label = Column("label", String(80), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("entity_in_id", "entity_out_id", "id", name="entity_link_pkey"),
        UniqueConstraint("entity_in_id", "entity_out_id", name="entity_link_uc"),
        Index("ix_entity_link_entity_in_id", "entity_in_id"),
        Index("ix_entity_link_entity_out_id", "entity_out_id"),
    )


class EntityType(Base):
    __tablename__ = "entity_type"
    name = Column("name", String(30), nullable=False)
    short_name = Column("short_name", String(20), nullable=True)
    description = Column("description", Text, nullable=True)
    archived = Column("archived", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="entity_type_pkey"),
        Index("ix_entity_type_name", "name", unique=True),
    )


class EntityVersion(Base):
    __tablename__ = "entity_version"
    name = Column("name", String(160), nullable=False)
    data = Column("data", JSONB, nullable=True)
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="entity_version_entity_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="entity_version_person_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="entity_version_pkey"),
        Index("ix_entity_version_entity_id", "entity_id"),
        Index("ix_entity_version_person_id", "person_id"),
    )


class FileStatus(Base):
    __tablename__ = "file_status"
    name = Column("name", String(40), nullable=False)
    color = Column("color", String(7), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="file_status_pkey"),
        UniqueConstraint("name", name="file_status_name_key"),
    )


class HardwareItem(Base):
    __tablename__ = "hardware_item"
    name = Column("name", String(40), nullable=False)
    short_name = Column("short_name", String(20), nullable=False)
    archived = Column("archived", Boolean, nullable=True)
    monthly_cost = Column("monthly_cost", Integer, nullable=True)
    inventory_amount = Column("inventory_amount", Integer, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="hardware_item_pkey"),
        UniqueConstraint("name", name="hardware_item_name_key"),
    )


class HardwareItemDepartmentLink(Base):
    __tablename__ = "hardware_item_department_link"
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="hardware_item_department_link_department_id_fkey"), nullable=False)
    hardware_item_id = Column("hardware_item_id", Uuid, ForeignKey("hardware_item.id", name="hardware_item_department_link_hardware_item_id_fkey"), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("department_id", "hardware_item_id", "id", name="hardware_item_department_link_pkey"),
        UniqueConstraint("hardware_item_id", "department_id", name="hardware_item_department_link_uc"),
        Index("ix_hardware_item_department_link_department_id", "department_id"),
        Index("ix_hardware_item_department_link_hardware_item_id", "hardware_item_id"),
    )


class LoginLog(Base):
    __tablename__ = "login_log"
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="login_log_person_id_fkey"), nullable=False)
    ip_address = Column("ip_address", String(50), nullable=True)
    origin = Column("origin", String(255), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="login_log_pkey"),
        Index("ix_login_log_person_id", "person_id"),
    )


class MetadataDescriptor(Base):
    __tablename__ = "metadata_descriptor"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="metadata_descriptor_project_id_fkey"), nullable=False)
    entity_type = Column("entity_type", String(60), nullable=False)
    name = Column("name", String(120), nullable=False)
    data_type = Column("data_type", String(255), nullable=True)
    field_name = Column("field_name", String(120), nullable=False)
    choices = Column("choices", JSONB, nullable=True)
    for_client = Column("for_client", Boolean, nullable=True)
    position = Column("position", Integer, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="fk_metadata_descriptor_task_type_id"), nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="metadata_descriptor_pkey"),
        Index("ix_metadata_descriptor_entity_type", "entity_type"),
        Index("ix_metadata_descriptor_for_client", "for_client"),
        Index("ix_metadata_descriptor_project_id", "project_id"),
        Index("ix_metadata_descriptor_task_type_id", "task_type_id"),
        Index("metadata_descriptor_task_type_uc", "project_id", "entity_type", "task_type_id", "name", unique=True, postgresql_where=sql_text("task_type_id IS NOT NULL"), sqlite_where=sql_text("task_type_id IS NOT NULL")),
        Index("metadata_descriptor_task_type_uc2", "project_id", "entity_type", "task_type_id", "field_name", unique=True, postgresql_where=sql_text("task_type_id IS NOT NULL"), sqlite_where=sql_text("task_type_id IS NOT NULL")),
        Index("metadata_descriptor_uc", "project_id", "entity_type", "name", unique=True, postgresql_where=sql_text("task_type_id IS NULL"), sqlite_where=sql_text("task_type_id IS NULL")),
        Index("metadata_descriptor_uc2", "project_id", "entity_type", "field_name", unique=True, postgresql_where=sql_text("task_type_id IS NULL"), sqlite_where=sql_text("task_type_id IS NULL")),
    )


class Milestone(Base):
    __tablename__ = "milestone"
    date = Column("date", Date, nullable=True)
    name = Column("name", String(40), nullable=False)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="milestone_project_id_fkey"), nullable=True)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="milestone_task_type_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="milestone_pkey"),
        Index("ix_milestone_project_id", "project_id"),
        Index("ix_milestone_task_type_id", "task_type_id"),
    )


class News(Base):
    __tablename__ = "news"
    change = Column("change", Boolean, nullable=False)
    author_id = Column("author_id", Uuid, ForeignKey("person.id", name="news_author_id_fkey"), nullable=False)
    comment_id = Column("comment_id", Uuid, ForeignKey("comment.id", name="news_comment_id_fkey"), nullable=True)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="news_task_id_fkey"), nullable=False)
    preview_file_id = Column("preview_file_id", Uuid, ForeignKey("preview_file.id", name="news_preview_file_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="news_pkey"),
        Index("ix_news_author_id", "author_id"),
        Index("ix_news_comment_id", "comment_id"),
        Index("ix_news_preview_file_id", "preview_file_id"),
        Index("ix_news_task_id", "task_id"),
    )


class Notification(Base):
    __tablename__ = "notification"
    read = Column("read", Boolean, nullable=False)
    change = Column("change", Boolean, nullable=False)
    type = Column("type", String(255), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="notification_person_id_fkey"), nullable=False)
    author_id = Column("author_id", Uuid, ForeignKey("person.id", name="notification_author_id_fkey"), nullable=False)
    comment_id = Column("comment_id", Uuid, ForeignKey("comment.id", name="notification_comment_id_fkey"), nullable=True)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="notification_task_id_fkey"), nullable=True)
    playlist_id = Column("playlist_id", Uuid, ForeignKey("playlist.id", name="notification_playlist_id_fkey"), nullable=True)
    reply_id = Column("reply_id", Uuid, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="notification_pkey"),
        UniqueConstraint("person_id", "author_id", "comment_id", "reply_id", "playlist_id", "type", name="notification_uc"),
        Index("ix_notification_author_id", "author_id"),
        Index("ix_notification_comment_id", "comment_id"),
        Index("ix_notification_person_id", "person_id"),
        Index("ix_notification_playlist_id", "playlist_id"),
        Index("ix_notification_reply_id", "reply_id"),
        Index("ix_notification_task_id", "task_id"),
    )


class Organisation(Base):
    __tablename__ = "organisation"
    name = Column("name", String(80), nullable=False)
    hours_by_day = Column("hours_by_day", Double, nullable=False)
    has_avatar = Column("has_avatar", Boolean, nullable=True)
    use_original_file_name = Column("use_original_file_name", Boolean, nullable=True)
    timesheets_locked = Column("timesheets_locked", Boolean, nullable=True)
    format_duration_in_hours = Column("format_duration_in_hours", Boolean, nullable=True)
    hd_by_default = Column("hd_by_default", Boolean, nullable=True)
    chat_token_slack = Column("chat_token_slack", String(80), nullable=True)
    chat_webhook_mattermost = Column("chat_webhook_mattermost", String(80), nullable=True)
    chat_token_discord = Column("chat_token_discord", String(80), nullable=True)
    dark_theme_by_default = Column("dark_theme_by_default", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="organisation_pkey"),
        UniqueConstraint("name", name="organisation_name_key"),
    )


class OutputFile(Base):
    __tablename__ = "output_file"
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    name = Column("name", String(250), nullable=False)
    canceled = Column("canceled", Boolean, nullable=False)
    size = Column("size", Integer, nullable=True)
    checksum = Column("checksum", String(32), nullable=True)
    description = Column("description", Text, nullable=True)
    comment = Column("comment", Text, nullable=True)
    extension = Column("extension", String(10), nullable=True)
    revision = Column("revision", Integer, nullable=False)
    representation = Column("representation", String(20), nullable=True)
    nb_elements = Column("nb_elements", Integer, nullable=True)
    source = Column("source", String(40), nullable=True)
    path = Column("path", String(400), nullable=True)
    data = Column("data", JSONB, nullable=True)
    file_status_id = Column("file_status_id", Uuid, ForeignKey("file_status.id", name="output_file_file_status_id_fkey"), nullable=False)
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="output_file_entity_id_fkey"), nullable=True)
    asset_instance_id = Column("asset_instance_id", Uuid, ForeignKey("asset_instance.id", name="output_file_asset_instance_id_fkey"), nullable=True)
    output_type_id = Column("output_type_id", Uuid, ForeignKey("output_type.id", name="output_file_output_type_id_fkey"), nullable=True)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="output_file_task_type_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="output_file_person_id_fkey"), nullable=True)
    source_file_id = Column("source_file_id", Uuid, ForeignKey("working_file.id", name="output_file_source_file_id_fkey"), nullable=True)
    temporal_entity_id = Column("temporal_entity_id", Uuid, ForeignKey("entity.id", name="output_file_temporal_entity_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    quality = Column("quality", String(255), nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="output_file_pkey"),
        UniqueConstraint("name", "entity_id", "asset_instance_id", "output_type_id", "task_type_id", "temporal_entity_id", "representation", "revision", name="output_file_uc"),
        Index("ix_output_file_asset_instance_id", "asset_instance_id"),
        Index("ix_output_file_entity_id", "entity_id"),
        Index("ix_output_file_file_status_id", "file_status_id"),
        Index("ix_output_file_output_type_id", "output_type_id"),
        Index("ix_output_file_person_id", "person_id"),
        Index("ix_output_file_representation", "representation"),
        Index("ix_output_file_source_file_id", "source_file_id"),
        Index("ix_output_file_task_type_id", "task_type_id"),
        Index("ix_output_file_temporal_entity_id", "temporal_entity_id"),
    )


class OutputType(Base):
    __tablename__ = "output_type"
    name = Column("name", String(40), nullable=False)
    short_name = Column("short_name", String(20), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="output_type_pkey"),
        Index("ix_output_type_name", "name", unique=True),
    )


class Person(Base):
    __tablename__ = "person"
    first_name = Column("first_name", String(80), nullable=False)
    last_name = Column("last_name", String(80), nullable=False)
    email = Column("email", String(255), nullable=True)
    phone = Column("phone", String(30), nullable=True)
    contract_type = Column("contract_type", String(255), nullable=False, server_default=sql_text("'open-ended'"))
    active = Column("active", Boolean, nullable=True)
    archived = Column("archived", Boolean, nullable=True)
    last_presence = Column("last_presence", Date, nullable=True)
    password = Column("password", LargeBinary, nullable=True)
    desktop_login = Column("desktop_login", String(80), nullable=True)
    login_failed_attemps = Column("login_failed_attemps", Integer, nullable=True)
    last_login_failed = Column("last_login_failed", DateTime, nullable=True)
    totp_enabled = Column("totp_enabled", Boolean, nullable=True)
    totp_secret = Column("totp_secret", String(32), nullable=True)
    email_otp_enabled = Column("email_otp_enabled", Boolean, nullable=True)
    email_otp_secret = Column("email_otp_secret", String(32), nullable=True)
    fido_enabled = Column("fido_enabled", Boolean, nullable=True)
    fido_credentials = Column("fido_credentials", JSONBArray, nullable=True)
    otp_recovery_codes = Column("otp_recovery_codes", BinaryArray, nullable=True)
    preferred_two_factor_authentication = Column("preferred_two_factor_authentication", String(255), nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    timezone = Column("timezone", String(50), nullable=True)
    locale = Column("locale", String(10), nullable=True)
    data = Column("data", JSONB, nullable=True)
    role = Column("role", String(255), nullable=False)
    position = Column("position", String(255), nullable=True)
    seniority = Column("seniority", String(255), nullable=True)
    daily_salary = Column("daily_salary", Integer, nullable=True)
    has_avatar = Column("has_avatar", Boolean, nullable=True)
    notifications_enabled = Column("notifications_enabled", Boolean, nullable=True)
    notifications_slack_enabled = Column("notifications_slack_enabled", Boolean, nullable=True)
    notifications_slack_userid = Column("notifications_slack_userid", String(60), nullable=True)
    notifications_mattermost_enabled = Column("notifications_mattermost_enabled", Boolean, nullable=True)
    notifications_mattermost_userid = Column("notifications_mattermost_userid", String(60), nullable=True)
    notifications_discord_enabled = Column("notifications_discord_enabled", Boolean, nullable=True)
    notifications_discord_userid = Column("notifications_discord_userid", String(60), nullable=True)
    is_bot = Column("is_bot", Boolean, nullable=False, server_default=sql_text("false"))
    jti = Column("jti", String(60), nullable=True)
    expiration_date = Column("expiration_date", Date, nullable=True)
    studio_id = Column("studio_id", Uuid, ForeignKey("studio.id", name="person_studio_id_fkey"), nullable=True)
    is_generated_from_ldap = Column("is_generated_from_ldap", Boolean, nullable=True)
    ldap_uid = Column("ldap_uid", String(60), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    is_guest = Column("is_guest", Boolean, nullable=False, server_default=sql_text("false"))
    country = Column("country", String(2), nullable=True)
    use_12_hour_clock = Column("use_12_hour_clock", Boolean, nullable=True)
    display_date_format = Column("display_date_format", String(20), nullable=True)
    oidc_issuer = Column("oidc_issuer", Text, nullable=True)
    oidc_subject = Column("oidc_subject", String(255), nullable=True)
    saml_issuer = Column("saml_issuer", Text, nullable=True)
    saml_subject = Column("saml_subject", String(255), nullable=True)
    preview_project_id = Column("preview_project_id", Uuid, ForeignKey("project.id", name="person_preview_project_id_fkey"), nullable=True)
    preview_opened_at = Column("preview_opened_at", DateTime, nullable=True)
    preview_open_until = Column("preview_open_until", DateTime, nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="person_pkey"),
        UniqueConstraint("jti", name="person_jti_key"),
        UniqueConstraint("ldap_uid", name="person_ldap_uid_key"),
        UniqueConstraint("oidc_issuer", "oidc_subject", name="person_oidc_identity_uc"),
        UniqueConstraint("saml_issuer", "saml_subject", name="person_saml_identity_uc"),
        UniqueConstraint("shotgun_id", name="person_shotgun_id_key"),
        Index("ix_person_preview_project_id", "preview_project_id", unique=True),
        Index("ix_person_studio_id", "studio_id"),
        Index("only_one_email_by_person", "email", "is_bot", unique=True, postgresql_where=sql_text("is_bot IS NOT TRUE"), sqlite_where=sql_text("is_bot IS NOT TRUE")),
    )


class Playlist(Base):
    __tablename__ = "playlist"
    name = Column("name", String(80), nullable=False)
    shots = Column("shots", JSONB, nullable=True)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="playlist_project_id_fkey"), nullable=True)
    episode_id = Column("episode_id", Uuid, ForeignKey("entity.id", name="playlist_episode_id_fkey"), nullable=True)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="playlist_task_type_id_fkey"), nullable=True)
    for_client = Column("for_client", Boolean, nullable=True)
    for_entity = Column("for_entity", String(10), nullable=True)
    is_for_all = Column("is_for_all", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    created_by = Column("created_by", Uuid, ForeignKey("person.id", name="playlist_created_by_fkey"), nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="playlist_pkey"),
        UniqueConstraint("name", "project_id", "episode_id", name="playlist_uc"),
        Index("ix_playlist_created_by", "created_by"),
        Index("ix_playlist_episode_id", "episode_id"),
        Index("ix_playlist_for_client", "for_client"),
        Index("ix_playlist_for_entity", "for_entity"),
        Index("ix_playlist_project_id", "project_id"),
        Index("ix_playlist_task_type_id", "task_type_id"),
    )


class PlaylistShareLink(Base):
    __tablename__ = "playlist_share_link"
    token = Column("token", String(64), nullable=False)
    playlist_id = Column("playlist_id", Uuid, ForeignKey("playlist.id", name="playlist_share_link_playlist_id_fkey"), nullable=False)
    created_by = Column("created_by", Uuid, ForeignKey("person.id", name="playlist_share_link_created_by_fkey"), nullable=False)
    expiration_date = Column("expiration_date", DateTime, nullable=True)
    is_active = Column("is_active", Boolean, nullable=False)
    can_comment = Column("can_comment", Boolean, nullable=False)
    password = Column("password", String(255), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="playlist_share_link_pkey"),
        Index("ix_playlist_share_link_created_by", "created_by"),
        Index("ix_playlist_share_link_playlist_active", "playlist_id", "is_active"),
        Index("ix_playlist_share_link_playlist_id", "playlist_id"),
        Index("ix_playlist_share_link_token", "token", unique=True),
    )


class Plugin(Base):
    __tablename__ = "plugin"
    plugin_id = Column("plugin_id", String(80), nullable=False)
    name = Column("name", String(80), nullable=False)
    description = Column("description", Text, nullable=True)
    version = Column("version", String(50), nullable=False)
    maintainer_name = Column("maintainer_name", String(200), nullable=False)
    maintainer_email = Column("maintainer_email", String(255), nullable=True)
    website = Column("website", Text, nullable=True)
    license = Column("license", String(80), nullable=False)
    revision = Column("revision", String(12), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    frontend_project_enabled = Column("frontend_project_enabled", Boolean, nullable=True)
    frontend_studio_enabled = Column("frontend_studio_enabled", Boolean, nullable=True)
    icon = Column("icon", String(255), nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="plugin_pkey"),
        Index("ix_plugin_name", "name"),
        Index("ix_plugin_plugin_id", "plugin_id", unique=True),
    )


class PreviewBackgroundFile(Base):
    __tablename__ = "preview_background_file"
    name = Column("name", String(40), nullable=False)
    archived = Column("archived", Boolean, nullable=True)
    is_default = Column("is_default", Boolean, nullable=True)
    original_name = Column("original_name", String(250), nullable=True)
    extension = Column("extension", String(6), nullable=True)
    file_size = Column("file_size", BigInteger, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="preview_background_file_pkey"),
        Index("ix_preview_background_file_is_default", "is_default"),
    )


class PreviewFile(Base):
    __tablename__ = "preview_file"
    name = Column("name", String(250), nullable=True)
    original_name = Column("original_name", String(250), nullable=True)
    revision = Column("revision", Integer, nullable=True)
    position = Column("position", Integer, nullable=True)
    extension = Column("extension", String(6), nullable=True)
    description = Column("description", Text, nullable=True)
    path = Column("path", String(400), nullable=True)
    source = Column("source", String(40), nullable=True)
    file_size = Column("file_size", BigInteger, nullable=True)
    status = Column("status", String(255), nullable=False)
    validation_status = Column("validation_status", String(255), nullable=False)
    annotations = Column("annotations", JSONB, nullable=True)
    width = Column("width", Integer, nullable=True)
    height = Column("height", Integer, nullable=True)
    duration = Column("duration", Double, nullable=True)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="preview_file_task_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="preview_file_person_id_fkey"), nullable=True)
    source_file_id = Column("source_file_id", Uuid, ForeignKey("output_file.id", name="preview_file_source_file_id_fkey", use_alter=True), nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    is_movie = Column("is_movie", Boolean, nullable=True)
    url = Column("url", String(600), nullable=True)
    uploaded_movie_url = Column("uploaded_movie_url", String(600), nullable=True)
    uploaded_movie_name = Column("uploaded_movie_name", String(150), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    data = Column("data", JSONB, nullable=True)
    token_in = Column("token_in", Integer, nullable=True)
    token_out = Column("token_out", Integer, nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="preview_file_pkey"),
        UniqueConstraint("shotgun_id", name="preview_file_shotgun_id_key"),
        UniqueConstraint("name", "task_id", "revision", name="preview_uc"),
        Index("ix_preview_file_person_id", "person_id"),
        Index("ix_preview_file_source_file_id", "source_file_id"),
        Index("ix_preview_file_task_id", "task_id"),
    )


class PreviewFileStorageState(Base):
    __tablename__ = "preview_file_storage_state"
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    preview_file_id = Column("preview_file_id", Uuid, ForeignKey("preview_file.id", name="preview_file_storage_state_preview_file_id_fkey", ondelete="CASCADE"), nullable=False)
    bucket = Column("bucket", String(20), nullable=False)
    prefix = Column("prefix", String(40), nullable=False)
    state = Column("state", String(255), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="preview_file_storage_state_pkey"),
        UniqueConstraint("preview_file_id", "bucket", "prefix", name="preview_file_storage_state_uc"),
        Index("ix_preview_file_storage_state_bucket_prefix_state", "bucket", "prefix", "state"),
        Index("ix_preview_file_storage_state_preview_file_id", "preview_file_id"),
    )


class ProductionScheduleVersion(Base):
    __tablename__ = "production_schedule_version"
    name = Column("name", String(80), nullable=False)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="production_schedule_version_project_id_fkey", ondelete="CASCADE"), nullable=False)
    production_schedule_from = Column("production_schedule_from", Uuid, ForeignKey("production_schedule_version.id", name="production_schedule_version_production_schedule_from_fkey", ondelete="SET NULL"), nullable=True)
    locked = Column("locked", Boolean, nullable=True)
    canceled = Column("canceled", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="production_schedule_version_pkey"),
        UniqueConstraint("name", "project_id", name="production_schedule_version_uc"),
        Index("ix_production_schedule_version_production_schedule_from", "production_schedule_from"),
        Index("ix_production_schedule_version_project_id", "project_id"),
    )


class ProductionScheduleVersionTaskLink(Base):
    __tablename__ = "production_schedule_version_task_link"
    production_schedule_version_id = Column("production_schedule_version_id", Uuid, ForeignKey("production_schedule_version.id", name="production_schedule_version_t_production_schedule_version__fkey", ondelete="CASCADE"), nullable=False)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="production_schedule_version_task_link_task_id_fkey", ondelete="CASCADE"), nullable=False)
    start_date = Column("start_date", DateTime, nullable=True)
    due_date = Column("due_date", DateTime, nullable=True)
    estimation = Column("estimation", Double, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="production_schedule_version_task_link_pkey"),
        UniqueConstraint("production_schedule_version_id", "task_id", name="production_schedule_version_task_link_uc"),
        Index("ix_production_schedule_version_task_link_production_sch_9cee", "production_schedule_version_id"),
        Index("ix_production_schedule_version_task_link_task_id", "task_id"),
    )


class ProductionScheduleVersionTaskLinkPersonLink(Base):
    __tablename__ = "production_schedule_version_task_link_person_link"
    production_schedule_version_task_link_id = Column("production_schedule_version_task_link_id", Uuid, ForeignKey("production_schedule_version_task_link.id", name="production_schedule_version__production_schedule_version__fkey1", ondelete="CASCADE"), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="production_schedule_version_task_link_person_lin_person_id_fkey", ondelete="CASCADE"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("production_schedule_version_task_link_id", "person_id", name="production_schedule_version_task_link_person_link_pkey"),
    )


class Project(Base):
    __tablename__ = "project"
    name = Column("name", String(80), nullable=False)
    code = Column("code", String(80), nullable=True)
    description = Column("description", Text, nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    file_tree = Column("file_tree", JSONB, nullable=True)
    data = Column("data", JSONB, nullable=True)
    has_avatar = Column("has_avatar", Boolean, nullable=True)
    fps = Column("fps", String(10), nullable=True)
    ratio = Column("ratio", String(10), nullable=True)
    resolution = Column("resolution", String(12), nullable=True)
    production_type = Column("production_type", String(20), nullable=True)
    production_style = Column("production_style", String(255), nullable=False)
    start_date = Column("start_date", Date, nullable=True)
    end_date = Column("end_date", Date, nullable=True)
    man_days = Column("man_days", Integer, nullable=True)
    nb_episodes = Column("nb_episodes", Integer, nullable=True)
    episode_span = Column("episode_span", Integer, nullable=True)
    max_retakes = Column("max_retakes", Integer, nullable=True)
    is_clients_isolated = Column("is_clients_isolated", Boolean, nullable=True)
    is_preview_download_allowed = Column("is_preview_download_allowed", Boolean, nullable=True)
    is_set_preview_automated = Column("is_set_preview_automated", Boolean, nullable=True)
    homepage = Column("homepage", String(80), nullable=True)
    is_publish_default_for_artists = Column("is_publish_default_for_artists", Boolean, nullable=True)
    hd_bitrate_compression = Column("hd_bitrate_compression", Integer, nullable=True)
    ld_bitrate_compression = Column("ld_bitrate_compression", Integer, nullable=True)
    project_status_id = Column("project_status_id", Uuid, ForeignKey("project_status.id", name="project_project_status_id_fkey"), nullable=True)
    default_preview_background_file_id = Column("default_preview_background_file_id", Uuid, ForeignKey("preview_background_file.id", name="project_default_preview_background_file_id_fkey", use_alter=True), nullable=True)
    from_schedule_version_id = Column("from_schedule_version_id", Uuid, ForeignKey("production_schedule_version.id", name="project_from_schedule_version_id_fkey", ondelete="SET NULL", use_alter=True), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    is_bot_collaboration_enabled = Column("is_bot_collaboration_enabled", Boolean, nullable=True, server_default=sql_text("false"))
    is_single_preview_per_revision = Column("is_single_preview_per_revision", Boolean, nullable=True, server_default=sql_text("false"))
    revision_padding = Column("revision_padding", Integer, nullable=False, server_default=sql_text("0"))
    is_frame_in_numbering = Column("is_frame_in_numbering", Boolean, nullable=True, server_default=sql_text("false"))
    is_client_stats_visible = Column("is_client_stats_visible", Boolean, nullable=True, server_default=sql_text("true"))
    is_client_task_list_visible = Column("is_client_task_list_visible", Boolean, nullable=True, server_default=sql_text("true"))
    is_client_task_panel_visible = Column("is_client_task_panel_visible", Boolean, nullable=True, server_default=sql_text("true"))
    __table_args__ = (
        PrimaryKeyConstraint("id", name="project_pkey"),
        Index("ix_project_default_preview_background_file_id", "default_preview_background_file_id"),
        Index("ix_project_from_schedule_version_id", "from_schedule_version_id"),
        Index("ix_project_name", "name", unique=True),
        Index("ix_project_project_status_id", "project_status_id"),
    )


class ProjectAssetTypeLink(Base):
    __tablename__ = "project_asset_type_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_asset_type_link_project_id_fkey"), nullable=False)
    asset_type_id = Column("asset_type_id", Uuid, ForeignKey("entity_type.id", name="project_asset_type_link_asset_type_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "asset_type_id", name="project_asset_type_link_pkey"),
        Index("ix_project_asset_type_link_asset_type_id", "asset_type_id"),
        Index("ix_project_asset_type_link_project_id", "project_id"),
    )


class ProjectPersonLink(Base):
    __tablename__ = "project_person_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_person_link_project_id_fkey"), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="project_person_link_person_id_fkey"), nullable=False)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    role = Column("role", String(255), nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "person_id", name="project_person_link_pkey"),
        Index("ix_project_person_link_person_id", "person_id"),
        Index("ix_project_person_link_project_id", "project_id"),
    )


class ProjectPreviewBackgroundFileLink(Base):
    __tablename__ = "project_preview_background_file_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_preview_background_file_link_project_id_fkey"), nullable=False)
    preview_background_file_id = Column("preview_background_file_id", Uuid, ForeignKey("preview_background_file.id", name="project_preview_background_file_preview_background_file_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "preview_background_file_id", name="project_preview_background_file_link_pkey"),
        Index("ix_project_preview_background_file_link_preview_backgro_080b", "preview_background_file_id"),
        Index("ix_project_preview_background_file_link_project_id", "project_id"),
    )


class ProjectStatus(Base):
    __tablename__ = "project_status"
    name = Column("name", String(20), nullable=False)
    color = Column("color", String(7), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="project_status_pkey"),
        Index("ix_project_status_name", "name", unique=True),
    )


class ProjectStatusAutomationLink(Base):
    __tablename__ = "project_status_automation_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_status_automation_link_project_id_fkey"), nullable=False)
    status_automation_id = Column("status_automation_id", Uuid, ForeignKey("status_automation.id", name="project_status_automation_link_status_automation_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "status_automation_id", name="project_status_automation_link_pkey"),
        Index("ix_project_status_automation_link_project_id", "project_id"),
        Index("ix_project_status_automation_link_status_automation_id", "status_automation_id"),
    )


class ProjectTaskStatusLink(Base):
    __tablename__ = "project_task_status_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_task_status_link_project_id_fkey"), nullable=False)
    task_status_id = Column("task_status_id", Uuid, ForeignKey("task_status.id", name="project_task_status_link_task_status_id_fkey"), nullable=False)
    priority = Column("priority", Integer, nullable=True)
    roles_for_board = Column("roles_for_board", StringArray(255), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    is_client_allowed = Column("is_client_allowed", Boolean, nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "task_status_id", "id", name="project_task_status_link_pkey"),
        UniqueConstraint("project_id", "task_status_id", name="project_taskstatus_uc"),
        Index("ix_project_task_status_link_project_id", "project_id"),
        Index("ix_project_task_status_link_task_status_id", "task_status_id"),
    )


class ProjectTaskTypeLink(Base):
    __tablename__ = "project_task_type_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_task_type_link_project_id_fkey"), nullable=False)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="project_task_type_link_task_type_id_fkey"), nullable=False)
    priority = Column("priority", Integer, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    hd_bitrate_compression = Column("hd_bitrate_compression", Integer, nullable=True)
    ld_bitrate_compression = Column("ld_bitrate_compression", Integer, nullable=True)
    is_client_visible = Column("is_client_visible", Boolean, nullable=True, server_default=sql_text("true"))
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "task_type_id", "id", name="project_task_type_link_pkey"),
        UniqueConstraint("project_id", "task_type_id", name="project_tasktype_uc"),
        Index("ix_project_task_type_link_project_id", "project_id"),
        Index("ix_project_task_type_link_task_type_id", "task_type_id"),
    )


class ProjectTaskTypeSoftwareLink(Base):
    __tablename__ = "project_task_type_software_link"
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="project_task_type_software_link_project_id_fkey", ondelete="CASCADE"), nullable=False)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="project_task_type_software_link_task_type_id_fkey", ondelete="CASCADE"), nullable=False)
    software_id = Column("software_id", Uuid, ForeignKey("software.id", name="project_task_type_software_link_software_id_fkey", ondelete="CASCADE"), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("project_id", "task_type_id", "software_id", "id", name="project_task_type_software_link_pkey"),
        UniqueConstraint("project_id", "task_type_id", "software_id", name="project_task_type_software_uc"),
        Index("ix_project_task_type_software_link_project_id", "project_id"),
        Index("ix_project_task_type_software_link_software_id", "software_id"),
        Index("ix_project_task_type_software_link_task_type_id", "task_type_id"),
    )


class ProjectTemplate(Base):
    __tablename__ = "project_template"
    name = Column("name", String(80), nullable=False)
    description = Column("description", Text, nullable=True)
    fps = Column("fps", String(10), nullable=True)
    ratio = Column("ratio", String(10), nullable=True)
    resolution = Column("resolution", String(12), nullable=True)
    production_type = Column("production_type", String(20), nullable=True)
    production_style = Column("production_style", String(255), nullable=False)
    max_retakes = Column("max_retakes", Integer, nullable=True)
    is_clients_isolated = Column("is_clients_isolated", Boolean, nullable=True)
    is_preview_download_allowed = Column("is_preview_download_allowed", Boolean, nullable=True)
    is_set_preview_automated = Column("is_set_preview_automated", Boolean, nullable=True)
    is_publish_default_for_artists = Column("is_publish_default_for_artists", Boolean, nullable=True)
    homepage = Column("homepage", String(80), nullable=True)
    hd_bitrate_compression = Column("hd_bitrate_compression", Integer, nullable=True)
    ld_bitrate_compression = Column("ld_bitrate_compression", Integer, nullable=True)
    file_tree = Column("file_tree", JSONB, nullable=True)
    data = Column("data", JSONB, nullable=True)
    metadata_descriptors = Column("metadata_descriptors", JSONB, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    default_preview_background_file_id = Column("default_preview_background_file_id", Uuid, ForeignKey("preview_background_file.id", name="project_template_default_preview_background_file_id_fkey"), nullable=True)
    is_single_preview_per_revision = Column("is_single_preview_per_revision", Boolean, nullable=True, server_default=sql_text("false"))
    revision_padding = Column("revision_padding", Integer, nullable=False, server_default=sql_text("0"))
    is_frame_in_numbering = Column("is_frame_in_numbering", Boolean, nullable=True, server_default=sql_text("false"))
    is_client_stats_visible = Column("is_client_stats_visible", Boolean, nullable=True, server_default=sql_text("true"))
    is_client_task_list_visible = Column("is_client_task_list_visible", Boolean, nullable=True, server_default=sql_text("true"))
    is_client_task_panel_visible = Column("is_client_task_panel_visible", Boolean, nullable=True, server_default=sql_text("true"))
    __table_args__ = (
        PrimaryKeyConstraint("id", name="project_template_pkey"),
        Index("ix_project_template_default_preview_background_file_id", "default_preview_background_file_id"),
        Index("ix_project_template_name", "name", unique=True),
    )


class ProjectTemplateAssetTypeLink(Base):
    __tablename__ = "project_template_asset_type_link"
    project_template_id = Column("project_template_id", Uuid, ForeignKey("project_template.id", name="project_template_asset_type_link_project_template_id_fkey"), nullable=False)
    asset_type_id = Column("asset_type_id", Uuid, ForeignKey("entity_type.id", name="project_template_asset_type_link_asset_type_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("project_template_id", "asset_type_id", name="project_template_asset_type_link_pkey"),
        Index("ix_project_template_asset_type_link_asset_type_id", "asset_type_id"),
        Index("ix_project_template_asset_type_link_project_template_id", "project_template_id"),
    )


class ProjectTemplatePreviewBackgroundFileLink(Base):
    __tablename__ = "project_template_preview_background_file_link"
    project_template_id = Column("project_template_id", Uuid, ForeignKey("project_template.id", name="project_template_preview_background_fi_project_template_id_fkey"), nullable=False)
    preview_background_file_id = Column("preview_background_file_id", Uuid, ForeignKey("preview_background_file.id", name="project_template_preview_backgr_preview_background_file_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("project_template_id", "preview_background_file_id", name="project_template_preview_background_file_link_pkey"),
        Index("ix_project_template_preview_background_file_link_previe_393c", "preview_background_file_id"),
        Index("ix_project_template_preview_background_file_link_projec_ab7b", "project_template_id"),
    )


class ProjectTemplateStatusAutomationLink(Base):
    __tablename__ = "project_template_status_automation_link"
    project_template_id = Column("project_template_id", Uuid, ForeignKey("project_template.id", name="project_template_status_automation_lin_project_template_id_fkey"), nullable=False)
    status_automation_id = Column("status_automation_id", Uuid, ForeignKey("status_automation.id", name="project_template_status_automation_li_status_automation_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("project_template_id", "status_automation_id", name="project_template_status_automation_link_pkey"),
        Index("ix_project_template_status_automation_link_project_template_id", "project_template_id"),
        Index("ix_project_template_status_automation_link_status_automation_id", "status_automation_id"),
    )


class ProjectTemplateTaskStatusLink(Base):
    __tablename__ = "project_template_task_status_link"
    project_template_id = Column("project_template_id", Uuid, ForeignKey("project_template.id", name="project_template_task_status_link_project_template_id_fkey"), nullable=False)
    task_status_id = Column("task_status_id", Uuid, ForeignKey("task_status.id", name="project_template_task_status_link_task_status_id_fkey"), nullable=False)
    priority = Column("priority", Integer, nullable=True)
    roles_for_board = Column("roles_for_board", StringArray(255), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    is_client_allowed = Column("is_client_allowed", Boolean, nullable=True)
    __table_args__ = (
        PrimaryKeyConstraint("project_template_id", "task_status_id", name="project_template_task_status_link_pkey"),
        UniqueConstraint("project_template_id", "task_status_id", name="project_template_taskstatus_uc"),
        Index("ix_project_template_task_status_link_project_template_id", "project_template_id"),
        Index("ix_project_template_task_status_link_task_status_id", "task_status_id"),
    )


class ProjectTemplateTaskTypeLink(Base):
    __tablename__ = "project_template_task_type_link"
    project_template_id = Column("project_template_id", Uuid, ForeignKey("project_template.id", name="project_template_task_type_link_project_template_id_fkey"), nullable=False)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="project_template_task_type_link_task_type_id_fkey"), nullable=False)
    priority = Column("priority", Integer, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    hd_bitrate_compression = Column("hd_bitrate_compression", Integer, nullable=True)
    ld_bitrate_compression = Column("ld_bitrate_compression", Integer, nullable=True)
    is_client_visible = Column("is_client_visible", Boolean, nullable=True, server_default=sql_text("true"))
    __table_args__ = (
        PrimaryKeyConstraint("project_template_id", "task_type_id", name="project_template_task_type_link_pkey"),
        UniqueConstraint("project_template_id", "task_type_id", name="project_template_tasktype_uc"),
        Index("ix_project_template_task_type_link_project_template_id", "project_template_id"),
        Index("ix_project_template_task_type_link_task_type_id", "task_type_id"),
    )


class SalaryScale(Base):
    __tablename__ = "salary_scale"
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="salary_scale_department_id_fkey", ondelete="CASCADE"), nullable=False)
    position = Column("position", String(255), nullable=True)
    seniority = Column("seniority", String(255), nullable=True)
    salary = Column("salary", Integer, nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="salary_scale_pkey"),
        Index("ix_salary_scale_department_id", "department_id"),
    )


class ScheduleItem(Base):
    __tablename__ = "schedule_item"
    start_date = Column("start_date", Date, nullable=True)
    end_date = Column("end_date", Date, nullable=True)
    man_days = Column("man_days", Integer, nullable=True)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="schedule_item_project_id_fkey"), nullable=True)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="schedule_item_task_type_id_fkey"), nullable=True)
    object_id = Column("object_id", Uuid, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="schedule_item_pkey"),
        UniqueConstraint("project_id", "task_type_id", "object_id", name="schedule_item_uc"),
        Index("ix_schedule_item_object_id", "object_id"),
        Index("ix_schedule_item_project_id", "project_id"),
        Index("ix_schedule_item_task_type_id", "task_type_id"),
    )


class SearchFilter(Base):
    __tablename__ = "search_filter"
    list_type = Column("list_type", String(80), nullable=False)
    entity_type = Column("entity_type", String(80), nullable=True)
    name = Column("name", String(200), nullable=False)
    search_query = Column("search_query", String(500), nullable=False)
    is_shared = Column("is_shared", Boolean, nullable=False, server_default=sql_text("false"))
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="search_filter_department_id_fkey"), nullable=True)
    search_filter_group_id = Column("search_filter_group_id", Uuid, ForeignKey("search_filter_group.id", name="search_filter_search_filter_group_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="search_filter_person_id_fkey"), nullable=True)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="search_filter_project_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="search_filter_pkey"),
        Index("ix_search_filter_department_id", "department_id"),
        Index("ix_search_filter_list_type", "list_type"),
        Index("ix_search_filter_person_id", "person_id"),
        Index("ix_search_filter_project_id", "project_id"),
        Index("ix_search_filter_search_filter_group_id", "search_filter_group_id"),
    )


class SearchFilterGroup(Base):
    __tablename__ = "search_filter_group"
    list_type = Column("list_type", String(80), nullable=False)
    entity_type = Column("entity_type", String(80), nullable=True)
    name = Column("name", String(200), nullable=False)
    color = Column("color", String(8), nullable=False)
    is_shared = Column("is_shared", Boolean, nullable=False, server_default=sql_text("false"))
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="search_filter_group_person_id_fkey"), nullable=True)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="search_filter_group_project_id_fkey"), nullable=True)
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="search_filter_group_department_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="search_filter_group_pkey"),
        Index("ix_search_filter_group_department_id", "department_id"),
        Index("ix_search_filter_group_list_type", "list_type"),
        Index("ix_search_filter_group_person_id", "person_id"),
        Index("ix_search_filter_group_project_id", "project_id"),
    )


class Software(Base):
    __tablename__ = "software"
    name = Column("name", String(40), nullable=False)
    short_name = Column("short_name", String(20), nullable=False)
    archived = Column("archived", Boolean, nullable=True)
    version = Column("version", String(20), nullable=True)
    file_extension = Column("file_extension", String(20), nullable=False)
    secondary_extensions = Column("secondary_extensions", JSONB, nullable=True)
    monthly_cost = Column("monthly_cost", Integer, nullable=True)
    inventory_amount = Column("inventory_amount", Integer, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="software_pkey"),
        UniqueConstraint("name", name="software_name_key"),
    )


class SoftwareDepartmentLink(Base):
    __tablename__ = "software_department_link"
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="software_department_link_department_id_fkey"), nullable=False)
    software_id = Column("software_id", Uuid, ForeignKey("software.id", name="software_department_link_software_id_fkey"), nullable=False)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("department_id", "software_id", "id", name="software_department_link_pkey"),
        UniqueConstraint("department_id", "software_id", name="software_department_link_uc"),
        Index("ix_software_department_link_department_id", "department_id"),
        Index("ix_software_department_link_software_id", "software_id"),
    )


class StatusAutomation(Base):
    __tablename__ = "status_automation"
    entity_type = Column("entity_type", String(40), nullable=True)
    in_task_type_id = Column("in_task_type_id", Uuid, ForeignKey("task_type.id", name="status_automation_in_task_type_id_fkey"), nullable=True)
    in_task_status_id = Column("in_task_status_id", Uuid, ForeignKey("task_status.id", name="status_automation_in_task_status_id_fkey"), nullable=True)
    out_field_type = Column("out_field_type", String(255), nullable=False)
    out_task_type_id = Column("out_task_type_id", Uuid, ForeignKey("task_type.id", name="status_automation_out_task_type_id_fkey"), nullable=True)
    out_task_status_id = Column("out_task_status_id", Uuid, ForeignKey("task_status.id", name="status_automation_out_task_status_id_fkey"), nullable=True)
    import_last_revision = Column("import_last_revision", Boolean, nullable=True, server_default=sql_text("false"))
    archived = Column("archived", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="status_automation_pkey"),
        Index("ix_status_automation_in_task_status_id", "in_task_status_id"),
        Index("ix_status_automation_in_task_type_id", "in_task_type_id"),
        Index("ix_status_automation_out_task_status_id", "out_task_status_id"),
        Index("ix_status_automation_out_task_type_id", "out_task_type_id"),
    )


class StoredFile(Base):
    __tablename__ = "stored_file"
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    bucket = Column("bucket", String(20), nullable=False)
    key = Column("key", String(255), nullable=False)
    prefix = Column("prefix", String(40), nullable=False)
    file_id = Column("file_id", String(200), nullable=False)
    size = Column("size", BigInteger, nullable=True)
    deleted_at = Column("deleted_at", DateTime, nullable=True)
    purge_forced = Column("purge_forced", Boolean, nullable=False, server_default=sql_text("false"))
    purged_at = Column("purged_at", DateTime, nullable=True)
    purge_attempts = Column("purge_attempts", Integer, nullable=False, server_default=sql_text("0"))
    last_error = Column("last_error", Text, nullable=True)
    journal = Column("journal", JSONB, nullable=False, server_default=sql_text("'[]'"))
    __table_args__ = (
        PrimaryKeyConstraint("id", name="stored_file_pkey"),
        UniqueConstraint("bucket", "key", name="stored_file_uc"),
        Index("ix_stored_file_file_id", "file_id"),
        Index("ix_stored_file_to_purge", "purge_forced", "deleted_at", postgresql_where=sql_text("(deleted_at IS NOT NULL) AND (purged_at IS NULL)"), sqlite_where=sql_text("(deleted_at IS NOT NULL) AND (purged_at IS NULL)")),
    )


class Studio(Base):
    __tablename__ = "studio"
    name = Column("name", String(80), nullable=False)
    color = Column("color", String(7), nullable=False)
    archived = Column("archived", Boolean, nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="studio_pkey"),
        UniqueConstraint("name", name="studio_name_key"),
    )


class Subscription(Base):
    __tablename__ = "subscription"
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="subscription_person_id_fkey"), nullable=False)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="subscription_task_id_fkey"), nullable=True)
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="subscription_entity_id_fkey"), nullable=True)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="subscription_task_type_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="subscription_pkey"),
        UniqueConstraint("person_id", "task_type_id", "entity_id", name="subscription_entity_uc"),
        UniqueConstraint("person_id", "task_id", name="subscription_task_uc"),
        Index("ix_subscription_entity_id", "entity_id"),
        Index("ix_subscription_person_id", "person_id"),
        Index("ix_subscription_task_id", "task_id"),
        Index("ix_subscription_task_type_id", "task_type_id"),
    )


class Task(Base):
    __tablename__ = "task"
    name = Column("name", String(80), nullable=False)
    description = Column("description", Text, nullable=True)
    priority = Column("priority", Integer, nullable=True)
    difficulty = Column("difficulty", Integer, nullable=False, server_default=sql_text("3"))
    duration = Column("duration", Double, nullable=True)
    estimation = Column("estimation", Double, nullable=True)
    completion_rate = Column("completion_rate", Integer, nullable=True)
    retake_count = Column("retake_count", Integer, nullable=True)
    sort_order = Column("sort_order", Integer, nullable=True)
    start_date = Column("start_date", DateTime, nullable=True)
    due_date = Column("due_date", DateTime, nullable=True)
    real_start_date = Column("real_start_date", DateTime, nullable=True)
    end_date = Column("end_date", DateTime, nullable=True)
    done_date = Column("done_date", DateTime, nullable=True)
    last_comment_date = Column("last_comment_date", DateTime, nullable=True)
    nb_assets_ready = Column("nb_assets_ready", Integer, nullable=True)
    data = Column("data", JSONB, nullable=True)
    nb_drawings = Column("nb_drawings", Integer, nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    last_preview_file_id = Column("last_preview_file_id", Uuid, nullable=True)
    project_id = Column("project_id", Uuid, ForeignKey("project.id", name="task_project_id_fkey"), nullable=True)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="task_task_type_id_fkey"), nullable=True)
    task_status_id = Column("task_status_id", Uuid, ForeignKey("task_status.id", name="task_task_status_id_fkey"), nullable=True)
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="task_entity_id_fkey"), nullable=True)
    assigner_id = Column("assigner_id", Uuid, ForeignKey("person.id", name="task_assigner_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="task_pkey"),
        UniqueConstraint("name", "project_id", "task_type_id", "entity_id", name="task_uc"),
        CheckConstraint("((difficulty > 0) AND (difficulty < 6))", name="check_difficulty"),
        Index("ix_task_assigner_id", "assigner_id"),
        Index("ix_task_entity_id", "entity_id"),
        Index("ix_task_entity_project", "entity_id", "project_id"),
        Index("ix_task_project_id", "project_id"),
        Index("ix_task_task_status_id", "task_status_id"),
        Index("ix_task_task_type_id", "task_type_id"),
    )


class TaskPersonLink(Base):
    __tablename__ = "task_person_link"
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="task_person_link_task_id_fkey"), nullable=False)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="task_person_link_person_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("task_id", "person_id", name="assignations_pkey"),
        Index("ix_task_person_link_person_id", "person_id"),
    )


class TaskStatus(Base):
    __tablename__ = "task_status"
    name = Column("name", String(40), nullable=False)
    archived = Column("archived", Boolean, nullable=True)
    short_name = Column("short_name", String(10), nullable=False)
    description = Column("description", Text, nullable=True)
    color = Column("color", String(7), nullable=False)
    priority = Column("priority", Integer, nullable=True)
    is_done = Column("is_done", Boolean, nullable=True)
    is_artist_allowed = Column("is_artist_allowed", Boolean, nullable=True)
    is_client_allowed = Column("is_client_allowed", Boolean, nullable=True)
    is_retake = Column("is_retake", Boolean, nullable=True)
    is_feedback_request = Column("is_feedback_request", Boolean, nullable=True)
    is_default = Column("is_default", Boolean, nullable=True)
    is_wip = Column("is_wip", Boolean, nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    for_concept = Column("for_concept", Boolean, nullable=True, server_default=sql_text("false"))
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="task_status_pkey"),
        Index("ix_task_status_is_default", "is_default"),
        Index("ix_task_status_is_done", "is_done"),
        Index("ix_task_status_is_feedback_request", "is_feedback_request"),
        Index("ix_task_status_is_wip", "is_wip"),
        Index("ix_task_status_short_name", "short_name", unique=True),
    )


class TaskType(Base):
    __tablename__ = "task_type"
    name = Column("name", String(40), nullable=False)
    short_name = Column("short_name", String(20), nullable=True)
    description = Column("description", Text, nullable=True)
    color = Column("color", String(7), nullable=True)
    priority = Column("priority", Integer, nullable=True)
    for_entity = Column("for_entity", String(30), nullable=True)
    allow_timelog = Column("allow_timelog", Boolean, nullable=True)
    archived = Column("archived", Boolean, nullable=True)
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    department_id = Column("department_id", Uuid, ForeignKey("department.id", name="task_type_department_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="task_type_pkey"),
        UniqueConstraint("name", "for_entity", "department_id", name="task_type_uc"),
        Index("ix_task_type_department_id", "department_id"),
        Index("ix_task_type_shotgun_id", "shotgun_id"),
    )


class TaskTypeAssetTypeLink(Base):
    __tablename__ = "task_type_asset_type_link"
    asset_type_id = Column("asset_type_id", Uuid, ForeignKey("entity_type.id", name="task_type_asset_type_link_asset_type_id_fkey"), nullable=False)
    task_type_id = Column("task_type_id", Uuid, ForeignKey("task_type.id", name="task_type_asset_type_link_task_type_id_fkey"), nullable=False)
    __table_args__ = (
        PrimaryKeyConstraint("asset_type_id", "task_type_id", name="task_type_asset_type_link_pkey"),
        UniqueConstraint("asset_type_id", "task_type_id", name="task_type_asset_type_link_uc"),
        Index("ix_task_type_asset_type_link_asset_type_id", "asset_type_id"),
        Index("ix_task_type_asset_type_link_task_type_id", "task_type_id"),
    )


class TimeSpent(Base):
    __tablename__ = "time_spent"
    duration = Column("duration", Double, nullable=False)
    date = Column("date", Date, nullable=False)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="time_spent_task_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="time_spent_person_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    __table_args__ = (
        PrimaryKeyConstraint("id", name="time_spent_pkey"),
        UniqueConstraint("person_id", "task_id", "date", name="time_spent_uc"),
        CheckConstraint("(duration > 0)", name="check_duration_positive"),
        Index("ix_time_spent_person_id", "person_id"),
        Index("ix_time_spent_task_id", "task_id"),
    )


class WorkingFile(Base):
    __tablename__ = "working_file"
    shotgun_id = Column("shotgun_id", Integer, nullable=True)
    name = Column("name", String(250), nullable=True)
    description = Column("description", Text, nullable=True)
    comment = Column("comment", Text, nullable=True)
    revision = Column("revision", Integer, nullable=True)
    size = Column("size", Integer, nullable=True)
    checksum = Column("checksum", Integer, nullable=True)
    path = Column("path", String(400), nullable=True)
    data = Column("data", JSONB, nullable=True)
    task_id = Column("task_id", Uuid, ForeignKey("task.id", name="working_file_task_id_fkey"), nullable=True)
    entity_id = Column("entity_id", Uuid, ForeignKey("entity.id", name="working_file_entity_id_fkey"), nullable=True)
    person_id = Column("person_id", Uuid, ForeignKey("person.id", name="working_file_person_id_fkey"), nullable=True)
    software_id = Column("software_id", Uuid, ForeignKey("software.id", name="working_file_software_id_fkey"), nullable=True)
    id = Column("id", Uuid, nullable=False, default=new_id)
    created_at = Column("created_at", DateTime, nullable=True, default=utcnow)
    updated_at = Column("updated_at", DateTime, nullable=True, default=utcnow, onupdate=utcnow)
    validation_status = Column("validation_status", String(255), nullable=False, server_default=sql_text("'neutral'"))
    __table_args__ = (
        PrimaryKeyConstraint("id", name="working_file_pkey"),
        UniqueConstraint("name", "task_id", "entity_id", "revision", name="working_file_uc"),
        Index("ix_working_file_entity_id", "entity_id"),
        Index("ix_working_file_person_id", "person_id"),
        Index("ix_working_file_shotgun_id", "shotgun_id"),
        Index("ix_working_file_software_id", "software_id"),
        Index("ix_working_file_task_id", "task_id"),
    )



def _add_unique_constraints_equal_to_primary_key() -> None:
    """PostgreSQL drops a UNIQUE constraint written in CREATE TABLE when the primary key already covers its
    columns; Zou's migrations added five such constraints later (department_link_uc, ...), so add them the
    same way, after the table exists."""
    for table in Base.metadata.tables.values():
        pk = list(table.primary_key.columns.keys())
        for uc in table.constraints:
            cols = list(uc.columns.keys())
            if isinstance(uc, UniqueConstraint) and set(cols) == set(pk):
                ddl = DDL(f"ALTER TABLE {table.name} ADD CONSTRAINT {uc.name} UNIQUE ({', '.join(cols)})")
                event.listen(table, "after_create", ddl.execute_if(dialect="postgresql"))


_add_unique_constraints_equal_to_primary_key()

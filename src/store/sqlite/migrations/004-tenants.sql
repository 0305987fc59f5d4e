-- Tenants: every row belongs to the tenant (the token's `tid`) that created it, and every key and index
-- starts with tenant_id, so that each tenant's pages stay index-ordered and no statement can reach
-- another tenant's rows. Rows that existed before belong to the tenant of `npm run token` without --tid
-- (LOCAL_TENANT_ID in src/auth/local-tokens.ts). SQLite cannot change a primary key in place: each table
-- is renamed, made anew and copied. (Renaming a parent table also renames it in its children's foreign
-- keys, and the old tables are dropped children first, so no cascade runs.)
DROP INDEX user_statuses_by_user_name;
ALTER TABLE mobile_app_install_statuses RENAME TO mobile_app_install_statuses_003;
ALTER TABLE user_app_install_statuses RENAME TO user_app_install_statuses_003;
ALTER TABLE mobile_apps RENAME TO mobile_apps_003;

CREATE TABLE mobile_apps (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  odata_type TEXT NOT NULL,
  properties TEXT NOT NULL, -- JSON object of the type's other properties
  created_date_time TEXT NOT NULL,
  last_modified_date_time TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_app_install_statuses (
  tenant_id TEXT NOT NULL,
  mobile_app_id TEXT NOT NULL,
  id TEXT NOT NULL,
  user_name TEXT,
  user_principal_name TEXT,
  installed_device_count INTEGER NOT NULL,
  failed_device_count INTEGER NOT NULL,
  not_installed_device_count INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, mobile_app_id, id),
  FOREIGN KEY (tenant_id, mobile_app_id) REFERENCES mobile_apps (tenant_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE mobile_app_install_statuses (
  tenant_id TEXT NOT NULL,
  mobile_app_id TEXT NOT NULL,
  user_status_id TEXT NOT NULL,
  id TEXT NOT NULL,
  device_name TEXT,
  device_id TEXT,
  last_sync_date_time TEXT NOT NULL,
  mobile_app_install_status_value INTEGER NOT NULL,
  install_state INTEGER NOT NULL,
  install_state_detail INTEGER NOT NULL,
  error_code INTEGER NOT NULL,
  os_version TEXT,
  os_description TEXT,
  user_name TEXT,
  user_principal_name TEXT,
  display_version TEXT,
  PRIMARY KEY (tenant_id, mobile_app_id, user_status_id, id),
  FOREIGN KEY (tenant_id, mobile_app_id, user_status_id)
    REFERENCES user_app_install_statuses (tenant_id, mobile_app_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX user_statuses_by_user_name ON user_app_install_statuses (tenant_id, mobile_app_id, user_name, id);

INSERT INTO mobile_apps
  SELECT 'a1b2c3d4-0000-4000-8000-00000000c0de', id, odata_type, properties, created_date_time, last_modified_date_time
  FROM mobile_apps_003;
INSERT INTO user_app_install_statuses
  SELECT 'a1b2c3d4-0000-4000-8000-00000000c0de', mobile_app_id, id, user_name, user_principal_name,
    installed_device_count, failed_device_count, not_installed_device_count
  FROM user_app_install_statuses_003;
INSERT INTO mobile_app_install_statuses
  SELECT 'a1b2c3d4-0000-4000-8000-00000000c0de', mobile_app_id, user_status_id, id, device_name, device_id,
    last_sync_date_time, mobile_app_install_status_value, install_state, install_state_detail, error_code,
    os_version, os_description, user_name, user_principal_name, display_version
  FROM mobile_app_install_statuses_003;

DROP TABLE mobile_app_install_statuses_003;
DROP TABLE user_app_install_statuses_003;
DROP TABLE mobile_apps_003;

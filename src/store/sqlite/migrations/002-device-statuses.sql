-- The device install statuses of each user status, contained in it: keyed by (app, user status, id),
-- deleted with it. Enums are stored as their underlying values (so they order as Graph's do) and
-- lastSyncDateTime as UTC ISO-8601 text, which orders chronologically.
CREATE TABLE mobile_app_install_statuses (
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
  PRIMARY KEY (mobile_app_id, user_status_id, id),
  FOREIGN KEY (mobile_app_id, user_status_id)
    REFERENCES user_app_install_statuses (mobile_app_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

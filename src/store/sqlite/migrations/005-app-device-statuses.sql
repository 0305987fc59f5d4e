-- An app's own deviceStatuses (mobileApp.deviceStatuses), a set distinct from those contained in its user
-- statuses: keyed by (tenant, app, id), deleted with the app. Columns as in mobile_app_install_statuses.
CREATE TABLE mobile_app_device_statuses (
  tenant_id TEXT NOT NULL,
  mobile_app_id TEXT NOT NULL,
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
  PRIMARY KEY (tenant_id, mobile_app_id, id),
  FOREIGN KEY (tenant_id, mobile_app_id) REFERENCES mobile_apps (tenant_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- lastSyncDateTime keeps 100 ns (.NET's precision): stored as fixed-width UTC text with 7 fractional
-- digits, which orders as the instants do. Rows written before held milliseconds (24 characters).
UPDATE mobile_app_install_statuses
  SET last_sync_date_time = substr(last_sync_date_time, 1, 23) || '0000Z'
  WHERE length(last_sync_date_time) = 24;

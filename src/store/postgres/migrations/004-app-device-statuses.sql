-- An app's own deviceStatuses (mobileApp.deviceStatuses), a set distinct from those contained in its user
-- statuses: keyed by (tenant, app, id), deleted with the app. Columns as in mobile_app_install_statuses.
CREATE TABLE mobile_app_device_statuses (
  tenant_id text COLLATE "C" NOT NULL,
  mobile_app_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  device_name text COLLATE "C",
  device_id text COLLATE "C",
  last_sync_date_time text COLLATE "C" NOT NULL,
  mobile_app_install_status_value integer NOT NULL,
  install_state integer NOT NULL,
  install_state_detail integer NOT NULL,
  error_code integer NOT NULL,
  os_version text COLLATE "C",
  os_description text COLLATE "C",
  user_name text COLLATE "C",
  user_principal_name text COLLATE "C",
  display_version text COLLATE "C",
  PRIMARY KEY (tenant_id, mobile_app_id, id),
  FOREIGN KEY (tenant_id, mobile_app_id) REFERENCES mobile_apps (tenant_id, id) ON DELETE CASCADE
);

-- lastSyncDateTime keeps 100 ns (.NET's precision), which timestamptz (1 µs) cannot: it becomes fixed-width
-- UTC text with 7 fractional digits, as in the SQLite store, which orders as the instants do.
ALTER TABLE mobile_app_install_statuses
  ALTER COLUMN last_sync_date_time TYPE text COLLATE "C"
  USING to_char(last_sync_date_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '0Z';

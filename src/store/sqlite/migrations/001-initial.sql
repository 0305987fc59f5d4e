-- Apps and the user install statuses they contain. Statuses are keyed by (app, id): an id is
-- unique within its app, as Graph's contained navigation requires, and deleting an app cascades.
CREATE TABLE mobile_apps (
  id TEXT PRIMARY KEY,
  odata_type TEXT NOT NULL,
  properties TEXT NOT NULL, -- JSON object of the type's other properties
  created_date_time TEXT NOT NULL,
  last_modified_date_time TEXT NOT NULL
) STRICT;

CREATE TABLE user_app_install_statuses (
  mobile_app_id TEXT NOT NULL REFERENCES mobile_apps (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  user_name TEXT,
  user_principal_name TEXT,
  installed_device_count INTEGER NOT NULL,
  failed_device_count INTEGER NOT NULL,
  not_installed_device_count INTEGER NOT NULL,
  PRIMARY KEY (mobile_app_id, id)
) STRICT, WITHOUT ROWID;

-- Apps, the user install statuses they contain, and the device statuses those contain. Every key of a
-- contained table starts with mobile_app_id: all rows of one app live together, so a distributed
-- PostgreSQL (Citus) can shard every table by it and keep each request on one node. Text compares
-- bytewise (COLLATE "C"), as in the SQLite store, so both order and page alike.
CREATE TABLE mobile_apps (
  id text COLLATE "C" PRIMARY KEY,
  odata_type text NOT NULL,
  properties jsonb NOT NULL,
  created_date_time timestamptz NOT NULL,
  last_modified_date_time timestamptz NOT NULL
);

CREATE TABLE user_app_install_statuses (
  mobile_app_id text COLLATE "C" NOT NULL REFERENCES mobile_apps (id) ON DELETE CASCADE,
  id text COLLATE "C" NOT NULL,
  user_name text COLLATE "C",
  user_principal_name text COLLATE "C",
  installed_device_count integer NOT NULL,
  failed_device_count integer NOT NULL,
  not_installed_device_count integer NOT NULL,
  PRIMARY KEY (mobile_app_id, id)
);

CREATE TABLE mobile_app_install_statuses (
  mobile_app_id text COLLATE "C" NOT NULL,
  user_status_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  device_name text COLLATE "C",
  device_id text COLLATE "C",
  last_sync_date_time timestamptz NOT NULL,
  mobile_app_install_status_value integer NOT NULL,
  install_state integer NOT NULL,
  install_state_detail integer NOT NULL,
  error_code integer NOT NULL,
  os_version text COLLATE "C",
  os_description text COLLATE "C",
  user_name text COLLATE "C",
  user_principal_name text COLLATE "C",
  display_version text COLLATE "C",
  PRIMARY KEY (mobile_app_id, user_status_id, id),
  FOREIGN KEY (mobile_app_id, user_status_id)
    REFERENCES user_app_install_statuses (mobile_app_id, id) ON DELETE CASCADE
);

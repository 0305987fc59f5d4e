-- Tenants: every row belongs to the tenant (the token's `tid`) that created it, and every key and index
-- starts with tenant_id, so that each tenant's pages stay index-ordered and no statement can reach
-- another tenant's rows (and a distributed PostgreSQL can shard by tenant). Rows that existed before
-- belong to the tenant of `npm run token` without --tid (LOCAL_TENANT_ID in src/auth/local-tokens.ts).
ALTER TABLE mobile_app_install_statuses DROP CONSTRAINT mobile_app_install_statuses_mobile_app_id_user_status_id_fkey;
ALTER TABLE user_app_install_statuses DROP CONSTRAINT user_app_install_statuses_mobile_app_id_fkey;
DROP INDEX user_statuses_by_user_name;

ALTER TABLE mobile_apps ADD COLUMN tenant_id text COLLATE "C" NOT NULL
  DEFAULT 'a1b2c3d4-0000-4000-8000-00000000c0de';
ALTER TABLE user_app_install_statuses ADD COLUMN tenant_id text COLLATE "C" NOT NULL
  DEFAULT 'a1b2c3d4-0000-4000-8000-00000000c0de';
ALTER TABLE mobile_app_install_statuses ADD COLUMN tenant_id text COLLATE "C" NOT NULL
  DEFAULT 'a1b2c3d4-0000-4000-8000-00000000c0de';
-- The default only fills the existing rows: every new row names its tenant.
ALTER TABLE mobile_apps ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE user_app_install_statuses ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE mobile_app_install_statuses ALTER COLUMN tenant_id DROP DEFAULT;

ALTER TABLE mobile_app_install_statuses DROP CONSTRAINT mobile_app_install_statuses_pkey;
ALTER TABLE user_app_install_statuses DROP CONSTRAINT user_app_install_statuses_pkey;
ALTER TABLE mobile_apps DROP CONSTRAINT mobile_apps_pkey;

ALTER TABLE mobile_apps ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE user_app_install_statuses ADD PRIMARY KEY (tenant_id, mobile_app_id, id);
ALTER TABLE user_app_install_statuses ADD FOREIGN KEY (tenant_id, mobile_app_id)
  REFERENCES mobile_apps (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE mobile_app_install_statuses ADD PRIMARY KEY (tenant_id, mobile_app_id, user_status_id, id);
ALTER TABLE mobile_app_install_statuses ADD FOREIGN KEY (tenant_id, mobile_app_id, user_status_id)
  REFERENCES user_app_install_statuses (tenant_id, mobile_app_id, id) ON DELETE CASCADE;

CREATE INDEX user_statuses_by_user_name
  ON user_app_install_statuses (tenant_id, mobile_app_id, user_name NULLS FIRST, id NULLS FIRST);

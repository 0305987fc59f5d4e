-- App registrations of the Entra-shaped token endpoint (graph-intune client add). Keyed by tenant first,
-- as every tenant-owned table is; the secret is stored only as its hash.
CREATE TABLE client_registrations (
  tenant_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  display_name text NOT NULL,
  roles jsonb NOT NULL,
  secret_hash text NOT NULL,
  certificate text,
  created_date_time timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, client_id)
);

-- App registrations of the Entra-shaped token endpoint (graph-intune client add). Keyed by tenant first,
-- as every tenant-owned table is; the secret is stored only as its hash.
CREATE TABLE client_registrations (
  tenant_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL, -- JSON array of application permissions
  secret_hash TEXT NOT NULL,
  certificate TEXT,
  created_date_time TEXT NOT NULL,
  PRIMARY KEY (tenant_id, client_id)
);

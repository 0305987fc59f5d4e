// A PostgreSQL schema removed with everything in it: the benchmark's and the tests' stores each live in a schema
// of their own on a shared server, dropped when they are done.
import pg from "pg";

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

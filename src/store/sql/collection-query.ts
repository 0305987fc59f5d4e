// The SQL of a collection page and count, shared by the adapters: scope (the parent keys), $filter,
// keyset position, ORDER BY with the id tie-break, LIMIT/OFFSET. Each adapter brings its dialect.

import type { FilterNode } from "../../model/filter-tree.ts";
import type { ListQuery, Page } from "../../model/list-query.ts";
import { filterToSql, type SqlDialect } from "./filter-sql.ts";
import { afterCondition, type OrderColumn, orderByClause } from "./keyset.ts";
import type { Row } from "./rows.ts";

/** One table's collection, scoped to its parent (e.g. one app's statuses). */
export interface Collection {
  table: string;
  /** Parent key columns, equal to the scope values of each query. */
  scope: string[];
  /** The columns a page selects (an adapter may format some, e.g. timestamps). */
  select: string;
  dialect: SqlDialect;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

function bind(dialect: SqlDialect, params: unknown[], value: unknown): string {
  params.push(value);
  return dialect.placeholder(params.length);
}

function conditions(collection: Collection, scopeValues: string[], filter: FilterNode | undefined, params: unknown[]) {
  const parts = collection.scope.map((column, i) => `${column} = ${bind(collection.dialect, params, scopeValues[i])}`);
  if (filter) parts.push(`(${filterToSql(filter, collection.dialect, params)})`);
  return parts;
}

const whereClause = (parts: string[]) => (parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "");

/**
 * The sort keys of a query: its $orderby up to `id`, which is unique, so keys after it could not
 * reorder anything; and `id` ascending at the end when $orderby does not name it, to make the order total.
 */
function sortKeys(collection: Collection, query: ListQuery): OrderColumn[] {
  const keys: OrderColumn[] = [];
  for (const key of query.orderBy) {
    keys.push({ column: collection.dialect.column(key.property), descending: key.descending });
    if (key.property.name === "id") return keys;
  }
  keys.push({
    column: collection.dialect.column({ name: "id", type: "Edm.String", nullable: false }),
    descending: false,
  });
  return keys;
}

/** One more row than the page holds is fetched, to know whether another page follows. */
export function pageQuery(collection: Collection, scopeValues: string[], query: ListQuery): SqlQuery {
  const params: unknown[] = [];
  const keys = sortKeys(collection, query);
  const parts = conditions(collection, scopeValues, query.filter, params);
  if (query.after) parts.push(afterCondition(keys, query.after, (value) => bind(collection.dialect, params, value)));
  const cursor = keys.map((key, i) => `${key.column} AS cursor_${i}`).join(", ");
  const limit = bind(collection.dialect, params, query.limit + 1);
  const offset = bind(collection.dialect, params, query.skip);
  return {
    sql: `SELECT ${collection.select}, ${cursor} FROM ${collection.table} ${whereClause(parts)}
          ORDER BY ${orderByClause(keys)} LIMIT ${limit} OFFSET ${offset}`,
    params,
  };
}

export function countQuery(collection: Collection, scopeValues: string[], filter: FilterNode | undefined): SqlQuery {
  const params: unknown[] = [];
  const where = whereClause(conditions(collection, scopeValues, filter, params));
  return { sql: `SELECT count(*) AS n FROM ${collection.table} ${where}`, params };
}

/** The page of `limit` rows, with the keyset position of its last row when more follow. */
export function pageOf<T>(rows: Row[], limit: number, map: (row: Row) => T): Page<T> {
  // $top=0: an empty page, with no position to continue from (a next link would never advance).
  if (limit === 0) return { items: [] };
  if (rows.length <= limit) return { items: rows.map(map) };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1] as Row;
  const cursorColumns = Object.keys(last).filter((key) => key.startsWith("cursor_"));
  return { items: page.map(map), nextCursor: cursorColumns.map((key) => last[key]) };
}

// Keyset paging in SQL, shared by the adapters: the ORDER BY of a page and the condition "after the
// last item of the previous page". NULL sorts as the smallest value in both directions (NULLS FIRST
// ascending, NULLS LAST descending), and `id` breaks ties, so the order is total and a walk over all
// pages sees every item that exists throughout it exactly once, however deep the page.

export interface OrderColumn {
  /** A SQL expression from the adapter's own column map, never client text. */
  column: string;
  descending: boolean;
}

export function orderByClause(keys: OrderColumn[]): string {
  return keys.map((k) => `${k.column} ${k.descending ? "DESC NULLS LAST" : "ASC NULLS FIRST"}`).join(", ");
}

/**
 * (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …, where `bind` adds a parameter and returns its
 * placeholder. Called left to right, so positional placeholders line up with the SQL text.
 */
export function afterCondition(keys: OrderColumn[], values: unknown[], bind: (value: unknown) => string): string {
  const alternatives: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as OrderColumn;
    // Descending, nothing comes after NULL (NULLS LAST): no alternative, and no parameters bound for one.
    if (key.descending && values[i] === null) continue;
    const parts: string[] = [];
    for (let j = 0; j < i; j++) parts.push(equalTo(keys[j] as OrderColumn, values[j], bind));
    parts.push(after(key, values[i], bind));
    alternatives.push(`(${parts.join(" AND ")})`);
  }
  return alternatives.length === 0 ? "1 = 0" : `(${alternatives.join(" OR ")})`;
}

function equalTo(key: OrderColumn, value: unknown, bind: (value: unknown) => string): string {
  return value === null ? `${key.column} IS NULL` : `${key.column} = ${bind(value)}`;
}

/** Items after `value` in this key's direction (never called for NULL descending: nothing follows it). */
function after(key: OrderColumn, value: unknown, bind: (value: unknown) => string): string {
  if (key.descending) return `(${key.column} < ${bind(value)} OR ${key.column} IS NULL)`;
  return value === null ? `${key.column} IS NOT NULL` : `${key.column} > ${bind(value)}`;
}

// Compiles a bound $filter (model/filter-tree.ts) to a parameterised SQL condition. The SQL text holds only the
// dialect's column expressions, placeholders and fixed keywords; every literal travels as a parameter.
//
// OData filters are two-valued: `userName ne 'a'` holds for a row whose userName is null, and so does
// `not (userName eq 'a')`. SQL's three-valued logic would drop both rows, so every predicate compiled here is
// TRUE or FALSE, never NULL: comparisons on nullable columns carry an explicit IS NULL / IS NOT NULL guard.
import type { PropertyModel } from "../../model/entity-model.ts";
import type { ComparisonOperator, FilterNode, FilterValue } from "../../model/filter-tree.ts";

/** What differs between the SQL engines a store runs on. Column expressions are the adapter's, never user text. */
export interface SqlDialect {
  /** The SQL expression for a property's column (an identifier or another expression that binds as tightly). */
  column(property: PropertyModel): string;
  /** The placeholder for the parameter at this 1-based position: "?" for SQLite, "$1" for PostgreSQL. */
  placeholder(index: number): string;
  /** A TRUE/FALSE condition: a non-null column starts with, ends with, contains the parameter (case-sensitive). */
  startsWith(column: string, param: string): string;
  endsWith(column: string, param: string): string;
  contains(column: string, param: string): string;
  /** The parameter value for a Boolean: 1/0 for SQLite, true/false for PostgreSQL. */
  boolean(value: boolean): unknown;
}

const SQL_OPERATORS: Record<ComparisonOperator, string> = {
  eq: "=",
  ne: "<>",
  gt: ">",
  ge: ">=",
  lt: "<",
  le: "<=",
};

/**
 * Appends the filter's parameters to `params` (after any the caller pushed already: placeholders are numbered
 * from `params.length`) and answers the SQL condition. For positional placeholders ("?"), put the condition in
 * the statement after the caller's earlier parameters and before any later ones.
 */
export function filterToSql(node: FilterNode, dialect: SqlDialect, params: unknown[]): string {
  switch (node.kind) {
    case "and":
    case "or":
      return `(${node.operands.map((operand) => filterToSql(operand, dialect, params)).join(node.kind === "and" ? " AND " : " OR ")})`;
    case "not":
      return `NOT ${filterToSql(node.operand, dialect, params)}`;
    case "compare":
      return compare(node.property, node.operator, node.value, dialect, params);
    case "in":
      return inList(node.property, node.values, dialect, params);
    case "function": {
      const column = dialect.column(node.property);
      const test = dialect[functionMethod[node.name]](column, bind(node.property, node.value, dialect, params));
      return guardNull(node.property, column, `(${test})`);
    }
    case "booleanProperty": {
      const column = dialect.column(node.property);
      return guardNull(node.property, column, `${column} = ${bind(node.property, true, dialect, params)}`);
    }
  }
}

const functionMethod = { startswith: "startsWith", endswith: "endsWith", contains: "contains" } as const;

/** Pushes a literal as the next parameter and answers its placeholder. */
function bind(property: PropertyModel, value: FilterValue, dialect: SqlDialect, params: unknown[]): string {
  params.push(property.type === "Edm.Boolean" && typeof value === "boolean" ? dialect.boolean(value) : value);
  return dialect.placeholder(params.length);
}

/** `column <op> ?` is NULL when the column is; `column IS NOT NULL AND …` makes that FALSE. */
function guardNull(property: PropertyModel, column: string, condition: string): string {
  return property.nullable ? `(${column} IS NOT NULL AND ${condition})` : `(${condition})`;
}

function compare(
  property: PropertyModel,
  operator: ComparisonOperator,
  value: FilterValue,
  dialect: SqlDialect,
  params: unknown[],
): string {
  const column = dialect.column(property);
  if (value === null) {
    if (operator === "eq") return `(${column} IS NULL)`;
    if (operator === "ne") return `(${column} IS NOT NULL)`;
    throw new TypeError(`A $filter comparison '${operator}' with null has no meaning; the parser rejects it.`);
  }
  const condition = `${column} ${SQL_OPERATORS[operator]} ${bind(property, value, dialect, params)}`;
  // null ne 'a' is true in OData
  if (operator === "ne" && property.nullable) return `(${column} IS NULL OR ${condition})`;
  return guardNull(property, column, condition);
}

function inList(
  property: PropertyModel,
  values: readonly FilterValue[],
  dialect: SqlDialect,
  params: unknown[],
): string {
  const column = dialect.column(property);
  const present = values.filter((value) => value !== null);
  const alternatives: string[] = [];
  if (present.length > 0) {
    const placeholders = present.map((value) => bind(property, value, dialect, params)).join(", ");
    alternatives.push(guardNull(property, column, `${column} IN (${placeholders})`));
  }
  if (present.length < values.length) alternatives.push(`${column} IS NULL`);
  return `(${alternatives.join(" OR ")})`;
}

function columnOf(columns: Readonly<Record<string, string>>, property: PropertyModel): string {
  // hasOwn: a model property named like an Object.prototype member must not find one.
  const column = Object.hasOwn(columns, property.name) ? columns[property.name] : undefined;
  if (column === undefined) throw new Error(`No column is mapped for the $filter property '${property.name}'.`);
  return column;
}

/**
 * SQLite, given property name → column expression. Its LIKE ignores ASCII case and its placeholders are
 * positional (better-sqlite3 binds no numbered ones), so the string tests use instr/substr and each names its
 * parameter once. DateTimeOffset columns hold `toISOString()` text, which orders as the instants do.
 */
export function sqliteDialect(columns: Readonly<Record<string, string>>): SqlDialect {
  return {
    column: (property) => columnOf(columns, property),
    placeholder: () => "?",
    startsWith: (column, param) => `instr(${column}, ${param}) = 1`,
    // The suffix is needed twice, so a one-row subquery names it; '' ends every string (substr past the end is '').
    endsWith: (column, param) =>
      `(SELECT substr(${column}, length(${column}) - length(odata_suffix) + 1) = odata_suffix FROM (SELECT ${param} AS odata_suffix))`,
    contains: (column, param) => `instr(${column}, ${param}) > 0`,
    boolean: (value) => (value ? 1 : 0),
  };
}

/**
 * PostgreSQL, given property name → column expression. A DateTimeOffset travels as its ISO text and takes the
 * timestamptz type of the column it is compared with.
 */
export function postgresDialect(columns: Readonly<Record<string, string>>): SqlDialect {
  return {
    column: (property) => columnOf(columns, property),
    placeholder: (index) => `$${index}`,
    startsWith: (column, param) => `starts_with(${column}, ${param})`,
    endsWith: (column, param) => `right(${column}, length(${param}::text)) = ${param}`,
    contains: (column, param) => `strpos(${column}, ${param}) > 0`,
    boolean: (value) => value,
  };
}

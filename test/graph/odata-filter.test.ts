// $filter end to end: parse against the entity model, compile to SQL, run it on a real SQLite table of fixed rows,
// and compare the ids that come back with the ids OData's semantics select. Invalid filters answer OData's 400s.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphError } from "../../src/graph/errors/error-catalogue.ts";
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from "../../src/graph/odata/filter-parser.ts";
import {
  type EntityModel,
  mobileAppInstallStatusModel,
  mobileAppModel,
  type PropertyModel,
  userAppInstallStatusModel,
} from "../../src/model/entity-model.ts";
import type { FilterNode } from "../../src/model/filter-tree.ts";
import { filterToSql, postgresDialect, sqliteDialect } from "../../src/store/sql/filter-sql.ts";

// ─── Fixed data sets ─────────────────────────────────────────────────────────────────────────────────────────

const userStatusColumns = {
  id: "id",
  userName: "user_name",
  userPrincipalName: "user_principal_name",
  installedDeviceCount: "installed_device_count",
  failedDeviceCount: "failed_device_count",
  notInstalledDeviceCount: "not_installed_device_count",
};

// id, userName, userPrincipalName, installedDeviceCount, failedDeviceCount, notInstalledDeviceCount
const userStatuses: Array<[string, string | null, string | null, number, number, number]> = [
  ["u01", "Alice", "alice@contoso.com", 4, 1, 7],
  ["u02", "alice", "alice.b@contoso.com", 0, 0, 0],
  ["u03", "ALICE SMITH", "asmith@Contoso.com", 10, 2, 0],
  ["u04", "O'Brien", "obrien@contoso.com", 2147483647, 0, 1],
  ["u05", "Bob", null, -2147483648, 5, 2],
  ["u06", null, "noname@contoso.com", 1, 1, 1],
  ["u07", null, null, 0, 3, 0],
  ["u08", "", "empty@contoso.com", -1, 0, 0],
  ["u09", "x' OR 1=1 --", "sql@contoso.com", 5, 0, 0],
  ["u10", "Zoë", "zoe@contoso.com", 3, 2, 1],
  ["u11", "100% _done_", "pct@contoso.com", 7, 0, 3],
  ["u12", "Bob", "bob2@contoso.com", 4, 4, 4],
];
const allUserIds = userStatuses.map(([id]) => id);
const except = (...ids: string[]) => allUserIds.filter((id) => !ids.includes(id));

const deviceStatusColumns = {
  id: "id",
  lastSyncDateTime: "last_sync_date_time",
  installState: "install_state",
  installStateDetail: "install_state_detail",
  errorCode: "error_code",
};

// id, lastSyncDateTime, installState, installStateDetail, errorCode (enums stored as their underlying values,
// DateTimeOffsets in the stored form: UTC, 7 fractional digits)
const deviceStatuses: Array<[string, string, number, number, number]> = [
  ["d1", "2024-05-01T10:00:00.0000000Z", 1, 0, 0], // installed, noAdditionalDetails
  ["d2", "2024-05-01T10:00:00.5000000Z", 2, 2000, -2016345060], // failed, seeInstallErrorCode
  ["d3", "2024-04-30T23:59:59.9990000Z", -1, -1006, 0], // notApplicable, platformNotApplicable
  ["d4", "2024-05-02T00:00:00.0000000Z", 5, 5002, 0], // pendingInstall, contentDownloaded
  ["d5", "2023-12-31T22:00:00.0000000Z", 99, 0, 1], // unknown, noAdditionalDetails
  ["d6", "2024-05-01T08:00:00.0000000Z", 1, 3, 0], // installed, dependencyPendingReboot
];

const appColumns = { id: "id", useManagedBrowser: "use_managed_browser", publishingState: "publishing_state" };

// id, useManagedBrowser (nullable: null on the types that do not declare it), publishingState (an enum)
const apps: Array<[string, number | null, number]> = [
  ["a1", 1, 2], // managed browser, published
  ["a2", 0, 0], // no managed browser, notPublished
  ["a3", null, 1], // not a webApp, processing
];

let db: Database.Database;
beforeAll(() => {
  db = new Database(":memory:");
  db.exec(`
    CREATE TABLE user_statuses (
      id TEXT PRIMARY KEY, user_name TEXT, user_principal_name TEXT, installed_device_count INTEGER NOT NULL,
      failed_device_count INTEGER NOT NULL, not_installed_device_count INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE device_statuses (
      id TEXT PRIMARY KEY, last_sync_date_time TEXT NOT NULL, install_state INTEGER NOT NULL,
      install_state_detail INTEGER NOT NULL, error_code INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE apps (id TEXT PRIMARY KEY, use_managed_browser INTEGER, publishing_state INTEGER NOT NULL) STRICT;
  `);
  const insertUser = db.prepare("INSERT INTO user_statuses VALUES (?, ?, ?, ?, ?, ?)");
  for (const row of userStatuses) insertUser.run(...row);
  const insertDevice = db.prepare("INSERT INTO device_statuses VALUES (?, ?, ?, ?, ?)");
  for (const row of deviceStatuses) insertDevice.run(...row);
  const insertApp = db.prepare("INSERT INTO apps VALUES (?, ?, ?)");
  for (const row of apps) insertApp.run(...row);
});
afterAll(() => db.close());

interface Table {
  name: string;
  model: EntityModel;
  columns: Record<string, string>;
}
const userStatusTable: Table = { name: "user_statuses", model: userAppInstallStatusModel, columns: userStatusColumns };
const deviceStatusTable: Table = {
  name: "device_statuses",
  model: mobileAppInstallStatusModel,
  columns: deviceStatusColumns,
};
const appTable: Table = { name: "apps", model: mobileAppModel, columns: appColumns };

function compile(table: Table, filter: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = filterToSql(parseFilter(filter, table.model), sqliteDialect(table.columns), params);
  return { sql, params };
}

function select(table: Table, filter: string): string[] {
  const { sql, params } = compile(table, filter);
  const rows = db.prepare(`SELECT id FROM ${table.name} WHERE ${sql} ORDER BY id`).all(...params) as { id: string }[];
  return rows.map((row) => row.id);
}

/** The 400 a filter answers, or a failure when it parses. */
function errorOf(filter: string, model: EntityModel = userAppInstallStatusModel): GraphError {
  try {
    parseFilter(filter, model);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error(`'${filter}' parsed`);
}

// ─── Valid filters ───────────────────────────────────────────────────────────────────────────────────────────

const userStatusCases: Array<[string, string[]]> = [
  // eq / ne on strings: case-sensitive, null rows are "not equal"
  ["userName eq 'Alice'", ["u01"]],
  ["userName eq 'alice'", ["u02"]],
  ["userName eq 'Zoë'", ["u10"]],
  ["userName eq ''", ["u08"]],
  ["id eq 'u03'", ["u03"]],
  ["userName ne 'Alice'", except("u01")],
  ["userName eq null", ["u06", "u07"]],
  ["userName ne null", except("u06", "u07")],
  ["null eq userName", ["u06", "u07"]],
  ["userPrincipalName eq null and userName ne null", ["u05"]],
  // '' escapes a quote; SQL in a literal is only text
  ["userName eq 'O''Brien'", ["u04"]],
  ["userName eq 'x'' OR 1=1 --'", ["u09"]],
  ["contains(userName, '''')", ["u04", "u09"]],
  // Int32, boundaries included
  ["installedDeviceCount eq 4", ["u01", "u12"]],
  ["installedDeviceCount ne 4", except("u01", "u12")],
  ["installedDeviceCount gt 4", ["u03", "u04", "u09", "u11"]],
  ["installedDeviceCount ge 4", ["u01", "u03", "u04", "u09", "u11", "u12"]],
  ["installedDeviceCount lt 0", ["u05", "u08"]],
  ["installedDeviceCount le 0", ["u02", "u05", "u07", "u08"]],
  ["installedDeviceCount eq 2147483647", ["u04"]],
  ["installedDeviceCount eq -2147483648", ["u05"]],
  ["installedDeviceCount lt -2147483647", ["u05"]],
  ["installedDeviceCount eq -0", ["u02", "u07"]],
  // a literal on the left turns the operator round
  ["4 lt installedDeviceCount", ["u03", "u04", "u09", "u11"]],
  ["-1 ge installedDeviceCount", ["u05", "u08"]],
  ["0 eq failedDeviceCount", ["u02", "u04", "u08", "u09", "u11"]],
  // string ordering is by code point; a null is neither greater nor less
  ["userName gt 'a'", ["u02", "u09"]],
  ["not (userName gt 'a')", except("u02", "u09")],
  ["userName le 'B'", ["u01", "u03", "u08", "u11"]],
  // not: two-valued over nulls
  ["not (userName eq 'Bob')", except("u05", "u12")],
  ["not (userName ne null)", ["u06", "u07"]],
  ["not not (userName eq 'Bob')", ["u05", "u12"]],
  // precedence: or < and < not < comparison
  ["userName eq 'Bob' or userName eq 'Alice' and installedDeviceCount eq 0", ["u05", "u12"]],
  ["(userName eq 'Bob' or userName eq 'Alice') and installedDeviceCount eq 4", ["u01", "u12"]],
  ["not userName eq 'Bob' and installedDeviceCount eq 4", ["u01"]],
  ["not installedDeviceCount gt 0 or userName eq 'Zoë'", ["u02", "u05", "u07", "u08", "u10"]],
  [
    "installedDeviceCount gt 0 and failedDeviceCount gt 0 and notInstalledDeviceCount gt 0",
    ["u01", "u06", "u10", "u12"],
  ],
  ["userName eq 'Bob' and (installedDeviceCount lt 0 or failedDeviceCount eq 4)", ["u05", "u12"]],
  // parentheses, whitespace
  ["((((installedDeviceCount eq 0))))", ["u02", "u07"]],
  ["(userName) eq 'Bob'", ["u05", "u12"]],
  ["  userName   eq\t'Bob'  ", ["u05", "u12"]],
  // in
  ["userName in ('Alice', 'Bob')", ["u01", "u05", "u12"]],
  ["userName in ('Alice',null)", ["u01", "u06", "u07"]],
  ["not (userName in ('Alice', 'Bob'))", except("u01", "u05", "u12")],
  ["installedDeviceCount in (0, -1, 2147483647)", ["u02", "u04", "u07", "u08"]],
  // string functions: case-sensitive, no wildcards, '' matches every non-null value
  ["startswith(userName, 'Al')", ["u01"]],
  ["startswith(userName, 'A')", ["u01", "u03"]],
  ["startswith(userName, '')", except("u06", "u07")],
  ["endswith(userName, 'ice')", ["u01", "u02"]],
  ["endswith(userName, 'ë')", ["u10"]],
  ["endswith(userName, '')", except("u06", "u07")],
  ["endswith(userName, 'xAlice')", []],
  ["contains(userName, 'lic')", ["u01", "u02"]],
  ["contains(userName, '%')", ["u11"]],
  ["contains(userName, '_')", ["u11"]],
  ["not contains(userName, 'o')", except("u05", "u10", "u11", "u12")],
  ["startswith(userName, 'B') eq true", ["u05", "u12"]],
  ["startswith(userName, 'B') eq false", except("u05", "u12")],
  ["true ne endswith(userPrincipalName, '@contoso.com')", ["u03", "u05", "u07"]],
];

const deviceStatusCases: Array<[string, string[]]> = [
  ["lastSyncDateTime eq 2024-05-01T10:00:00Z", ["d1"]],
  ["lastSyncDateTime eq 2024-05-01T12:00:00+02:00", ["d1"]],
  ["lastSyncDateTime gt 2024-05-01T10:00:00Z", ["d2", "d4"]],
  ["lastSyncDateTime ge 2024-05-01T10:00:00.000Z", ["d1", "d2", "d4"]],
  ["lastSyncDateTime lt 2024-05-01T00:00:00+00:00", ["d3", "d5"]],
  ["lastSyncDateTime lt 2024-05-01T10:00:00.5Z", ["d1", "d3", "d5", "d6"]],
  ["lastSyncDateTime le 2024-05-01T02:00-08:00", ["d1", "d3", "d5", "d6"]],
  ["lastSyncDateTime ge 2024-01-01T00:00:00+02:00", ["d1", "d2", "d3", "d4", "d5", "d6"]],
  ["2024-05-01T09:00:00Z gt lastSyncDateTime", ["d3", "d5", "d6"]],
  ["lastSyncDateTime in (2024-05-02T00:00:00Z, 2023-12-31T22:00:00Z)", ["d4", "d5"]],
  ["installState eq microsoft.graph.resultantAppState'installed'", ["d1", "d6"]],
  ["installState eq 'installed'", ["d1", "d6"]],
  ["installState ne 'installed'", ["d2", "d3", "d4", "d5"]],
  ["installState eq 'notApplicable'", ["d3"]],
  ["installState gt 'installed'", ["d2", "d4", "d5"]],
  ["installState in ('failed', microsoft.graph.resultantAppState'unknown')", ["d2", "d5"]],
  ["installStateDetail eq microsoft.graph.resultantAppStateDetail'platformNotApplicable'", ["d3"]],
  ["installStateDetail lt 'noAdditionalDetails'", ["d3"]],
  ["errorCode ne 0", ["d2", "d5"]],
  ["errorCode lt 0 or installState eq 'unknown'", ["d2", "d5"]],
  ["not (installState eq 'installed') and lastSyncDateTime lt 2024-05-02T00:00:00Z", ["d2", "d3", "d5"]],
];

const appCases: Array<[string, string[]]> = [
  ["useManagedBrowser", ["a1"]],
  ["not useManagedBrowser", ["a2", "a3"]],
  ["useManagedBrowser eq true", ["a1"]],
  ["useManagedBrowser eq false", ["a2"]],
  ["useManagedBrowser ne true", ["a2", "a3"]],
  ["useManagedBrowser eq null", ["a3"]],
  ["useManagedBrowser in (false, null)", ["a2", "a3"]],
  ["useManagedBrowser and publishingState eq 'published'", ["a1"]],
  ["publishingState ne 'published'", ["a2", "a3"]],
  ["publishingState in ('published', 'processing')", ["a1", "a3"]],
];

// Everything a compiled condition may contain besides the adapter's column names: fixed SQL and placeholders.
const SQL_VOCABULARY =
  /\b(?:AND|OR|NOT|IS|NULL|IN|SELECT|FROM|AS|instr|substr|length|odata_suffix)\b|[?()=<>,+\-\s]|\b[01]\b/g;

function userTextLeftIn(sql: string, columns: Record<string, string>): string {
  const columnNames = new RegExp(`\\b(?:${Object.values(columns).join("|")})\\b`, "g");
  return sql.replace(columnNames, "").replace(SQL_VOCABULARY, "");
}

describe("filterToSql on SQLite", () => {
  const tables: Array<[string, Table, Array<[string, string[]]>]> = [
    ["userAppInstallStatus", userStatusTable, userStatusCases],
    ["mobileAppInstallStatus", deviceStatusTable, deviceStatusCases],
    ["mobileApp", appTable, appCases],
  ];
  for (const [typeName, table, cases] of tables) {
    describe(`on ${typeName} rows`, () => {
      it.each(cases)("selects exactly the rows OData selects for %s", (filter, ids) => {
        expect(select(table, filter)).toEqual(ids);
      });

      it.each(cases)("keeps every literal of %s out of the SQL text", (filter) => {
        const { sql, params } = compile(table, filter);
        expect(userTextLeftIn(sql, table.columns)).toBe("");
        expect(sql.split("?").length - 1).toBe(params.length);
      });
    });
  }

  it("matches SQL-looking text literally, as one parameter, without changing the statement", () => {
    const { sql, params } = compile(userStatusTable, "userName eq 'x'' OR 1=1 --'");
    expect(sql).toBe("(user_name IS NOT NULL AND user_name = ?)");
    expect(params).toEqual(["x' OR 1=1 --"]);
    expect(compile(userStatusTable, "userName eq 'plain'").sql).toBe(sql);
    expect(select(userStatusTable, "userName eq '''; DROP TABLE user_statuses; --'")).toEqual([]);
    expect(select(userStatusTable, "installedDeviceCount ge -2147483648")).toEqual(allUserIds);
  });

  it("compiles ne on a nullable column to keep the null rows, and on a non-nullable one to a plain <>", () => {
    expect(compile(userStatusTable, "userName ne 'a'").sql).toBe("(user_name IS NULL OR user_name <> ?)");
    expect(compile(userStatusTable, "failedDeviceCount ne 1").sql).toBe("(failed_device_count <> ?)");
  });

  it("binds Booleans as 1/0, enums as their values and DateTimeOffsets as ISO text", () => {
    expect(compile(appTable, "useManagedBrowser eq false").params).toEqual([0]);
    expect(compile(appTable, "useManagedBrowser").params).toEqual([1]);
    expect(compile(deviceStatusTable, "installState eq 'pendingInstall'").params).toEqual([5]);
    expect(compile(deviceStatusTable, "lastSyncDateTime gt 2024-05-01T12:00:00+02:00").params).toEqual([
      "2024-05-01T10:00:00.0000000Z",
    ]);
  });

  it("numbers nothing and fails loudly for a property the column map lacks", () => {
    const node = parseFilter("userName eq 'a'", userAppInstallStatusModel);
    expect(() => filterToSql(node, sqliteDialect({ id: "id" }), [])).toThrow(/No column is mapped.*'userName'/);
  });
});

describe("postgresDialect", () => {
  const pg = postgresDialect(userStatusColumns);
  const compilePg = (filter: string, params: unknown[] = []) => ({
    sql: filterToSql(parseFilter(filter, userAppInstallStatusModel), pg, params),
    params,
  });

  it("numbers placeholders after the parameters the caller already holds", () => {
    expect(compilePg("startswith(userName, 'a') and installedDeviceCount gt 4", ["app-1"])).toEqual({
      sql: "((user_name IS NOT NULL AND (starts_with(user_name, $2))) AND (installed_device_count > $3))",
      params: ["app-1", "a", 4],
    });
  });

  it("tests suffixes and substrings case-sensitively, with each literal passed once", () => {
    expect(compilePg("endswith(userName, 'ice')")).toEqual({
      sql: "(user_name IS NOT NULL AND (right(user_name, length($1::text)) = $1))",
      params: ["ice"],
    });
    expect(compilePg("contains(userPrincipalName, '@')").sql).toBe(
      "(user_principal_name IS NOT NULL AND (strpos(user_principal_name, $1) > 0))",
    );
  });

  it("keeps null rows under ne, not and in (…, null)", () => {
    expect(compilePg("userName ne 'a' or not (userName eq 'b')").sql).toBe(
      "((user_name IS NULL OR user_name <> $1) OR NOT (user_name IS NOT NULL AND user_name = $2))",
    );
    expect(compilePg("userName in ('a', null, 'b')")).toEqual({
      sql: "((user_name IS NOT NULL AND user_name IN ($1, $2)) OR user_name IS NULL)",
      params: ["a", "b"],
    });
  });

  it("binds Booleans as true/false and DateTimeOffsets as ISO text for the timestamptz column", () => {
    const params: unknown[] = [];
    const apps = postgresDialect({ useManagedBrowser: "use_managed_browser" });
    expect(filterToSql(parseFilter("not useManagedBrowser", mobileAppModel), apps, params)).toBe(
      "NOT (use_managed_browser IS NOT NULL AND use_managed_browser = $1)",
    );
    expect(params).toEqual([true]);
    const devices = postgresDialect({ lastSyncDateTime: "last_sync_date_time" });
    const deviceParams: unknown[] = [];
    expect(
      filterToSql(
        parseFilter("lastSyncDateTime lt 2024-05-01T00:00Z", mobileAppInstallStatusModel),
        devices,
        deviceParams,
      ),
    ).toBe("(last_sync_date_time < $1)");
    expect(deviceParams).toEqual(["2024-05-01T00:00:00.0000000Z"]);
  });
});

// ─── The parsed tree ─────────────────────────────────────────────────────────────────────────────────────────

describe("parseFilter", () => {
  const property = (model: EntityModel, name: string): PropertyModel => {
    const found = model.properties.get(name);
    if (found === undefined) throw new Error(`${model.typeName} has no ${name}`);
    return found;
  };

  it("turns a literal on the left round to property-operator-literal", () => {
    expect(parseFilter("4 lt installedDeviceCount", userAppInstallStatusModel)).toEqual({
      kind: "compare",
      operator: "gt",
      property: property(userAppInstallStatusModel, "installedDeviceCount"),
      value: 4,
    });
  });

  it("gives enum literals, qualified or plain, the member's underlying value", () => {
    const expected = {
      kind: "compare",
      operator: "eq",
      property: property(mobileAppInstallStatusModel, "installStateDetail"),
      value: -1016,
    };
    expect(
      parseFilter(
        "installStateDetail eq microsoft.graph.resultantAppStateDetail'supersedingAppsNotApplicable'",
        mobileAppInstallStatusModel,
      ),
    ).toEqual(expected);
    expect(parseFilter("installStateDetail eq 'supersedingAppsNotApplicable'", mobileAppInstallStatusModel)).toEqual(
      expected,
    );
  });

  it("normalises DateTimeOffset literals to UTC with 100 ns (7 fractional digits, more dropped)", () => {
    const cases: Array<[string, string]> = [
      ["2024-05-01T12:00:00.1234567+02:00", "2024-05-01T10:00:00.1234567Z"],
      ["2024-05-01T12:00:00.123456789+02:00", "2024-05-01T10:00:00.1234567Z"],
      ["2024-05-01T00:30-01:00", "2024-05-01T01:30:00.0000000Z"],
      ["2024-02-29T23:59:59Z", "2024-02-29T23:59:59.0000000Z"],
      ["0099-01-01T00:00:00Z", "0099-01-01T00:00:00.0000000Z"],
    ];
    for (const [literal, iso] of cases) {
      const node = parseFilter(`lastSyncDateTime eq ${literal}`, mobileAppInstallStatusModel);
      expect(node).toMatchObject({ kind: "compare", value: iso });
    }
  });

  it("flattens chains of one logical operator, parenthesised or not", () => {
    const node = parseFilter(
      "installedDeviceCount eq 1 and (failedDeviceCount eq 2 and notInstalledDeviceCount eq 3) and userName eq null",
      userAppInstallStatusModel,
    );
    expect(node.kind).toBe("and");
    expect(node.kind === "and" && node.operands.map((operand) => operand.kind)).toEqual([
      "compare",
      "compare",
      "compare",
      "compare",
    ]);
  });

  it("reads a string function compared with false as its negation, and a Boolean property alone as a condition", () => {
    const startsWith: FilterNode = {
      kind: "function",
      name: "startswith",
      property: property(mobileAppModel, "displayName"),
      value: "Contoso",
    };
    expect(parseFilter("startswith(displayName,'Contoso') eq false", mobileAppModel)).toEqual({
      kind: "not",
      operand: startsWith,
    });
    expect(parseFilter("not isFeatured", mobileAppModel)).toEqual({
      kind: "not",
      operand: { kind: "booleanProperty", property: property(mobileAppModel, "isFeatured") },
    });
  });

  it("accepts nesting up to the depth limit", () => {
    const nested = `${"(".repeat(MAX_FILTER_DEPTH)}isFeatured${")".repeat(MAX_FILTER_DEPTH)}`;
    expect(parseFilter(nested, mobileAppModel)).toMatchObject({ kind: "booleanProperty" });
    expect(parseFilter(`${"not ".repeat(MAX_FILTER_DEPTH)}isFeatured`, mobileAppModel).kind).toBe("not");
  });
});

// ─── Invalid filters ─────────────────────────────────────────────────────────────────────────────────────────

const tooDeep = `${"(".repeat(MAX_FILTER_DEPTH + 1)}isFeatured${")".repeat(MAX_FILTER_DEPTH + 1)}`;
const tooLong = `userName eq '${"a".repeat(MAX_FILTER_LENGTH)}'`;

const invalid: Array<[string, string, EntityModel?]> = [
  // names
  ["x eq 1", "Could not find a property named 'x' on type 'microsoft.graph.userAppInstallStatus'."],
  ["UserName eq 'a'", "Could not find a property named 'UserName' on type 'microsoft.graph.userAppInstallStatus'."],
  [
    "installState eq 'installed'",
    "Could not find a property named 'installState' on type 'microsoft.graph.userAppInstallStatus'.",
  ],
  // syntax
  ["userName eq", "Syntax error at position 11 in 'userName eq'."],
  ["userName eq 'a' userName", "Syntax error at position 16 in 'userName eq 'a' userName'."],
  ["userName EQ 'a'", "Syntax error at position 9 in 'userName EQ 'a''."],
  ["(userName eq 'a'", "Syntax error at position 16 in '(userName eq 'a''."],
  ["userName eq 'a')", "Syntax error at position 15 in 'userName eq 'a')'."],
  ["userName eq 'a' and", "Syntax error at position 19 in 'userName eq 'a' and'."],
  ["userName eq 'a' eq 'b'", "Syntax error at position 16 in 'userName eq 'a' eq 'b''."],
  ["and", "Syntax error at position 0 in 'and'."],
  ["userName in 'a'", "Syntax error at position 12 in 'userName in 'a''."],
  ["userName in ()", "Syntax error at position 13 in 'userName in ()'."],
  ["installedDeviceCount eq 12abc", "Syntax error at position 24 in 'installedDeviceCount eq 12abc'."],
  ["userName eq 'a';", "Syntax error: character ';' is not valid at position 15 in 'userName eq 'a';'."],
  ['userName eq "a"', "Syntax error: character '\"' is not valid at position 12 in 'userName eq \"a\"'."],
  ["userName/length eq 1", "Syntax error: character '/' is not valid at position 8 in 'userName/length eq 1'."],
  ["userName eq 'abc", "There is an unterminated string literal at position 12 in 'userName eq 'abc'."],
  ["userName eq 'O''", "There is an unterminated string literal at position 12 in 'userName eq 'O'''."],
  ["", "The $filter expression is empty; it must evaluate to a single boolean value."],
  ["   ", "The $filter expression is empty; it must evaluate to a single boolean value."],
  // types
  [
    "installedDeviceCount eq 'a'",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'Equal'.",
  ],
  [
    "userName gt 5",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'GreaterThan'.",
  ],
  [
    "'a' le installedDeviceCount",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'LessThanOrEqual'.",
  ],
  [
    "userName in ('a', 1)",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'In'.",
  ],
  [
    "userName and installedDeviceCount eq 1",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Boolean' for operator kind 'And'.",
  ],
  [
    "startswith(userName, 'a') gt true",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.Boolean' for operator kind 'GreaterThan'.",
  ],
  [
    "not userName",
    "A unary operator with an incompatible type was detected. Found operand type 'Edm.String' for operator kind 'Not'.",
  ],
  ["userName", "The $filter expression must evaluate to a single boolean value."],
  ["true", "The literal 'true' cannot stand alone as a condition; compare a property with it."],
  [
    "installedDeviceCount gt failedDeviceCount",
    "Only comparisons between a property and a literal are supported; found 'installedDeviceCount gt failedDeviceCount'.",
  ],
  ["1 eq 1", "Only comparisons between a property and a literal are supported; found '1 eq 1'."],
  ["'a' in ('a')", "The operator 'in' needs a property on its left; found ''a''."],
  // Int32 range
  ["installedDeviceCount eq 2147483648", "Cannot convert the literal '2147483648' to the expected type 'Edm.Int32'."],
  ["installedDeviceCount lt -2147483649", "Cannot convert the literal '-2147483649' to the expected type 'Edm.Int32'."],
  ["installedDeviceCount eq 1.5", "Cannot convert the literal '1.5' to the expected type 'Edm.Int32'."],
  // null and Boolean ordering
  [
    "installedDeviceCount gt null",
    "The operator 'gt' cannot compare with null in 'installedDeviceCount gt null'; only eq and ne can.",
  ],
  ["null le userName", "The operator 'le' cannot compare with null in 'null le userName'; only eq and ne can."],
  [
    "isFeatured gt true",
    "The operator 'gt' cannot order Edm.Boolean values in 'isFeatured gt true'; only eq and ne can.",
    mobileAppModel,
  ],
  // functions
  [
    "foo(userName)",
    "An unknown function with name 'foo' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.",
  ],
  [
    "StartsWith(userName, 'a')",
    "An unknown function with name 'StartsWith' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.",
  ],
  [
    "tolower(userName) eq 'a'",
    "The function 'tolower' is not supported in $filter here; use startswith, endswith or contains.",
  ],
  [
    "startswith(installedDeviceCount, '1')",
    "No function signature for the function with name 'startswith' matches the specified arguments. The function signatures considered are: startswith(Edm.String Nullable=true, Edm.String Nullable=true).",
  ],
  [
    "contains(userName, 1)",
    "No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true).",
  ],
  [
    "endswith(userName)",
    "No function signature for the function with name 'endswith' matches the specified arguments. The function signatures considered are: endswith(Edm.String Nullable=true, Edm.String Nullable=true).",
  ],
  [
    "startswith('abc', userName)",
    "The function 'startswith' is supported with a string property first and a string literal second; found 'startswith('abc', userName)'.",
  ],
  // enums
  [
    "installState eq 'bogus'",
    "The string 'bogus' is not a valid enumeration type constant.",
    mobileAppInstallStatusModel,
  ],
  [
    "installState eq 'Installed'",
    "The string 'Installed' is not a valid enumeration type constant.",
    mobileAppInstallStatusModel,
  ],
  [
    "installState eq 'constructor'",
    "The string 'constructor' is not a valid enumeration type constant.",
    mobileAppInstallStatusModel,
  ],
  ["installState eq 1", "The string '1' is not a valid enumeration type constant.", mobileAppInstallStatusModel],
  [
    "installState eq microsoft.graph.resultantAppState'bogus'",
    "The string 'microsoft.graph.resultantAppState'bogus'' is not a valid enumeration type constant.",
    mobileAppInstallStatusModel,
  ],
  [
    "installState eq microsoft.graph.resultantAppStateDetail'pendingReboot'",
    "A binary operator with incompatible types was detected. Found operand types 'microsoft.graph.resultantAppState' and 'microsoft.graph.resultantAppStateDetail' for operator kind 'Equal'.",
    mobileAppInstallStatusModel,
  ],
  // DateTimeOffset
  [
    "lastSyncDateTime eq '2024-05-01T10:00:00Z'",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'Equal'.",
    mobileAppInstallStatusModel,
  ],
  [
    "lastSyncDateTime eq 2024-13-01T10:00:00Z",
    "The DateTimeOffset text '2024-13-01T10:00:00Z' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.",
    mobileAppInstallStatusModel,
  ],
  [
    "lastSyncDateTime eq 2023-02-29T10:00:00Z",
    "The DateTimeOffset text '2023-02-29T10:00:00Z' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.",
    mobileAppInstallStatusModel,
  ],
  [
    "lastSyncDateTime eq 2024-05-01",
    "The DateTimeOffset text '2024-05-01' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.",
    mobileAppInstallStatusModel,
  ],
  // hostile input
  [tooDeep, "Recursion depth exceeded allowed limit.", mobileAppModel],
  [`${"not ".repeat(MAX_FILTER_DEPTH + 1)}isFeatured`, "Recursion depth exceeded allowed limit.", mobileAppModel],
  [`${"startswith(".repeat(MAX_FILTER_DEPTH + 1)}`, "Recursion depth exceeded allowed limit."],
  [tooLong, `The $filter expression is longer than the limit of ${MAX_FILTER_LENGTH} characters.`],
];

describe("parseFilter rejects", () => {
  it.each(invalid)("%s with 400 BadRequest: %s", (filter, message, model) => {
    const error = errorOf(filter, model);
    expect(error.status).toBe(400);
    expect(error.code).toBe("BadRequest");
    expect(error.target).toBe("$filter");
    expect(error.message).toBe(message);
  });

  it("answers long pathological input with a tree or a 400, never a stack overflow", () => {
    const inputs = [
      "(".repeat(MAX_FILTER_LENGTH),
      "not ".repeat(MAX_FILTER_LENGTH / 4),
      "'".repeat(MAX_FILTER_LENGTH - 1),
      "1".repeat(MAX_FILTER_LENGTH),
      `${"2024-".repeat(800)}`,
      `userName in (${"'a',".repeat(800)}'a')`,
      Array.from({ length: 250 }, () => "isFeatured").join(" or "),
    ];
    for (const input of inputs) {
      expect(input.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
      try {
        parseFilter(input, input.includes("isFeatured") ? mobileAppModel : userAppInstallStatusModel);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphError);
        expect((error as GraphError).status).toBe(400);
      }
    }
  });
});

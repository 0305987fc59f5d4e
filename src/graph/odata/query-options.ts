// OData system query options of the collections: $top, $skip, $skiptoken, $filter, $orderby, $select,
// $expand, $count. The spec declares which operation takes which; this turns their text into what
// the store executes, answering 400 in OData's wording for anything it cannot honour.
import type { FastifyRequest } from "fastify";
import type { EntityModel, PropertyModel } from "../../model/entity-model.ts";
import type { FilterNode } from "../../model/filter-tree.ts";
import type { SortKey } from "../../model/list-query.ts";
import { GraphError } from "../errors/error-catalogue.ts";
import { STORABLE_TEXT_PATTERN } from "../schema-compilers.ts";
import { parseFilter } from "./filter-parser.ts";

/** Graph's page sizes: 100 unless $top says otherwise, at most 999; $top=0 asks for no items (a count alone). */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

export interface CollectionQuery {
  pageSize: number;
  skip: number;
  after: unknown[] | undefined;
  filter: FilterNode | undefined;
  orderBy: SortKey[];
  /** Property names to answer (id always included); undefined: all. */
  select: string[] | undefined;
  expand: Set<string>;
  count: boolean;
}

/** The query options after validation, as fastify hands them over (all optional). */
export interface QueryOptionValues {
  $top?: number;
  $skip?: number;
  $skiptoken?: string;
  $filter?: string;
  $orderby?: string;
  $select?: string;
  $expand?: string;
  $count?: boolean;
}

const invalid = (option: string, message: string): GraphError =>
  GraphError.of("badRequest", message).withTarget(option);

function propertyOf(model: EntityModel, name: string, option: string): PropertyModel {
  const property = model.properties.get(name);
  if (!property) {
    throw invalid(option, `Could not find a property named '${name}' on type '${model.typeName}'.`);
  }
  return property;
}

/** Splits a comma-separated option into trimmed items, refusing empty ones ("a,,b"). */
function items(text: string, option: string): string[] {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.some((part) => part === "")) throw invalid(option, `Syntax error: empty item in ${option} '${text}'.`);
  return parts;
}

export function parseOrderBy(text: string, model: EntityModel): SortKey[] {
  const keys: SortKey[] = [];
  for (const item of items(text, "$orderby")) {
    const match = /^(\S+)(?:\s+(asc|desc))?$/.exec(item);
    if (!match) throw invalid("$orderby", `Syntax error in $orderby at '${item}'.`);
    if (model.structured.has(match[1] as string)) {
      throw invalid("$orderby", "The $orderby expression must evaluate to a single value of primitive type.");
    }
    const property = propertyOf(model, match[1] as string, "$orderby");
    if (keys.some((key) => key.property === property)) {
      throw invalid("$orderby", `Duplicate property named '${property.name}' is not supported in '$orderby'.`);
    }
    keys.push({ property, descending: match[2] === "desc" });
  }
  return keys;
}

export function parseSelect(text: string, model: EntityModel, navigations: readonly string[] = []): string[] {
  const selected = new Set<string>();
  for (const name of items(text, "$select")) {
    if (name === "*") return [...model.properties.keys(), ...model.structured.keys()];
    if (!navigations.includes(name) && !model.structured.has(name)) propertyOf(model, name, "$select");
    selected.add(name);
  }
  return [...selected];
}

export function parseExpand(text: string, model: EntityModel, navigations: readonly string[]): Set<string> {
  const expanded = new Set<string>();
  for (const name of items(text, "$expand")) {
    if (name === "*") return new Set(navigations); // OData: every navigation property
    if (!navigations.includes(name)) {
      throw invalid(
        "$expand",
        `Could not find a navigation property named '${name}' on type '${model.typeName}'; it has ${navigations.join(", ")}.`,
      );
    }
    expanded.add(name);
  }
  return expanded;
}

/** $skiptoken: base64url JSON of the $orderby it was made for and the keyset position. */
interface SkipToken {
  o: string;
  v: unknown[];
}

export function encodeSkipToken(orderBy: string, position: unknown[]): string {
  return Buffer.from(JSON.stringify({ o: orderBy, v: position } satisfies SkipToken)).toString("base64url");
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const TEXT = new RegExp(STORABLE_TEXT_PATTERN, "u");
const DATE_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a keyset value could have come from a row for this key, in either store's representation. */
function fitsKey(value: unknown, property: PropertyModel): boolean {
  if (value === null) return property.nullable;
  switch (property.type) {
    case "Edm.String":
      return typeof value === "string" && TEXT.test(value);
    case "Edm.Boolean":
      return typeof value === "boolean" || value === 0 || value === 1;
    case "Edm.DateTimeOffset":
      return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
    default: // Edm.Int32 and enums, which the stores keep as their underlying Int32 values
      return typeof value === "number" && Number.isInteger(value) && value >= INT32.min && value <= INT32.max;
  }
}

/** A $skiptoken made by hand is refused here: its values reach the store as query parameters, and a value
 * of the wrong type would fail there (PostgreSQL refuses to compare an integer column with 'abc'). */
function decodeSkipToken(token: string, orderBy: string, keys: PropertyModel[]): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const candidate = decoded as Partial<SkipToken> | undefined;
  const valid =
    candidate !== null &&
    typeof candidate === "object" &&
    candidate.o === orderBy &&
    Array.isArray(candidate.v) &&
    candidate.v.length === keys.length &&
    candidate.v.every((value, i) => fitsKey(value, keys[i] as PropertyModel));
  if (!valid) {
    throw invalid("$skiptoken", "The $skiptoken is not valid for this query; take it from @odata.nextLink unchanged.");
  }
  return (candidate as SkipToken).v;
}

export function parseCollectionQuery(
  values: QueryOptionValues,
  model: EntityModel,
  navigations: readonly string[] = [],
): CollectionQuery {
  const orderByText = values.$orderby ?? "";
  const orderBy = values.$orderby === undefined ? [] : parseOrderBy(values.$orderby, model);
  // The keyset holds one value per sort key: $orderby up to id, or all of it plus the id tie-break.
  const idAt = orderBy.findIndex((key) => key.property.name === "id");
  const keys =
    idAt === -1
      ? [...orderBy.map((key) => key.property), propertyOf(model, "id", "$orderby")]
      : orderBy.slice(0, idAt + 1).map((key) => key.property);
  return {
    pageSize: values.$top ?? DEFAULT_PAGE_SIZE,
    skip: values.$skiptoken === undefined ? (values.$skip ?? 0) : 0,
    after: values.$skiptoken === undefined ? undefined : decodeSkipToken(values.$skiptoken, orderByText, keys),
    filter: values.$filter === undefined ? undefined : parseFilter(values.$filter, model),
    orderBy,
    select: values.$select === undefined ? undefined : parseSelect(values.$select, model, navigations),
    expand: values.$expand === undefined ? new Set() : parseExpand(values.$expand, model, navigations),
    count: values.$count === true,
  };
}

/** Writes a query option the way Graph's links do: `$top=5`, not `%24top=5`. */
function queryPart(key: string, value: string): string {
  return `${encodeURIComponent(key).replace(/^%24/, "$")}=${encodeURIComponent(value)}`;
}

/** The next page's URL: this request's URL with every option kept, $skip dropped and $skiptoken set. */
export function nextLink(request: FastifyRequest, origin: string, orderBy: string | undefined, position: unknown[]) {
  const [path, search = ""] = request.url.split("?", 2) as [string, string?];
  const kept = [...new URLSearchParams(search)]
    .filter(([key]) => !["$skip", "$skiptoken"].includes(optionName(key)))
    .map(([key, value]) => queryPart(key, value));
  kept.push(queryPart("$skiptoken", encodeSkipToken(orderBy ?? "", position)));
  return `${origin}${path}?${kept.join("&")}`;
}

/** A query option's canonical name: `$` added when missing and, as OData 4.01 says, any case (`$Top` is `$top`). */
const optionName = (key: string): string => `$${key.startsWith("$") ? key.slice(1).toLowerCase() : key.toLowerCase()}`;

/**
 * preValidation hook: as on Graph beta the `$` is optional, so `top=5` means `$top=5`, and option names are
 * case-insensitive (OData 4.01), so `$TOP=5` does too. An option this operation does not take, or one given
 * twice (in any of those spellings), is refused rather than silently ignored.
 */
export function normalizeQueryOptions(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) {
  const query = request.query as Record<string, unknown>;
  const keys = Object.keys(query);
  if (keys.length === 0) return done(); // most requests: nothing to check
  const schema = request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  const declared = new Set(Object.keys(schema?.properties ?? {}));
  const seen = new Set<string>();
  for (const key of keys) {
    const option = optionName(key);
    if (!key.startsWith("$") && !declared.has(option)) continue; // not an OData option: ignored, as Graph does
    if (!declared.has(option)) {
      return done(GraphError.of("badRequest", `The query parameter '${key}' is not supported.`).withTarget(key));
    }
    if (Array.isArray(query[key]) || seen.has(option)) {
      return done(
        GraphError.of(
          "badRequest",
          `Query option '${option}' was specified more than once, but it must be specified at most once.`,
        ).withTarget(option),
      );
    }
    // Ajv would coerce "0.0" or "1e2" to a number; an OData Int32 literal is digits.
    const type = (schema?.properties?.[option] as { type?: string } | undefined)?.type;
    if (type === "integer" && !/^-?\d+$/.test(String(query[key]))) {
      return done(GraphError.of("invalidParameter", option, "it must be a whole number").withTarget(option));
    }
    seen.add(option);
    if (option !== key) {
      query[option] = query[key];
      delete query[key];
    }
  }
  done();
}

// What every collection answer shares: the page's next link and count, and $select's narrowing.
import type { FastifyRequest } from "fastify";
import { originOf } from "../graph/odata/odata-context.ts";
import type { CollectionQuery, QueryOptionValues } from "../graph/odata/query-options.ts";
import { nextLink } from "../graph/odata/query-options.ts";
import type { ListQuery, Page } from "../model/list-query.ts";

export function listQueryOf(query: CollectionQuery): ListQuery {
  return { filter: query.filter, orderBy: query.orderBy, after: query.after, skip: query.skip, limit: query.pageSize };
}

/** `@odata.count` and `@odata.nextLink` of a page, as the collection response declares them. */
export function pageAnnotations(
  request: FastifyRequest,
  publicBaseUrl: string | undefined,
  options: QueryOptionValues,
  page: Page<unknown>,
  count: number | undefined,
): { "@odata.count"?: number; "@odata.nextLink"?: string } {
  return {
    ...(count === undefined ? {} : { "@odata.count": count }),
    ...(page.nextCursor
      ? { "@odata.nextLink": nextLink(request, originOf(request, publicBaseUrl), options.$orderby, page.nextCursor) }
      : {}),
  };
}

/** The entity narrowed to $select's properties; `@odata.*`, `id` and expanded navigations always stay. */
export function selected<T extends Record<string, unknown>>(
  entity: T,
  select: string[] | undefined,
  expanded: ReadonlySet<string> = new Set(),
): T {
  if (!select) return entity;
  const keep = new Set([...select, ...expanded, "id"]);
  return Object.fromEntries(Object.entries(entity).filter(([key]) => key.startsWith("@odata.") || keep.has(key))) as T;
}

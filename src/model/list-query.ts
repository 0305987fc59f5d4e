// What a collection request asks a store for, in terms of the entity model rather than OData's text:
// the Graph layer builds it from $filter/$orderby/$skip/$top/$skipToken, a store executes it.
import type { PropertyModel } from "./entity-model.ts";
import type { FilterNode } from "./filter-tree.ts";

export interface SortKey {
  property: PropertyModel;
  descending: boolean;
}

/** One page of a collection, executed by the store (filters and ordering in its query language). */
export interface ListQuery {
  filter?: FilterNode | undefined;
  /** Sort keys; the store breaks ties by `id` (ascending), so that the order is total. */
  orderBy: SortKey[];
  /** Keyset position from a previous page's `nextCursor`: the page starts after it. */
  after?: unknown[] | undefined;
  skip: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow: the keyset position after the last item. */
  nextCursor?: unknown[];
}

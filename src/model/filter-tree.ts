// A bound $filter expression: what the OData parser (graph/odata/filter-parser.ts) produces and a store
// executes (store/sql/filter-sql.ts compiles it to SQL). Neither side needs the other: both know this tree.
import type { PropertyModel } from "./entity-model.ts";

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type StringFunction = "startswith" | "endswith" | "contains";

/**
 * A literal converted to its property's type: Edm.String → string; Edm.Int32 and enums (the member's underlying
 * value) → number; Edm.Boolean → boolean; Edm.DateTimeOffset → the stored form, UTC text with 7 fractional digits (`YYYY-MM-DDTHH:mm:ss.fffffffZ`).
 */
export type FilterValue = string | number | boolean | null;

/** A bound $filter expression. `and`/`or` are n-ary (chains are flattened); `value` is null only for eq/ne. */
export type FilterNode =
  | { readonly kind: "and"; readonly operands: readonly FilterNode[] }
  | { readonly kind: "or"; readonly operands: readonly FilterNode[] }
  | { readonly kind: "not"; readonly operand: FilterNode }
  | {
      readonly kind: "compare";
      readonly operator: ComparisonOperator;
      readonly property: PropertyModel;
      readonly value: FilterValue;
    }
  | { readonly kind: "in"; readonly property: PropertyModel; readonly values: readonly FilterValue[] }
  | {
      readonly kind: "function";
      readonly name: StringFunction;
      readonly property: PropertyModel;
      readonly value: string;
    }
  | { readonly kind: "booleanProperty"; readonly property: PropertyModel };

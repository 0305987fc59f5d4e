// What a create or update body sets, read off the entity model: a property added to the spec and the model is
// taken from bodies with no change here.
import { answeredDateTimeOffset } from "../model/date-time-offset.ts";
import type { EntityModel } from "../model/entity-model.ts";

/**
 * The model's properties, other than the key, that the body sets (annotations and the key are the caller's
 * business); a DateTimeOffset in UTC with the digits sent (to 100 ns), as it is answered.
 */
export function changesOf(model: EntityModel, body: object): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const property of model.properties.values()) {
    if (property.name === "id") continue;
    const value = (body as Record<string, unknown>)[property.name];
    if (value === undefined) continue;
    changes[property.name] =
      property.type === "Edm.DateTimeOffset" && typeof value === "string" ? answeredDateTimeOffset(value) : value;
  }
  return changes;
}

// The one catalogue of errors this service answers: HTTP status, Graph `error.code`, message.
// Messages follow Microsoft Graph's (OData's) wording where Graph has one. A test keeps this
// catalogue, the spec's error responses and the README's error table in step.

interface ErrorKind {
  status: number;
  code: string;
  // biome-ignore lint/suspicious/noExplicitAny: each entry declares its own parameters
  message: (...args: any[]) => string;
}

const LITERAL_LENGTH = 100;
const LITERAL_DEPTH = 8;

/** Quotes client input in a message without echoing megabytes of it back. */
function literal(value: unknown): string {
  const text = typeof value === "string" ? value : preview(value, 0);
  return text.length > LITERAL_LENGTH ? `${text.slice(0, LITERAL_LENGTH)}…` : text;
}

/** JSON text of a value, stopped a little past LITERAL_LENGTH and LITERAL_DEPTH levels down: JSON.stringify
 * would recurse through all 10,000 levels of a hostile body and overflow the stack. */
function preview(value: unknown, depth: number): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  const isArray = Array.isArray(value);
  if (depth === LITERAL_DEPTH) return isArray ? "[…]" : "{…}";
  const keys = isArray ? undefined : Object.keys(value);
  const size = isArray ? value.length : (keys as string[]).length;
  let text = "";
  for (let i = 0; i < size && text.length <= LITERAL_LENGTH; i++) {
    const item = isArray ? value[i] : (value as Record<string, unknown>)[(keys as string[])[i] as string];
    const key = isArray ? "" : `${JSON.stringify((keys as string[])[i])}:`;
    text += `${i === 0 ? "" : ","}${key}${preview(item, depth + 1)}`;
  }
  return isArray ? `[${text}]` : `{${text}}`;
}

export const errorCatalogue = {
  emptyBody: {
    status: 400,
    code: "BadRequest",
    message: () => "Empty Payload. JSON content expected.",
  },
  invalidJson: {
    status: 400,
    code: "BadRequest",
    message: (detail: string) => `Invalid JSON. ${detail}`,
  },
  notAnObject: {
    status: 400,
    code: "BadRequest",
    message: (found: string) =>
      `An unexpected '${found}' node was found when reading from the JSON reader. A 'StartObject' node was expected.`,
  },
  unknownProperty: {
    status: 400,
    code: "BadRequest",
    message: (property: string, typeName: string) =>
      `The property '${property}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  },
  invalidLiteral: {
    status: 400,
    code: "BadRequest",
    message: (property: string, value: unknown, edmType: string) =>
      `Invalid value for property '${property}'. Cannot convert the literal '${literal(value)}' to the expected type '${edmType}'.`,
  },
  nullNotAllowed: {
    status: 400,
    code: "BadRequest",
    message: (property: string, edmType: string) =>
      `A null value was found for the property named '${property}', which has the expected type '${edmType}[Nullable=False]'. The expected type '${edmType}[Nullable=False]' does not allow null values.`,
  },
  valueTooLong: {
    status: 400,
    code: "BadRequest",
    message: (property: string, maxLength: number) =>
      `Invalid value for property '${property}'. The value is longer than the limit of ${maxLength} characters.`,
  },
  valueTooShort: {
    status: 400,
    code: "BadRequest",
    message: (property: string, minLength: number) =>
      `Invalid value for property '${property}'. The value is shorter than ${minLength} characters.`,
  },
  invalidEnumValue: {
    status: 400,
    code: "BadRequest",
    message: (property: string, value: unknown, allowed: string[]) =>
      `Invalid value for property '${property}'. Requested value '${literal(value)}' was not found; expected one of ${allowed.join(", ")}.`,
  },
  unresolvedType: {
    status: 400,
    code: "BadRequest",
    message: (typeName: unknown) =>
      `A type named '${literal(typeof typeName === "string" ? typeName.replace(/^#/, "") : typeName)}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`,
  },
  missingType: {
    status: 400,
    code: "BadRequest",
    message: (abstractType: string) =>
      `The property '@odata.type' is required: '${abstractType}' is abstract, so the request must name a concrete type.`,
  },
  typeChange: {
    status: 400,
    code: "BadRequest",
    message: (from: string, to: string) =>
      `The property '@odata.type' cannot change from '${from}' to '${to}'; delete and create the entity instead.`,
  },
  invalidText: {
    status: 400,
    code: "BadRequest",
    message: (property: string) =>
      `Invalid value for property '${property}'. Text may not contain the character U+0000 or an unpaired surrogate (no UTF-8 store can keep them).`,
  },
  keyChange: {
    status: 400,
    code: "BadRequest",
    message: (pathId: string) => `The key property 'id' cannot be changed; it must be '${literal(pathId)}' or absent.`,
  },
  invalidParameter: {
    status: 400,
    code: "BadRequest",
    message: (name: string, reason: string) => `Invalid value for '${name}': ${reason}.`,
  },
  segmentNotFound: {
    status: 400,
    code: "BadRequest",
    message: (segment: string) => `Resource not found for the segment '${literal(segment)}'.`,
  },
  badRequest: {
    status: 400,
    code: "BadRequest",
    message: (detail: string) => detail,
  },
  tokenMissing: {
    status: 401,
    code: "InvalidAuthenticationToken",
    message: () => "Access token is empty.",
  },
  tokenExpired: {
    status: 401,
    code: "InvalidAuthenticationToken",
    message: () => "Access token has expired or is not yet valid.",
  },
  tokenInvalidAudience: {
    status: 401,
    code: "InvalidAuthenticationToken",
    message: () => "Access token validation failure. Invalid audience.",
  },
  tokenInvalid: {
    status: 401,
    code: "InvalidAuthenticationToken",
    message: () => "Access token validation failure.",
  },
  permissionMissing: {
    status: 403,
    code: "Forbidden",
    message: (permissions: string[]) =>
      `Application is not authorized to perform this operation. Application must have one of the following scopes: ${permissions.join(", ")}`,
  },
  personalAccount: {
    status: 403,
    code: "Forbidden",
    message: () => "Personal Microsoft accounts are not supported for this operation.",
  },
  resourceNotFound: {
    status: 404,
    code: "ResourceNotFound",
    message: (id: string) =>
      `Resource '${literal(id)}' does not exist or one of its queried reference-property objects are not present.`,
  },
  notFound: {
    status: 404,
    code: "ResourceNotFound",
    message: (path: string) => `No resource was found at '${literal(path)}'; the API lives under /beta.`,
  },
  methodNotAllowed: {
    status: 405,
    code: "MethodNotAllowed",
    message: (method: string, allowed: string[]) =>
      `The HTTP method '${literal(method)}' is not supported by this resource; use ${allowed.join(", ")}.`,
  },
  requestTimeout: {
    status: 408,
    code: "RequestTimeout",
    message: () => "The request did not arrive in full in time; the connection is closed.",
  },
  conflict: {
    status: 409,
    code: "Conflict",
    message: (id: string) => `An entity with the key '${literal(id)}' already exists.`,
  },
  payloadTooLarge: {
    status: 413,
    code: "RequestEntityTooLarge",
    message: (limitBytes: number) => `The request body is larger than the limit of ${limitBytes} bytes.`,
  },
  unsupportedMediaType: {
    status: 415,
    code: "UnsupportedMediaType",
    message: (contentType: string) =>
      `The content type '${literal(contentType)}' is not supported; send 'application/json'.`,
  },
  tooManyRequests: {
    status: 429,
    code: "TooManyRequests",
    message: (reason: string, retryAfterSeconds: number) => `${reason} Retry after ${retryAfterSeconds} seconds.`,
  },
  headersTooLarge: {
    status: 431,
    code: "RequestHeaderFieldsTooLarge",
    message: (limitBytes: number) =>
      `The request line and headers are larger than the limit of ${limitBytes} bytes; the connection is closed.`,
  },
  internal: {
    status: 500,
    code: "InternalServerError",
    message: () => "An internal server error occurred. Quote the request-id when reporting it.",
  },
  serviceUnavailable: {
    status: 503,
    code: "ServiceUnavailable",
    message: (retryAfterSeconds: number) =>
      `The service is temporarily unavailable. Retry after ${retryAfterSeconds} seconds.`,
  },
  gatewayTimeout: {
    status: 504,
    code: "GatewayTimeout",
    message: (reason: string) => `The request timed out before the service answered it. ${reason}`,
  },
} satisfies Record<string, ErrorKind>;

export type ErrorName = keyof typeof errorCatalogue;
type MessageArgs<K extends ErrorName> = Parameters<(typeof errorCatalogue)[K]["message"]>;

/** A failure that the error handler answers as a Graph error envelope. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  target: string | undefined;
  headers: Record<string, string> = {};

  constructor(
    readonly kind: ErrorName,
    message: string,
  ) {
    super(message);
    const entry = errorCatalogue[kind];
    this.status = entry.status;
    this.code = entry.code;
  }

  static of<K extends ErrorName>(kind: K, ...args: MessageArgs<K>): GraphError {
    const format = errorCatalogue[kind].message as (...a: MessageArgs<K>) => string;
    return new GraphError(kind, format(...args));
  }

  withTarget(target: string): this {
    this.target = target;
    return this;
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

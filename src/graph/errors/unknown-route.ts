// Answers requests that match no operation of the spec the way Graph does: an unknown segment
// under /beta → 400 "Resource not found for the segment '…'"; a known resource with a method it
// does not support → 405 with `Allow`.
import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphError } from "./error-catalogue.ts";
import { sendGraphError } from "./error-envelope.ts";

interface PathTemplate {
  segments: string[]; // "{name}" stands for any one segment
  methods: string[];
}

const segmentsOf = (path: string): string[] => path.split("/").filter((segment) => segment !== "");
const isParameter = (segment: string): boolean => segment.startsWith("{") && segment.endsWith("}");

/**
 * The templates that match the whole path, as the router ranks them: at the first segment where they differ, a
 * literal beats a parameter (`/mobileApps/$count` is the count, not an app whose id is "$count").
 */
function mostSpecific(templates: PathTemplate[], segments: string[]): PathTemplate[] {
  let candidates = templates.filter(
    (t) =>
      t.segments.length === segments.length &&
      t.segments.every((expected, i) => isParameter(expected) || expected === segments[i]),
  );
  for (let i = 0; i < segments.length && candidates.length > 1; i++) {
    const literal = candidates.filter((t) => !isParameter(t.segments[i] as string));
    if (literal.length > 0) candidates = literal;
  }
  return candidates;
}

export function createUnknownRouteHandler(specPaths: Record<string, Record<string, unknown>>) {
  const templates: PathTemplate[] = Object.entries(specPaths).map(([path, item]) => ({
    segments: segmentsOf(path),
    methods: Object.keys(item)
      .filter((key) => ["get", "put", "post", "patch", "delete", "head", "options"].includes(key))
      .map((method) => method.toUpperCase()),
  }));

  /** How many leading segments of `segments` the template accepts. */
  const matchedLength = (template: PathTemplate, segments: string[]): number => {
    let n = 0;
    while (n < segments.length && n < template.segments.length) {
      const expected = template.segments[n] as string;
      if (!isParameter(expected) && expected !== segments[n]) break;
      n++;
    }
    return n;
  };

  return function answerUnknownRoute(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const path = request.url.split("?", 1)[0] ?? "";
    let segments: string[];
    try {
      segments = segmentsOf(path).map(decodeURIComponent);
    } catch {
      return sendGraphError(GraphError.of("badRequest", "The request URL is not valid."), request, reply);
    }

    const allowed = [...new Set(mostSpecific(templates, segments).flatMap((t) => t.methods))];
    if (allowed.length > 0) {
      return sendGraphError(
        GraphError.of("methodNotAllowed", request.method, allowed).withHeader("allow", allowed.join(", ")),
        request,
        reply,
      );
    }

    if (segments[0] !== "beta") return sendGraphError(GraphError.of("notFound", path), request, reply);
    const deepest = Math.max(...templates.map((t) => matchedLength(t, segments)));
    const unknown = segments[Math.min(deepest, segments.length - 1)] ?? "beta";
    return sendGraphError(GraphError.of("segmentNotFound", unknown), request, reply);
  };
}

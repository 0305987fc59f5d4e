// OData addresses an entity of a collection by key in parentheses, `mobileApps('id')`, as well as by key as a
// segment, `mobileApps/id` (OData 4.01 URL conventions §4.3.1 and §4.3.6); the service's own `@odata.context`
// URLs use parentheses. Routes are declared with key segments, so the parenthesised form is rewritten to them
// before routing. Only a quoted string key directly after a collection segment is rewritten.

const KEY_IN_PARENTHESES = /^([A-Za-z][A-Za-z0-9_]*)\('((?:[^']|'')*)'\)$/;

/** The URL with each `name('key')` path segment as `name/key` (key unquoted, percent-encoded); else unchanged. */
export function keySegmentsAsPath(url: string): string {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (!path.includes("(")) return url; // the usual request: nothing to rewrite
  let changed = false;
  const segments = path.split("/").map((raw) => {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return raw; // not valid percent-encoding: left for the router to refuse
    }
    const match = KEY_IN_PARENTHESES.exec(segment);
    if (!match) return raw;
    changed = true;
    const [, name, quoted] = match as unknown as [string, string, string];
    return `${name}/${encodeURIComponent(quoted.replaceAll("''", "'"))}`;
  });
  return changed ? segments.join("/") + (queryAt === -1 ? "" : url.slice(queryAt)) : url;
}

// The service on a real socket, for tests that drive it through real HTTP clients, and a fetch
// that checks every response those clients receive against the contract before they see it.
import type { AddressInfo } from "node:net";
import type { Contract } from "./contract.ts";
import { createTestApp, type TestApp, type TestAppOptions } from "./test-app.ts";

export interface LiveServer {
  /** The origin the server listens on, without a trailing slash: http://127.0.0.1:<port>. */
  baseUrl: string;
  t: TestApp;
  close(): Promise<void>;
}

/** Starts the app of createTestApp() on 127.0.0.1 and a free port, over a fresh store of createTestApp's kind. */
export async function startLiveServer(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<LiveServer> {
  const t = await createTestApp(env, options);
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, t, close: () => t.close() };
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Throws ContractViolation when the response is not one the spec declares for this request. */
export async function checkResponse(contract: Contract, method: string, url: string, response: Response) {
  const { pathname, search } = new URL(url);
  // Headers hands out lower-cased names, as contract.check expects them.
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  contract.check({
    method: method.toUpperCase(),
    url: pathname + search,
    status: response.status,
    headers,
    body: await response.clone().text(),
  });
}

/** A fetch that performs the request with `next` (global fetch by default) and checks the response. */
export function contractCheckingFetch(contract: Contract, next: FetchLike = (input, init) => fetch(input, init)) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await next(input, init);
    const request = input instanceof Request ? input : undefined;
    await checkResponse(contract, init?.method ?? request?.method ?? "GET", request?.url ?? String(input), response);
    return response;
  };
}

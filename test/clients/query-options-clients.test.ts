// The OData query options through real clients on a real socket: the generated typescript-fetch client and
// Microsoft's @microsoft/microsoft-graph-client, walking a filtered, ordered collection of a few hundred
// userAppInstallStatus by @odata.nextLink. Every response either client receives is checked against the contract.
import {
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  PageIterator,
  type PageIteratorCallback,
} from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Configuration,
  type MicrosoftGraphUserAppInstallStatusCollectionResponse,
  MicrosoftGraphUserAppInstallStatusCollectionResponseFromJSON,
  UserStatusesApi,
} from "../../generated/client/index.ts";
import type { UserAppInstallStatusRecord } from "../../src/store/store.ts";
import { type Contract, loadContract } from "../helpers/contract.ts";
import {
  checkResponse,
  contractCheckingFetch,
  type FetchLike,
  type LiveServer,
  startLiveServer,
} from "../helpers/live-server.ts";

type CollectionPage = MicrosoftGraphUserAppInstallStatusCollectionResponse;

const STATUS_COUNT = 300;
const pad = (n: number) => String(n).padStart(3, "0");

/** u000…u299: failedDeviceCount i mod 7; userName null for every tenth, O'Brien for every tenth but five. */
const SEED: UserAppInstallStatusRecord[] = Array.from({ length: STATUS_COUNT }, (_, i) => ({
  id: `u${pad(i)}`,
  userName: i % 10 === 0 ? null : i % 10 === 5 ? `O'Brien ${pad(i)}` : `User ${pad(i)}`,
  userPrincipalName: `user${i}@contoso.example`,
  installedDeviceCount: i % 3,
  failedDeviceCount: i % 7,
  notInstalledDeviceCount: 0,
}));

// A quoted literal with a doubled quote and spaces, so that the nextLink must carry the text exactly.
const FILTER =
  "failedDeviceCount ge 3 and (userName eq null or startswith(userName,'O''Brien') or contains(userName,' 1'))";
const ORDER_BY = "failedDeviceCount desc,userName";

const matchesFilter = (s: UserAppInstallStatusRecord) =>
  s.failedDeviceCount >= 3 && (s.userName === null || s.userName.startsWith("O'Brien") || s.userName.includes(" 1"));

/** $orderby=failedDeviceCount desc,userName: NULL names first, ties by id (these names sort alike in any collation). */
const byOrderBy = (a: UserAppInstallStatusRecord, b: UserAppInstallStatusRecord) => {
  const text = (x: string | null, y: string | null) =>
    x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
  return b.failedDeviceCount - a.failedDeviceCount || text(a.userName, b.userName) || text(a.id, b.id);
};

const EXPECTED = SEED.filter(matchesFilter).sort(byOrderBy);
const EXPECTED_IDS = EXPECTED.map((status) => status.id);

interface Seeded {
  server: LiveServer;
  token: string;
  mobileAppId: string;
}

/** A live server whose one app holds the SEED statuses, written through the store. */
async function seededServer(env: Record<string, string> = {}): Promise<Seeded> {
  const server = await startLiveServer(env);
  const token = await server.t.token();
  const mobileAppId = await server.t.createApp();
  for (const status of SEED) expect(await server.t.tenantStore.createUserStatus(mobileAppId, status)).toBe("created");
  return { server, token, mobileAppId };
}

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

describe("the generated typescript-fetch client with query options", () => {
  let server: LiveServer;
  let token: string;
  let mobileAppId: string;
  /** Every URL the client put on the wire, in order. */
  const sent: string[] = [];
  let fetchApi: FetchLike;
  let statuses: UserStatusesApi;

  beforeAll(async () => {
    ({ server, token, mobileAppId } = await seededServer());
    const recording: FetchLike = (input, init) => {
      sent.push(String(input));
      return fetch(input, init);
    };
    fetchApi = contractCheckingFetch(contract, recording);
    statuses = new UserStatusesApi(
      new Configuration({ basePath: server.baseUrl, accessToken: async () => token, fetchApi }),
    );
  });
  afterAll(() => server?.close());

  const options = { $filter: FILTER, $orderby: ORDER_BY, $top: 9, $count: true, $select: "userName,failedDeviceCount" };
  const ids = (page: CollectionPage) => page.value.map((status) => status.id);

  /** Fetches a nextLink as given, with the client's own fetch, and parses the page with the generated model. */
  async function followNextLink(nextLink: string): Promise<CollectionPage> {
    const response = await fetchApi(nextLink, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${nextLink} → ${response.status} ${await response.text()}`);
    return MicrosoftGraphUserAppInstallStatusCollectionResponseFromJSON(await response.json());
  }

  /** The pages of a walk: the first from listUserStatuses, each next one by `next` from the previous nextLink. */
  async function walk(next: (nextLink: string) => Promise<CollectionPage>): Promise<CollectionPage[]> {
    const first = await statuses.listUserStatuses({ mobileAppId, ...options });
    const pages = [first];
    for (let link = first.atOdataNextLink; link !== undefined; ) {
      if (pages.length > STATUS_COUNT) throw new Error("the walk does not end");
      const page = await next(link);
      pages.push(page);
      link = page.atOdataNextLink;
    }
    return pages;
  }

  it("sends $top, $filter, $orderby, $count and $select, and gets the first page they describe", async () => {
    sent.length = 0;
    const first = await statuses.listUserStatuses({ mobileAppId, ...options });

    const url = new URL(sent.at(-1) ?? "");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      $filter: FILTER,
      $orderby: ORDER_BY,
      $top: "9",
      $count: "true",
      $select: "userName,failedDeviceCount",
    });
    expect(first.atOdataCount).toBe(EXPECTED.length);
    expect(first.atOdataContext).toBe(
      `${server.baseUrl}/beta/$metadata#deviceAppManagement/mobileApps('${mobileAppId}')/userStatuses(userName,failedDeviceCount)`,
    );
    const selected = ({ id, userName, failedDeviceCount }: UserAppInstallStatusRecord) => ({
      atOdataType: "#microsoft.graph.userAppInstallStatus",
      atOdataContext: undefined,
      id,
      userName,
      failedDeviceCount,
      userPrincipalName: undefined,
      installedDeviceCount: undefined,
      notInstalledDeviceCount: undefined,
      app: undefined,
      deviceStatuses: undefined,
    });
    expect(first.value).toEqual(EXPECTED.slice(0, 9).map(selected));

    // The next link is a full URL carrying every option of this request, and a $skiptoken instead of $skip.
    const next = new URL(first.atOdataNextLink ?? "");
    expect(next.origin + next.pathname).toBe(
      `${server.baseUrl}/beta/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`,
    );
    expect(Object.fromEntries(next.searchParams)).toEqual({
      ...Object.fromEntries(url.searchParams),
      $skiptoken: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
    });
  });

  it("walks every matching item exactly once, in order, following each @odata.nextLink with the client's fetch", async () => {
    const pages = await walk(followNextLink);
    expect(pages.flatMap(ids)).toEqual(EXPECTED_IDS);
    expect(pages).toHaveLength(Math.ceil(EXPECTED.length / 9));
    for (const page of pages) expect(page.atOdataCount).toBe(EXPECTED.length);
    expect(pages.at(-1)?.value.length).toBeGreaterThan(0);
  });

  it("walks the same pages when each next call passes the nextLink's $skiptoken to listUserStatuses", async () => {
    const byLink = await walk(followNextLink);
    const byToken = await walk((nextLink) => {
      const $skiptoken = new URL(nextLink).searchParams.get("$skiptoken") ?? "";
      return statuses.listUserStatuses({ mobileAppId, ...options, $skiptoken });
    });
    expect(byToken.flatMap(ids)).toEqual(EXPECTED_IDS);
    expect(byToken.map((page) => page.value)).toEqual(byLink.map((page) => page.value));
    expect(byToken.map((page) => page.atOdataNextLink)).toEqual(byLink.map((page) => page.atOdataNextLink));
  });

  it("answers $count as text/plain: the number of matching items, with and without $filter", async () => {
    for (const [$filter, expected] of [
      [FILTER, EXPECTED.length],
      [undefined, STATUS_COUNT],
    ] as const) {
      const answer = await statuses.countUserStatusesRaw({ mobileAppId, ...($filter ? { $filter } : {}) });
      expect(answer.raw.headers.get("content-type")).toMatch(/^text\/plain\b/);
      expect(await answer.raw.clone().text()).toBe(String(expected));
    }
  });

  // The spec declares the text/plain count as a string of digits, which is what typescript-fetch hands back.
  it("resolves countUserStatuses to the count's text, as its Promise<string> type declares", async () => {
    const count: string = await statuses.countUserStatuses({ mobileAppId, $filter: FILTER });
    expect(count).toBe(String(EXPECTED.length));
  });
});

describe("the official @microsoft/microsoft-graph-client with query options and its PageIterator", () => {
  // The library takes a path for a full URL only when it starts with https:// (GraphRequest.parsePath), so it
  // cannot follow a plain-http nextLink: it would append the link to its baseUrl. As behind a TLS-terminating
  // proxy, the server is told its public origin, and a middleware plays the proxy, routing to the live server.
  const PUBLIC_ORIGIN = "https://graph.contoso.test";
  let proxied: LiveServer;
  let mobileAppId: string;
  let client: Client;
  /** Every URL the client asked for, before the proxy rewrote it. */
  const requested: string[] = [];

  /** A middleware that hands the request on to the next one; `around` runs in its place. */
  function middleware(around: (context: Context, next: Middleware) => Promise<void>): Middleware {
    let next: Middleware | undefined;
    return {
      execute(context) {
        if (!next) throw new Error("this middleware cannot end the chain");
        return around(context, next);
      },
      setNext(middleware) {
        next = middleware;
      },
    };
  }

  beforeAll(async () => {
    const seeded = await seededServer({ PUBLIC_BASE_URL: PUBLIC_ORIGIN });
    proxied = seeded.server;
    mobileAppId = seeded.mobileAppId;

    const bearerAndProxy = middleware((context, next) => {
      const url = typeof context.request === "string" ? context.request : context.request.url;
      requested.push(url);
      if (!url.startsWith(`${PUBLIC_ORIGIN}/`)) throw new Error(`the client left the service: ${url}`);
      context.request = proxied.baseUrl + url.slice(PUBLIC_ORIGIN.length);
      const headers = new Headers(context.options?.headers);
      headers.set("Authorization", `Bearer ${seeded.token}`);
      context.options = { ...context.options, headers };
      return next.execute(context);
    });
    const contractCheck = middleware(async (context, next) => {
      await next.execute(context);
      if (!context.response) throw new Error("the chain produced no response");
      const url = typeof context.request === "string" ? context.request : context.request.url;
      await checkResponse(contract, context.options?.method ?? "GET", url, context.response);
    });
    client = Client.initWithMiddleware({
      baseUrl: PUBLIC_ORIGIN,
      defaultVersion: "beta",
      middleware: [bearerAndProxy, contractCheck, new HTTPMessageHandler()],
    });
  });
  afterAll(() => proxied?.close());

  interface Collection {
    "@odata.context": string;
    "@odata.count"?: number;
    "@odata.nextLink"?: string;
    value: Array<{ id: string; failedDeviceCount: number; userName: string | null }>;
  }

  it("sends .filter().orderby().top().count(true) as $filter, $orderby, $top and $count, and reads @odata.count", async () => {
    requested.length = 0;
    const path = `/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`;
    const first: Collection = await client.api(path).filter(FILTER).orderby(ORDER_BY).top(25).count(true).get();

    const url = new URL(requested[0] ?? "");
    expect(url.pathname).toBe(`/beta${path}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      $filter: FILTER,
      $orderby: ORDER_BY,
      $top: "25",
      $count: "true",
    });
    expect(first["@odata.count"]).toBe(EXPECTED.length);
    expect(first.value.map((status) => status.id)).toEqual(EXPECTED_IDS.slice(0, 25));
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${PUBLIC_ORIGIN}/beta${path}\\?`));
  });

  it("walks every page with PageIterator: as many items as @odata.count, each id once, in order", async () => {
    requested.length = 0;
    const path = `/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`;
    const first: Collection = await client.api(path).filter(FILTER).orderby(ORDER_BY).top(25).count(true).get();

    const seen: string[] = [];
    const collect: PageIteratorCallback = (status: Collection["value"][number]) => {
      seen.push(status.id);
      return true;
    };
    const iterator = new PageIterator(client, first, collect);
    await iterator.iterate();

    expect(iterator.isComplete()).toBe(true);
    expect(seen).toHaveLength(first["@odata.count"] ?? -1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(EXPECTED_IDS);
    // One request a page, each after the first by the previous page's nextLink, every option carried along.
    expect(requested).toHaveLength(Math.ceil(EXPECTED.length / 25));
    for (const url of requested.slice(1).map((link) => new URL(link))) {
      expect(url.searchParams.get("$filter")).toBe(FILTER);
      expect(url.searchParams.get("$orderby")).toBe(ORDER_BY);
      expect(url.searchParams.get("$top")).toBe("25");
      expect(url.searchParams.get("$skiptoken")).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });
});

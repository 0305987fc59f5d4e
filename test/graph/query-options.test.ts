import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let appId: string;
const q = (options: Record<string, string>) =>
  `${statusesPath(appId)}?${Object.entries(options)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&")}`;

// 250 statuses: ids u000…u249, failedDeviceCount = i % 7, userName null for every tenth.
beforeAll(async () => {
  t = await createTestApp();
  appId = await t.createApp();
  for (let i = 0; i < 250; i++) {
    await t.tenantStore.createUserStatus(appId, {
      id: `u${String(i).padStart(3, "0")}`,
      userName: i % 10 === 0 ? null : `User ${String(i).padStart(3, "0")}`,
      userPrincipalName: `user${i}@contoso.example`,
      installedDeviceCount: i,
      failedDeviceCount: i % 7,
      notInstalledDeviceCount: 0,
    });
  }
});
afterAll(() => t.close());

async function walk(firstUrl: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const response = await t.call({ method: "GET", url });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    items.push(...body.value);
    url = body["@odata.nextLink"]?.replace("http://localhost:80", "");
  }
  return items;
}

describe("paging", () => {
  it("answers 100 by default with a full nextLink carrying every option and an opaque $skiptoken", async () => {
    const body = (
      await t.call({ method: "GET", url: q({ $filter: "failedDeviceCount ge 0", $count: "true" }) })
    ).json();
    expect(body.value).toHaveLength(100);
    expect(body["@odata.count"]).toBe(250);
    expect(body["@odata.nextLink"]).toMatch(new RegExp(`^http://localhost:80${statusesPath(appId)}\\?`));
    const next = new URL(body["@odata.nextLink"]);
    expect(next.searchParams.get("$filter")).toBe("failedDeviceCount ge 0");
    expect(next.searchParams.get("$count")).toBe("true");
    expect(next.searchParams.get("$skiptoken")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(body["@odata.nextLink"]).toContain("$skiptoken=");
  });

  it("walks every item exactly once in id order, $top items a page, the last page without a nextLink", async () => {
    const items = await walk(q({ $top: "40" }));
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, "0")}`));
  });

  it("walks a filtered, multi-key ordered collection exactly, nulls first ascending", async () => {
    const items = await walk(
      q({ $filter: "failedDeviceCount lt 3", $orderby: "failedDeviceCount desc,userName", $top: "17" }),
    );
    const expected = Array.from({ length: 250 }, (_, i) => i)
      .filter((i) => i % 7 < 3)
      .map((i) => ({
        f: i % 7,
        name: i % 10 === 0 ? null : `User ${String(i).padStart(3, "0")}`,
        id: `u${String(i).padStart(3, "0")}`,
      }))
      .sort(
        (a, b) =>
          b.f - a.f ||
          (a.name === b.name
            ? a.id.localeCompare(b.id)
            : a.name === null
              ? -1
              : b.name === null
                ? 1
                : a.name.localeCompare(b.name)),
      )
      .map((x) => x.id);
    expect(items.map((i) => i.id)).toEqual(expected);
  });

  it("applies $skip before the first page only", async () => {
    const body = (await t.call({ method: "GET", url: q({ $skip: "245" }) })).json();
    expect(body.value.map((i: { id: string }) => i.id)).toEqual(["u245", "u246", "u247", "u248", "u249"]);
    expect(body["@odata.nextLink"]).toBeUndefined();
  });

  it("accepts the options without their $, as Graph beta does", async () => {
    const body = (
      await t.call({
        method: "GET",
        url: `${statusesPath(appId)}?top=2&orderby=installedDeviceCount%20desc&select=userName`,
      })
    ).json();
    expect(body.value).toEqual([
      { "@odata.type": "#microsoft.graph.userAppInstallStatus", id: "u249", userName: "User 249" },
      { "@odata.type": "#microsoft.graph.userAppInstallStatus", id: "u248", userName: "User 248" },
    ]);
    expect(body["@odata.nextLink"]).toContain("top=2");
  });
});

describe("$count", () => {
  it("/$count answers the filtered number as text/plain", async () => {
    const response = await t.call({
      method: "GET",
      url: `${statusesPath(appId)}/$count?$filter=${encodeURIComponent("userName eq null")}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toBe("25");
  });
});

describe("$select and $expand", () => {
  it("answers the selected properties plus id and @odata.type, and says so in @odata.context", async () => {
    const body = (await t.call({ method: "GET", url: q({ $select: "userName,failedDeviceCount", $top: "1" }) })).json();
    expect(body["@odata.context"]).toBe(
      `http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps('${appId}')/userStatuses(userName,failedDeviceCount)`,
    );
    expect(body.value[0]).toEqual({
      "@odata.type": "#microsoft.graph.userAppInstallStatus",
      id: "u000",
      userName: null,
      failedDeviceCount: 0,
    });
    const one = await t.call({ method: "GET", url: `${statusesPath(appId)}/u001?$select=userPrincipalName` });
    expect(one.json()).toMatchObject({ id: "u001", userPrincipalName: "user1@contoso.example" });
    expect(one.json().userName).toBeUndefined();
  });

  it("embeds the app and the device statuses", async () => {
    await t.call({
      method: "POST",
      url: `${statusesPath(appId)}/u001/deviceStatuses`,
      payload: { id: "d1", deviceName: "Phone" },
    });
    const body = (await t.call({ method: "GET", url: q({ $expand: "app,deviceStatuses", $top: "2" }) })).json();
    expect(body.value[0].app).toMatchObject({ id: appId, "@odata.type": "#microsoft.graph.webApp" });
    expect(body.value[0].deviceStatuses).toEqual([]);
    expect(body.value[1].deviceStatuses).toEqual([expect.objectContaining({ id: "d1", deviceName: "Phone" })]);
    const one = (
      await t.call({ method: "GET", url: `${statusesPath(appId)}/u001?$expand=deviceStatuses&$select=userName` })
    ).json();
    expect(Object.keys(one).sort()).toEqual(["@odata.context", "@odata.type", "deviceStatuses", "id", "userName"]);
  });
});

describe("bad query options", () => {
  const cases: Array<[string, Record<string, string> | string, RegExp]> = [
    [
      "an unknown property in $filter",
      { $filter: "x eq 1" },
      /Could not find a property named 'x' on type 'microsoft\.graph\.userAppInstallStatus'\./,
    ],
    ["a syntax error in $filter", { $filter: "userName eq" }, /Syntax error/],
    ["an unknown property in $orderby", { $orderby: "size desc" }, /Could not find a property named 'size'/],
    ["a bad direction in $orderby", { $orderby: "userName down" }, /\$orderby/],
    ["an unknown property in $select", { $select: "userName,bogus" }, /Could not find a property named 'bogus'/],
    ["an unknown navigation in $expand", { $expand: "owner" }, /navigation property named 'owner'/],
    ["$top over the maximum", { $top: "1000" }, /\$top/],
    ["a negative $top", { $top: "-1" }, /\$top/],
    ["a non-numeric $skip", { $skip: "many" }, /\$skip/],
    ["a $skip written as a decimal", { $skip: "0.0" }, /\$skip': it must be a whole number/],
    ["a $top in exponent notation", { top: "1e2" }, /\$top': it must be a whole number/],
    ["a forged $skiptoken", { $skiptoken: "bm90LWEtdG9rZW4" }, /\$skiptoken is not valid/],
    ["$search", { $search: '"Ada"' }, /The query parameter '\$search' is not supported/],
    ["an unknown $ option", { $apply: "x" }, /The query parameter '\$apply' is not supported/],
    ["an option given twice", "$top=1&$top=2", /specified more than once/],
    ["an option with and without $", "top=1&$top=2", /specified more than once/],
  ];
  it.each(cases)("answers 400 for %s, never 5xx", async (_case, options, message) => {
    const url = typeof options === "string" ? `${statusesPath(appId)}?${options}` : q(options);
    const response = await t.call({ method: "GET", url });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("BadRequest");
    expect(response.json().error.message).toMatch(message);
  });

  it("refuses a $skiptoken used with another $orderby", async () => {
    const first = (await t.call({ method: "GET", url: q({ $orderby: "userName", $top: "5" }) })).json();
    const token = new URL(first["@odata.nextLink"]).searchParams.get("$skiptoken") as string;
    const response = await t.call({ method: "GET", url: q({ $orderby: "failedDeviceCount", $skiptoken: token }) });
    expect(response.statusCode).toBe(400);
  });

  it("ignores query parameters that are not OData options, as Graph does", async () => {
    expect((await t.call({ method: "GET", url: `${statusesPath(appId)}?api-version=2&foo=bar` })).statusCode).toBe(200);
  });
});

describe("a paging walk while another client inserts and deletes", () => {
  it("sees every item that existed throughout exactly once", async () => {
    const walker = await createTestApp();
    try {
      const app = await walker.createApp();
      const stable: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const id = `s${String(i * 2).padStart(5, "0")}`;
        stable.push(id);
        await walker.tenantStore.createUserStatus(app, {
          id,
          userName: `n${i % 50}`,
          userPrincipalName: null,
          installedDeviceCount: i % 13,
          failedDeviceCount: 0,
          notInstalledDeviceCount: 0,
        });
      }
      let stop = false;
      let churned = 0;
      // Interleaved writes: new ids between and around the stable ones, each deleted again later.
      const churn = (async () => {
        for (let i = 0; !stop; i++) {
          const id = `s${String(((i * 7919) % 3000) * 2 + 1).padStart(5, "0")}`;
          await walker.call({
            method: "POST",
            url: statusesPath(app),
            payload: { id, userName: `n${i % 50}`, installedDeviceCount: i % 13 },
          });
          if (i % 2 === 1) await walker.call({ method: "DELETE", url: `${statusesPath(app)}/${id}` });
          churned++;
        }
      })();
      const seen: string[] = [];
      let url: string | undefined =
        `${statusesPath(app)}?$top=97&$orderby=${encodeURIComponent("installedDeviceCount desc,userName")}`;
      while (url) {
        const body: { value: Array<{ id: string }>; "@odata.nextLink"?: string } = (
          await walker.call({ method: "GET", url })
        ).json();
        seen.push(...body.value.map((item: { id: string }) => item.id));
        url = body["@odata.nextLink"]?.replace("http://localhost:80", "");
      }
      stop = true;
      await churn;
      expect(churned).toBeGreaterThan(0);
      const stableSeen = seen.filter((id) => Number(id.slice(1)) % 2 === 0);
      expect(stableSeen.length).toBe(stable.length);
      expect(new Set(stableSeen)).toEqual(new Set(stable));
    } finally {
      await walker.close();
    }
  });
});

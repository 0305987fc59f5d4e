// The API reference at GET /docs: what the server hands out (the page, its assets, the contract with
// this server as its only server), and, in Debian's Chromium driven by playwright-core, a user's way
// through it: paste a token, find the userStatuses operations, create one and see 201.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec.ts";
import { loadContract } from "../helpers/contract.ts";
import { contractCheckingFetch, type LiveServer, startLiveServer } from "../helpers/live-server.ts";
import { REPO_ROOT } from "../helpers/server-process.ts";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = path.join(REPO_ROOT, "test-output");

/** operationIds of the contract's operations tagged `tag`, sorted. */
function operationIdsTagged(tag: string): string[] {
  const spec = loadSpec() as unknown as {
    paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
  };
  return Object.values(spec.paths)
    .flatMap((item) => Object.values(item))
    .filter((operation) => operation.tags?.includes(tag))
    .map((operation) => operation.operationId as string)
    .sort();
}

describe("GET /docs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("answers 200 with the Swagger UI page, without a token, loading only its own assets", async () => {
    const page = await t.app.inject({ method: "GET", url: "/docs" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(assets).toContain("/docs/static/swagger-ui-bundle.js");
    expect(assets.filter((asset) => !asset.startsWith("/docs/static/"))).toEqual([]);

    for (const asset of assets) {
      const response = await t.app.inject({ method: "GET", url: asset });
      expect(response.statusCode, asset).toBe(200);
    }
  });

  it("renders the contract the server runs from, with this server as the one to call", async () => {
    const response = await t.app.inject({ method: "GET", url: "/docs/json", headers: { host: "127.0.0.1:4321" } });
    expect(response.statusCode).toBe(200);
    const { servers, ...document } = response.json();
    const { servers: _declared, ...contract } = loadSpec();
    expect(document).toEqual(contract);
    expect(servers).toEqual([{ url: "http://127.0.0.1:4321", description: "This server" }]);
  });

  it("names PUBLIC_BASE_URL as the server when it is set", async () => {
    const behindProxy = await createTestApp({ PUBLIC_BASE_URL: "https://intune.contoso.example/graph" });
    try {
      const response = await behindProxy.app.inject({ method: "GET", url: "/docs/json" });
      expect(response.json().servers).toEqual([
        { url: "https://intune.contoso.example/graph", description: "This server" },
      ]);
    } finally {
      await behindProxy.close();
    }
  });
});

describe("the API reference in Chromium", () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets a user authorize with a token, find the userStatuses operations and create one: 201", async () => {
    const token = await server.t.token();
    const created = await contractCheckingFetch(await loadContract())(`${server.baseUrl}${appsPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal" }),
    });
    expect(created.status).toBe(201);
    const mobileAppId = ((await created.json()) as { id: string }).id;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    await page.goto(`${server.baseUrl}/docs`);

    // The userStatuses section lists exactly the contract's userStatuses operations.
    const section = page.locator("#operations-tag-userStatuses").locator("xpath=..");
    await section.locator(".opblock").first().waitFor();
    const shownIds = await section.locator(".opblock-summary-operation-id").allTextContents();
    expect(shownIds.sort()).toEqual(operationIdsTagged("userStatuses"));

    // Authorize: paste the token into bearerAuth.
    await page.locator(".scheme-container button.authorize").click();
    const dialog = page.locator(".modal-ux");
    await dialog.locator("input").first().fill(token);
    await dialog.locator("button.modal-btn.authorize").click();
    await dialog.locator("button.btn-done").click();
    await expect(page.locator(".scheme-container button.authorize.locked").count()).resolves.toBe(1);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, "api-reference-overview.png") });

    // createUserStatus: Try it out (on by default), fill the path and the body, Execute.
    const operation = page.locator("#operations-userStatuses-createUserStatus");
    await operation.locator(".opblock-summary").click();
    await operation.locator('input[placeholder="mobileAppId"]').fill(mobileAppId);
    const body = {
      "@odata.type": "#microsoft.graph.userAppInstallStatus",
      userName: "Adele Vance",
      userPrincipalName: "AdeleV@contoso.onmicrosoft.com",
      installedDeviceCount: 2,
      failedDeviceCount: 0,
      notInstalledDeviceCount: 1,
    };
    await operation.locator("textarea.body-param__text").fill(JSON.stringify(body, null, 2));
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await operation.locator("button.execute").click();
    const response = await answered;

    // The page shows the server's answer: 201.
    const status = operation.locator(".live-responses-table tr.response .response-col_status");
    await status.filter({ hasText: "201" }).waitFor();
    expect((await status.textContent())?.trim()).toBe("201");
    expect(response.status()).toBe(201);
    expect(response.url()).toBe(`${server.baseUrl}${statusesPath(mobileAppId)}`);
    expect(await response.request().headerValue("authorization")).toBe(`Bearer ${token}`);

    await status.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, "api-reference-201.png") });

    // The status exists, as the page sent it.
    const id = ((await response.json()) as { id: string }).id;
    const stored = await server.t.call({ method: "GET", url: `${statusesPath(mobileAppId)}/${id}`, token });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject(body);

    // Nothing came from anywhere but this server (no CDN, no fonts, no validator badge).
    const elsewhere = requests
      .map((request) => request.url())
      .filter((url) => /^https?:/.test(url) && new URL(url).origin !== server.baseUrl);
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});

// The floor any framework sits on: bare node:http, no validation, no auth, no disk. It answers the two
// operations the benchmark compares: POST …/userStatuses (parses the same JSON body, 201 with a new GUID,
// kept in a Map) and GET …/userStatuses/{id} (from that Map, which starts with one fixed status).
// Env: PORT (0: any), BASELINE_STATUS_ID (the fixed status's id). Prints "Baseline listening at http://…".
import { randomUUID } from "node:crypto";
import http from "node:http";

const PREFIX = "/beta/deviceAppManagement/mobileApps/";
const statuses = new Map<string, Record<string, unknown>>();
const fixedId = process.env.BASELINE_STATUS_ID || randomUUID();
statuses.set(fixedId, {
  "@odata.type": "#microsoft.graph.userAppInstallStatus",
  id: fixedId,
  userName: "Ada Lovelace",
  userPrincipalName: "ada.lovelace@contoso.onmicrosoft.com",
  installedDeviceCount: 2,
  failedDeviceCount: 0,
  notInstalledDeviceCount: 1,
});

function answer(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer((request, response) => {
  // …/mobileApps/{appId}/userStatuses[/{id}]
  const segments = (request.url ?? "").split("?")[0]?.slice(PREFIX.length).split("/") ?? [];
  if (!request.url?.startsWith(PREFIX) || segments[1] !== "userStatuses") return answer(response, 404, {});

  if (request.method === "POST" && segments.length === 2) {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return answer(response, 400, {});
      }
      const status = { ...body, id: randomUUID() };
      statuses.set(status.id, status);
      answer(response, 201, status);
    });
    return;
  }
  if (request.method === "GET" && segments.length === 3) {
    const status = statuses.get(segments[2] as string);
    return status ? answer(response, 200, status) : answer(response, 404, {});
  }
  answer(response, 405, {});
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  if (address !== null && typeof address === "object") {
    console.log(`Baseline listening at http://127.0.0.1:${address.port}`);
  }
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

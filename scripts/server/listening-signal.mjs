// Preloaded (`node --import`) by scripts/server/start-server.ts into the server's process: once the server
// listens, writes its base URL and a newline to the file descriptor named by READY_FD_VARIABLE, a pipe that only
// the process which started it reads (the variable is removed at once: the server never sees it). That is the one readiness signal of every harness (tests, bench, soak, fuzz): it comes at any LOG_LEVEL
// and LOG_FORMAT, leaves stdout and stderr to the server, and is never a sleep or a poll. Plain JavaScript: it
// loads before the CLI registers tsx. It changes nothing else in the process.
import { writeSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";

/** start-server.ts sets it; not one of the server's settings (src/environment.ts). */
const READY_FD_VARIABLE = "GRAPH_INTUNE_READY_FD";
const readyFd = Number(process.env[READY_FD_VARIABLE]);
delete process.env[READY_FD_VARIABLE];
const listen = net.Server.prototype.listen;
let announced = false;

net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    // The first listener is the server's (HOST=localhost makes fastify listen twice: one address is enough).
    if (announced || !Number.isInteger(readyFd) || address === null || typeof address !== "object") return;
    announced = true;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    const protocol = this instanceof tls.Server ? "https" : "http";
    try {
      writeSync(readyFd, `${protocol}://${host}:${address.port}\n`);
    } catch {
      // The starter has gone: there is nobody to tell.
    }
  });
  return listen.apply(this, args);
};

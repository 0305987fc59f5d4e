// Preloaded (`node --import`) into the service under load. At LOG_LEVEL=warn it does not log its
// "Server listening" line; this one stderr line is the signal the benchmark waits on instead (never a sleep
// or a poll). Plain JavaScript: it loads before the CLI registers tsx. It changes nothing else in the process.
import net from "node:net";

// processes.ts waits for this text.
const LISTENING_SIGNAL = "bench: listening on port ";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    if (address !== null && typeof address === "object") process.stderr.write(`${LISTENING_SIGNAL}${address.port}\n`);
  });
  return listen.apply(this, args);
};

/**
 * A lean HTTP/1.1 load generator for the mock benchmark, in the manner of autocannon: `concurrency`
 * keep-alive sockets, each sending one GET at a time and reading just enough of the answer (status
 * line, Content-Length, body) to know it is complete. node:http's client costs more CPU per request
 * than a fast server does; with it, the generator and not the server would set the pace.
 */
import { connect, type Socket } from "node:net";

export interface LoadResult {
  /** Completed requests per second. */
  rate: number;
  requests: number;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/** One connection: `send()` resolves with the status of the next complete response. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly payload: Buffer,
  ) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    socket.on("error", (error) => this.waiting?.reject(error));
    socket.on("close", () => this.waiting?.reject(new Error("the server closed the connection")));
  }

  static open(url: URL, headers: Record<string, string>): Promise<Connection> {
    const lines = [
      `GET ${url.pathname}${url.search} HTTP/1.1`,
      `host: ${url.host}`,
      "connection: keep-alive",
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    const payload = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);
    return new Promise((resolvePromise, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.setNoDelay(true);
        resolvePromise(new Connection(socket, payload));
      });
      socket.once("error", reject);
    });
  }

  send(): Promise<number> {
    return new Promise((resolvePromise, reject) => {
      this.waiting = { resolve: resolvePromise, reject };
      this.socket.write(this.payload);
    });
  }

  private parse(): void {
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString("latin1");
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.waiting.reject(new Error(`an answer without Content-Length (status ${status}); this load generator reads only those`));
      return;
    }
    const total = end + HEADER_END.length + Number(length[1]);
    if (this.buffer.length < total) return;
    this.buffer = this.buffer.subarray(total);
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve(status);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** `concurrency` connections, each sending GETs back to back for `ms`; every answer must be a 200. */
export async function load(url: URL, headers: Record<string, string>, concurrency: number, ms: number): Promise<LoadResult> {
  const connections = await Promise.all(Array.from({ length: concurrency }, () => Connection.open(url, headers)));
  let requests = 0;
  const start = performance.now();
  const deadline = start + ms;
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (performance.now() < deadline) {
          const status = await connection.send();
          if (status !== 200) throw new Error(`${url.href}: HTTP ${status}`);
          requests += 1;
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  return { rate: (requests * 1000) / (performance.now() - start), requests };
}

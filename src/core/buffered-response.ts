/**
 * The transport's Response over a body it has already read (BufferedResponse). The class is made on
 * first use: declaring `extends Response` when the module loads would load undici, Node 20's fetch,
 * which took 25 of a client entry's 47 ms of cold import (BENCHMARKS.md §4) before any request.
 */

type BodyMember = "url" | "headers" | "body" | "bodyUsed" | "arrayBuffer" | "bytes" | "text" | "json" | "blob" | "formData" | "clone";
// Response as the subclass sees it: undici's types declare the body methods as properties, which a
// subclass may not redefine as methods.
type BodylessResponse = new (body: null, init: ResponseInit) => Omit<Response, BodyMember>;

/**
 * A Response over bytes already read. Node 20 makes every ReadableStream transferable (~9 µs a call,
 * the largest single cost the transport added), so the stream is built only if someone asks for
 * `body` or `formData()`; `text()`, `json()`, `arrayBuffer()`, `bytes()` and `blob()` read the bytes
 * directly, once, as a Response's would be.
 */
function makeClass() {
  const utf8 = new TextDecoder();
  return class BufferedResponse extends (Response as unknown as BodylessResponse) {
    #bytes: Uint8Array;
    #init: ResponseInit;
    #used = false;
    #stream: Response | undefined;
    #url: string;

    #headers: Headers;

    /**
     * `url`: new Response() cannot take one; the fetched response's is kept for callers that read it.
     * Headers given as a Headers object are kept as they are (the fetched response's, immutable as fetch
     * makes them), not copied: a copy cost about 3 µs a call.
     */
    constructor(bytes: Uint8Array, init: ResponseInit, url: string) {
      super(null, { status: init.status ?? 200, statusText: init.statusText ?? "" });
      this.#bytes = bytes;
      this.#init = init;
      this.#url = url;
      this.#headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    }

    get url(): string {
      return this.#url;
    }
    get headers(): Headers {
      return this.#headers;
    }

    /** The body unread again after the client's own read of it through openapi-fetch (`parseAs: "text"`). */
    static unread(response: Response): void {
      if (response instanceof BufferedResponse && !response.#stream) response.#used = false;
    }

    #read(): Uint8Array {
      if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
      this.#used = true;
      return this.#bytes;
    }

    /** A real Response over the bytes, built once someone wants the stream; it then answers every read. */
    #streamed(): Response {
      this.#stream ??= new Response(this.#bytes, this.#init);
      return this.#stream;
    }

    get body(): ReadableStream<Uint8Array> | null {
      return this.#used ? null : this.#streamed().body;
    }
    get bodyUsed(): boolean {
      return this.#used || (this.#stream?.bodyUsed ?? false);
    }
    async arrayBuffer(): Promise<ArrayBuffer> {
      if (this.#stream) return this.#stream.arrayBuffer();
      return this.#read().slice().buffer as ArrayBuffer;
    }
    async bytes(): Promise<Uint8Array<ArrayBuffer>> {
      if (this.#stream) return (this.#stream as Response & { bytes(): Promise<Uint8Array<ArrayBuffer>> }).bytes();
      return this.#read().slice();
    }
    async text(): Promise<string> {
      if (this.#stream) return this.#stream.text();
      return utf8.decode(this.#read());
    }
    async json(): Promise<unknown> {
      return JSON.parse(await this.text());
    }
    async blob(): Promise<Blob> {
      if (this.#stream) return this.#stream.blob();
      return new Blob([this.#read().slice()], { type: this.headers.get("content-type") ?? "" });
    }
    async formData(): Promise<FormData> {
      if (this.#used) this.#read();
      return this.#streamed().formData();
    }
    clone(): Response {
      if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
      return new BufferedResponse(this.#bytes, this.#init, this.#url);
    }
  };
}

/** What the transport and the client use of the class. */
interface BufferedResponseClass {
  new (bytes: Uint8Array, init: ResponseInit, url: string): Response;
  /** The body unread again after the client's own read of it through openapi-fetch (`parseAs: "text"`). */
  unread(response: Response): void;
}

let made: BufferedResponseClass | undefined;

/** A Response over `bytes`, with `init`'s status and headers (a Headers object is kept, not copied) and the fetched `url`. */
export function bufferedResponse(bytes: Uint8Array, init: ResponseInit, url: string): Response {
  made ??= makeClass();
  return new made(bytes, init, url);
}

/** Marks a buffered response's body unread again; any other response is left alone. */
export function unreadBuffered(response: Response): void {
  made?.unread(response);
}

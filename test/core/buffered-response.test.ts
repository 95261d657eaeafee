/** The transport's BufferedResponse reads like any Response: once, by every body method, cloned, streamed. */
import { describe, expect, it } from "vitest";
import { createCommetClient } from "../../src/commet/index.js";
import { bufferedResponse } from "../../src/core/buffered-response.js";

const BODY = { success: true, data: { id: "adn_1", name: "Priority support" } };
const bytes = () => new TextEncoder().encode(JSON.stringify(BODY));
const URL_ = "http://127.0.0.1:1/api/v1/addons/adn_1";
const init = { status: 200, headers: { "content-type": "application/json" } };

describe("BufferedResponse", () => {
  it("answers text(), json(), arrayBuffer(), bytes() and blob() with the bytes, once", async () => {
    expect(await bufferedResponse(bytes(), init, URL_).text()).toBe(JSON.stringify(BODY));
    expect(await bufferedResponse(bytes(), init, URL_).json()).toEqual(BODY);
    expect(new TextDecoder().decode(await bufferedResponse(bytes(), init, URL_).arrayBuffer())).toBe(JSON.stringify(BODY));
    expect(new TextDecoder().decode(await (bufferedResponse(bytes(), init, URL_) as Response & { bytes(): Promise<Uint8Array> }).bytes())).toBe(
      JSON.stringify(BODY),
    );
    const blob = await bufferedResponse(bytes(), init, URL_).blob();
    expect([blob.type, await blob.text()]).toEqual(["application/json", JSON.stringify(BODY)]);
    const response = bufferedResponse(bytes(), init, URL_);
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it("streams its body on request, and is then read through that stream only", async () => {
    const response = bufferedResponse(bytes(), init, URL_);
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(response.body).text()).toBe(JSON.stringify(BODY));
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("clones into an independent copy that keeps the url", async () => {
    const response = bufferedResponse(bytes(), init, URL_);
    const copy = response.clone();
    expect([response.url, copy.url, copy.status, await copy.json(), await response.json()]).toEqual([URL_, URL_, 200, BODY, BODY]);
  });

  it("leaves a client's 2xx response unread for the caller after the client decoded it", async () => {
    const fetch = async () => Object.defineProperty(new Response(JSON.stringify(BODY), init), "url", { value: `${URL_}?served=1` });
    const client = createCommetClient({ apiKey: "ck_sandbox_buffered", baseUrl: "http://127.0.0.1:1/api/v1", fetch });
    const result = await client.GET("/addons/{id}", { params: { path: { id: "adn_1" } } });
    expect(result.data).toEqual(BODY);
    expect(result.response.bodyUsed).toBe(false);
    expect(result.response.url).toBe(`${URL_}?served=1`);
    expect(await result.response.json()).toEqual(BODY);
  });

  it("keeps the fetched response's headers, status and status text, and the headers of a clone and of its stream", async () => {
    const fetched = new Response("{}", { status: 201, statusText: "Created", headers: { "content-type": "application/json", "x-request-id": "req_1" } });
    const response = bufferedResponse(bytes(), { status: fetched.status, statusText: fetched.statusText, headers: fetched.headers }, URL_);
    expect(response.headers).toBe(fetched.headers);
    expect([response.status, response.statusText, response.ok]).toEqual([201, "Created", true]);
    expect(response.clone().headers.get("x-request-id")).toBe("req_1");
    expect(bufferedResponse(bytes(), init, URL_).headers.get("content-type")).toBe("application/json");
    const streamed = bufferedResponse(bytes(), { status: 200, headers: fetched.headers }, URL_);
    expect(streamed.body).not.toBeNull();
    expect(streamed.headers.get("x-request-id")).toBe("req_1");
  });
});

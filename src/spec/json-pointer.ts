/** JSON Pointer (RFC 6901) tokens: `~` is written `~0` and `/` is written `~1`; decoding undoes `~1` first. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The tokens of a pointer, decoded (`""` is the whole document: no tokens). */
export function pointerTokens(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeToken);
}

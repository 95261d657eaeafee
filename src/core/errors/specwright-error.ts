/**
 * The base of every error specwright throws, and `isSpecwrightError()`, which recognises one even when
 * `instanceof` cannot: an error from another copy of the package (two versions in node_modules, a
 * bundle and its source) or from another realm (a vm context, an iframe) has another class object.
 */

// A registered symbol is the same in every copy of this module and every realm of the process, where
// a class or a module-local symbol is not. On the prototype, so it is in no error's own keys or JSON.
const BRAND = Symbol.for("specwright.error");

/**
 * Every error specwright throws extends this, directly or through `ApiError`; `name` says which one.
 * Thrown as it is only for a fault with no class of its own (a runtime without Web Crypto, a server
 * that breaks the pagination it documents).
 */
export class SpecwrightError extends Error {
  override name = "SpecwrightError";
}

Object.defineProperty(SpecwrightError.prototype, BRAND, { value: true });

/**
 * Whether `value` is an error thrown by specwright, from any copy of the package or any realm; its
 * `name` says which class. Never throws, whatever `value` is.
 */
export function isSpecwrightError(value: unknown): value is SpecwrightError {
  if (typeof value !== "object" || value === null) return false;
  try {
    return (value as { [BRAND]?: unknown })[BRAND] === true;
  } catch {
    // A revoked Proxy throws on any property read: it is no specwright error.
    return false;
  }
}

import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the current request: the server sets it per response, and
 * Remix's inline scripts carry it. Empty in the browser, which hides nonces from the DOM anyway.
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}

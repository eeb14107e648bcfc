import { findChromium } from "./browser";

/**
 * Whether the e2e suite can run here. Without a browser it is skipped locally with a reason,
 * but under CI=true a missing browser is a failure, not a silent skip.
 */
export function e2eAvailability(): { run: boolean; reason?: string } {
  if (findChromium()) return { run: true };
  const reason = "e2e skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)";
  if (process.env.CI === "true") throw new Error(`${reason}; CI=true requires the browser`);
  console.warn(reason);
  return { run: false, reason };
}

/** Expiry math shared by main (planning) and the renderer (countdowns). Pure. */

/** Absolute expiry: response receipt time + expires_in seconds; null means never. */
export function computeExpiresAt(receivedAtMs: number, expiresIn: number | null | undefined): string | null {
  if (expiresIn === null || expiresIn === undefined) return null;
  return new Date(receivedAtMs + expiresIn * 1000).toISOString();
}

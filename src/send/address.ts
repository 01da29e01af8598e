/**
 * Email addresses of subscribers: normalising, checking, and showing them without showing them.
 */

/** The form used for identity: trimmed, lower-cased (so `Bob@X.org` and `bob@x.org` are one subscriber). */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** A plain `local@domain.tld` address (no display name, no spaces, no control characters). */
const ADDRESS = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]{1,64}@(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,63}$/i;

/** Whether an address can be sent to. */
export function isValidAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address);
}

/** An address as it may appear in a log: first character and domain shape only (`b***@e***.org`). */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return `${address.slice(0, 1)}***`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***${tld}`;
}

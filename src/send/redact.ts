/**
 * Removes addresses and credentials from text before it is logged or printed
 * (SMTP servers echo recipient addresses in their replies; URLs may carry passwords).
 */
const EMAIL = /[\p{L}\p{N}._%+\-!#$&'=?^`{|}~]+@[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]{2,}/gu;
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]*(?::[^/\s@]*)?@/gi;

/** Text with email addresses and `user:pass@` parts replaced, and any given secret removed. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(URL_CREDENTIALS, '$1***@').replace(EMAIL, '<address>');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

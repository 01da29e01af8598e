/**
 * Per-run settings of a send from the config and environment: From, List-Id, unsubscribe
 * addresses, DKIM.
 */
import type { Config } from '../config/schema.js';
import { addressOf, type ListSettings } from './compose-message.js';
import { TransportConfigError, type TransportSettings } from './transport.js';

/** From, List-Id, unsubscribe addresses for this run. */
export function listSettings(config: Config, overSmtp: boolean): ListSettings {
  if (overSmtp && !config.send.from) {
    throw new TransportConfigError('set "send.from" in digestcast.config.json (e.g. "论文速递 <papers@your-domain.org>"): SMTP servers need a From address they accept');
  }
  const from = config.send.from ?? 'digestcast <digestcast@localhost>';
  const host = new URL(config.siteUrl).hostname;
  const listId = config.send.listId ?? (host.includes('.') ? `digest.${host}` : `digestcast.${host}.invalid`);
  const fromAddress = addressOf(from);
  const settings: ListSettings = {
    from,
    envelopeFrom: fromAddress,
    listId,
    listName: config.title,
    unsubscribeMailto: config.send.unsubscribeMailto ?? fromAddress,
    siteUrl: config.siteUrl,
    messageIdDomain: fromAddress.split('@')[1] ?? listId,
  };
  if (config.send.replyTo) settings.replyTo = config.send.replyTo;
  if (config.send.unsubscribeUrl) settings.unsubscribeUrl = config.send.unsubscribeUrl;
  if (config.send.oneClickUnsubscribeUrl) settings.oneClickUrl = config.send.oneClickUnsubscribeUrl;
  return settings;
}

/** DKIM from DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY (PEM; `\n` escapes allowed). */
export function dkimSettings(env: Readonly<Record<string, string | undefined>>): TransportSettings['dkim'] {
  const { DKIM_DOMAIN: domainName, DKIM_SELECTOR: keySelector, DKIM_PRIVATE_KEY: key } = env;
  if (!domainName && !keySelector && !key) return undefined;
  if (!domainName || !keySelector || !key) throw new TransportConfigError('DKIM needs all three of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY');
  return { domainName, keySelector, privateKey: key.replace(/\\n/g, '\n') };
}

/**
 * Refuses a send over SMTP whose links would all be dead: a `siteUrl` on this machine
 * (localhost, a loopback address, `.localhost`, `.invalid`, `.test`), unless forced.
 */
export function checkSiteUrlForSending(config: Config, allowLocal: boolean): void {
  if (allowLocal) return;
  const host = new URL(config.siteUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local = host === 'localhost' || host === '::1' || host === '0.0.0.0' || /^127\./.test(host) || /\.(localhost|invalid|test|local)$/.test(host);
  if (local) {
    throw new TransportConfigError(
      `siteUrl is ${config.siteUrl}: every link in the mail (the day's page, the feeds, the archive) would be dead for subscribers. Set "siteUrl" (or DIGESTCAST_SITE_URL) to where out/ is published, or pass --allow-local-site-url to send anyway.`,
    );
  }
}

/** The password in SMTP_URL, to keep out of every message printed. */
export function safePassword(smtpUrl: string): string | undefined {
  try {
    return decodeURIComponent(new URL(smtpUrl).password) || undefined;
  } catch {
    return undefined;
  }
}


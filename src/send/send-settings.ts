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
    listId,
    listName: config.title,
    unsubscribeMailto: config.send.unsubscribeMailto ?? fromAddress,
    messageIdDomain: fromAddress.split('@')[1] ?? listId,
  };
  if (config.send.replyTo) settings.replyTo = config.send.replyTo;
  if (config.send.unsubscribeUrl) settings.unsubscribeUrl = config.send.unsubscribeUrl;
  return settings;
}

/** DKIM from DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY (PEM; `\n` escapes allowed). */
export function dkimSettings(env: Readonly<Record<string, string | undefined>>): TransportSettings['dkim'] {
  const { DKIM_DOMAIN: domainName, DKIM_SELECTOR: keySelector, DKIM_PRIVATE_KEY: key } = env;
  if (!domainName && !keySelector && !key) return undefined;
  if (!domainName || !keySelector || !key) throw new TransportConfigError('DKIM needs all three of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY');
  return { domainName, keySelector, privateKey: key.replace(/\\n/g, '\n') };
}

export function safePassword(smtpUrl: string): string | undefined {
  try {
    return decodeURIComponent(new URL(smtpUrl).password) || undefined;
  } catch {
    return undefined;
  }
}


/**
 * The configuration file's shape, defaults and validation. Pure: `load-config.ts` reads the file.
 * Every key has a default so a fresh clone builds without a config file.
 */
import { z } from 'zod';
import { SUPPORTED_LANGUAGE_TAGS, uiLanguageOf, uiStrings } from '../view/ui-strings.js';
import { foldKeyword } from '../project/topics.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as https://you.github.io/digests/' });
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number({ error: `expected a whole number from ${min} to ${max}` }).int({ error: `expected a whole number from ${min} to ${max}` }).min(min, { error: `expected a whole number from ${min} to ${max}` }).max(max, { error: `expected a whole number from ${min} to ${max}` });

const languageTag = z
  .string()
  .refine(
    (tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'expected a language tag such as "zh-CN" or "en"', abort: true },
  )
  .refine((tag) => uiLanguageOf(tag) !== undefined, { error: (issue) => `digestcast has no strings for "${String(issue.input)}"; expected one of ${SUPPORTED_LANGUAGE_TAGS}` });

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected an IANA time zone such as "Asia/Shanghai" or "UTC"' },
);

const feedsSchema = z
  .object({
    /** Digest days in the subscription feeds (newest first). */
    days: wholeNumber(1, 366).default(7),
    /** Most entries in one feed file. */
    maxEntries: wholeNumber(1, 100_000).default(10_000),
    /** Largest feed file; older entries are left to the archives beyond it. */
    maxBytes: wholeNumber(20_000, 50_000_000).default(1_000_000),
    /** Days in the daily-issue feed (`issues.xml`, `issues.json`). */
    issueDays: wholeNumber(1, 366).default(30),
  })
  .strict();

const emailSchema = z
  .object({
    /**
     * Subject line, a Handlebars template: {{sources}}, {{date}}, {{count}}, {{papers}} (`10 篇`),
     * {{siteTitle}}. Unset: the default of the `language` (`{{sources}} 每日速递 · {{date}} · {{count}} 篇`).
     */
    subject: z.string().min(1, { error: 'must not be empty' }).optional(),
    /**
     * Largest HTML part as sent, in bytes after its transfer encoding (base64, about 4/3 of the
     * HTML); the text part gets the same budget. Gmail clips messages over about 102 KB and
     * hides the unsubscribe link.
     */
    maxHtmlBytes: wholeNumber(30_000, 102_000).default(100_000),
    /** Abstracts in the full layout are cut to about this many characters. */
    abstractChars: wholeNumber(0, 5000).default(240),
    /** Days (newest first) that get email previews in out/email/ at each build. */
    previewDays: wholeNumber(0, 3660).default(30),
  })
  .strict();

const sendSchema = z
  .object({
    /** From header, e.g. "论文速递 <papers@example.org>". Required when sending over SMTP. */
    from: z.string().min(3).optional(),
    replyTo: z.string().min(3).optional(),
    /** List-Id (RFC 2919), e.g. "papers.example.org"; by default made from the site's host. */
    listId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9.-]+$/, { error: 'expected a dotted name such as papers.example.org' }).optional(),
    /** Address that receives "unsubscribe <token>" mails (List-Unsubscribe mailto:); defaults to the From address. */
    unsubscribeMailto: z.email({ error: 'expected an email address' }).optional(),
    /**
     * Unsubscribe page a person opens from the footer link (GET); `token=<token>` is appended.
     * Also the one-click endpoint when `oneClickUnsubscribeUrl` is not set.
     */
    unsubscribeUrl: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).optional(),
    /** RFC 8058 one-click endpoint (POST `List-Unsubscribe=One-Click`, no page); `token=<token>` is appended. */
    oneClickUnsubscribeUrl: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).optional(),
    /** Postal address shown in every email's footer (CAN-SPAM asks commercial senders for one). */
    postalAddress: z.string().trim().min(5, { error: 'expected a postal address' }).max(300).optional(),
    /** CSV of subscribers (email, name, sources), read in addition to the SUBSCRIBERS variable. */
    subscribersFile: z.string().min(1).optional(),
    /** Messages per second through SMTP (0: no limit). */
    ratePerSecond: z.number({ error: 'expected a number of messages per second (0 for no limit)' }).min(0).max(10_000).default(5),
    /** SMTP connections kept open in the pool. */
    maxConnections: wholeNumber(1, 50).default(3),
    /** Most messages one run sends; the rest go out on the next run. */
    maxPerRun: wholeNumber(1, 10_000_000).default(2000),
    /** Retries of a temporary failure (4xx, dropped connection, timeout), with exponential backoff. */
    retries: wholeNumber(0, 10).default(4),
    /** First backoff delay; doubled on each retry. */
    retryBaseMs: wholeNumber(1, 600_000).default(2000),
    /** SMTP connection, greeting and socket timeout. */
    timeoutMs: wholeNumber(1000, 600_000).default(30_000),
    /** Hosts to which SMTP may go without TLS (the password and mail in plaintext): only servers on a network you trust. */
    allowPlaintextHosts: z.array(z.string().min(1)).default([]),
    /** The same rejection for this many different recipients in a row is an outage, not bounces. */
    outageAfter: wholeNumber(2, 10_000).default(10),
    /** A run stops sending after this many seconds (keep it under the Action's timeout-minutes). */
    runDeadlineSeconds: wholeNumber(5, 86_400).default(2400),
    /** With --checkpoint: most recorded messages that may be unsaved (what a lost runner can repeat). */
    checkpointEvery: wholeNumber(1, 1_000_000).default(100),
    /** With --checkpoint: most seconds between saves while sending. */
    checkpointSeconds: wholeNumber(1, 3600).default(60),
    /** Consecutive days of permanent rejection after which an address is suppressed. */
    suppressAfterBounceDays: wholeNumber(1, 365).default(3),
    /** `digestcast run` sends every day of the last this many digest days that has no completed send. */
    catchUpDays: wholeNumber(1, 60).default(3),
  })
  .strict();

const upstreamSchema = z
  .object({
    /**
     * Raw URL of a day's digest in the upstream repository, with {date} (YYYY-MM-DD) and
     * {source}, e.g. https://raw.githubusercontent.com/you/papers/main/digests/{date}-{source}.md.
     * Without {source}, one combined file per day ({date}.md) is fetched.
     */
    urlTemplate: z
      .string()
      .refine((t) => /^https?:\/\//.test(t) && t.includes('{date}'), { error: 'expected an http(s) URL containing {date} (and usually {source})' })
      .optional(),
    sources: z.array(z.string().regex(/^[a-z0-9-]+$/, { error: 'expected lower-case source names such as "arxiv"' })).min(1).default(['arxiv', 'biorxiv', 'medrxiv']),
    /** Fetch the last this many calendar days (today included), so a missed run catches up. */
    days: wholeNumber(1, 60).default(3),
    timeoutMs: wholeNumber(1000, 300_000).default(20_000),
  })
  .strict();

const searchSchema = z
  .object({
    /** Build the search index (`out/pagefind/`, one Pagefind bundle per month) and the search page. */
    enabled: z.boolean().default(true),
  })
  .strict();

const topicSchema = z
  .object({
    /** URL-safe slug: the topic's feeds are `topics/<id>.atom`, `.rss`, `.json`; subscribers name it in their `topics` column. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a URL-safe id of lower-case letters, digits and hyphens, such as "diffusion" or "large-models"' }).max(64),
    /** Name shown to readers (feed titles, the site, email subjects). */
    title: z.string().trim().min(1, { error: 'must not be empty' }),
    /** Words or phrases (any language), case-insensitive; any one puts a paper on the topic. */
    keywords: z
      .array(z.string().trim().min(1, { error: 'must not be empty' }), { error: 'expected a list of keywords such as ["diffusion", "扩散"]' })
      .min(1, { error: 'expected at least one keyword' })
      .superRefine((keywords, ctx) => {
        const seen = new Map<string, number>();
        keywords.forEach((keyword, i) => {
          const folded = foldKeyword(keyword);
          const earlier = seen.get(folded);
          if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `repeats keyword ${earlier} ("${keywords[earlier]}") up to case or width` });
          else seen.set(folded, i);
        });
      }),
    description: z.string().optional(),
  })
  .strict();

/** Topics: each an id, a title and keywords; ids unique. */
const topicsSchema = z.array(topicSchema, { error: 'expected a list of topics such as [{"id": "diffusion", "title": "扩散模型", "keywords": ["diffusion", "扩散"]}]' }).superRefine((topics, ctx) => {
  const seen = new Map<string, number>();
  topics.forEach((topic, i) => {
    const earlier = seen.get(topic.id);
    if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${topic.id}" is already the id of topics[${earlier}]; ids must be unique` });
    else seen.set(topic.id, i);
  });
});

export const configSchema = z
  .object({
    /** Where `out/` is published; feed ids and self links are made from it. */
    siteUrl: httpUrl.default('http://localhost:8080/'),
    /** Site and feed title; unset: the default of the `language` (`论文每日速递`). */
    title: z.string().min(1, { error: 'must not be empty' }).optional(),
    /** Site and feed description; unset: the default of the `language`. */
    description: z.string().optional(),
    author: z
      .object({
        name: z.string().min(1, { error: 'must not be empty' }),
        email: z.email({ error: 'expected an email address' }).optional(),
        url: httpUrl.optional(),
      })
      .strict()
      .default({ name: 'digestcast' }),
    /**
     * Language of titles and abstracts (`xml:lang`, `<html lang>`), and of digestcast's own words
     * (`zh`/`zh-CN`/`zh-Hans` or `en`/`en-US`/`en-GB`; see `src/view/ui-strings.ts`).
     */
    language: languageTag.default('zh-CN'),
    /** Time zone of the digest days: a day's entries are dated at its midnight there. */
    timeZone: timeZone.default('Asia/Shanghai'),
    digestsDir: z.string().min(1).default('digests'),
    outDir: z.string().min(1).default('out'),
    /** Caches and ledgers; never published. */
    stateDir: z.string().min(1).default('.digestcast'),
    templatesDir: z.string().min(1).default('templates'),
    feeds: feedsSchema.default(feedsSchema.parse({})),
    email: emailSchema.default(emailSchema.parse({})),
    send: sendSchema.default(sendSchema.parse({})),
    upstream: upstreamSchema.default(upstreamSchema.parse({})),
    search: searchSchema.default(searchSchema.parse({})),
    /**
     * Topics readers can follow across sources: each gets its own feeds (`topics/<id>.atom` …),
     * a place on the site, and subscribers can ask for just its papers (CSV column `topics`).
     * See `src/project/topics.ts` for how keywords match.
     */
    topics: topicsSchema.default([]),
  })
  .strict();

/** The config as the schema reads it: the defaults that are words not yet filled in. */
type ParsedConfig = z.infer<typeof configSchema>;

/** A validated configuration with every default filled in (the word defaults in the config's `language`). */
export type Config = Omit<ParsedConfig, 'title' | 'description' | 'email'> & {
  title: string;
  description: string;
  email: ParsedConfig['email'] & { subject: string };
};

/** A configuration problem, naming the key. */
export interface ConfigProblem {
  key: string;
  message: string;
}

const SECRET_KEY = /pass(word)?|secret|token|smtp|subscriber|credential|dkim|private/i;

/** Validates a parsed config object. */
export function validateConfig(input: unknown): { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] } {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, config: normalize(result.data) };
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) {
    const path = keyOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const full = path ? `${path}.${key}` : key;
        problems.push({
          key: full,
          message: SECRET_KEY.test(key)
            ? 'secrets do not belong in the config file (it is committed); set SMTP_URL, SUBSCRIBERS, UNSUBSCRIBE_SECRET as environment variables or GitHub secrets'
            : `unknown key; known keys here: ${knownKeys(issue.path).join(', ')}`,
        });
      }
    } else {
      const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
      problems.push({ key: path || '(top level)', message: missing ? 'is required' : issue.message });
    }
  }
  return { ok: false, problems };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** A key as people write it: `feeds.days`, `topics[1].id`. */
function keyOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, part) => (typeof part === 'number' ? `${key}[${part}]` : key ? `${key}.${String(part)}` : String(part)), '');
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  let shape: z.ZodType = configSchema;
  for (const part of path) {
    const inner = unwrap(shape);
    if (typeof part === 'number' && inner instanceof z.ZodArray) shape = inner.element as z.ZodType;
    else if (inner instanceof z.ZodObject) shape = (inner.shape as Record<string, z.ZodType>)[String(part)]!;
    else return [];
  }
  const inner = unwrap(shape);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(type: z.ZodType): z.ZodType {
  let t = type;
  while (t instanceof z.ZodDefault || t instanceof z.ZodOptional) t = t.unwrap() as z.ZodType;
  return t;
}

/** The site URL always ends in `/`, so relative paths resolve under it; unset words come from the `language`'s strings. */
function normalize(config: ParsedConfig): Config {
  const siteUrl = config.siteUrl.endsWith('/') ? config.siteUrl : `${config.siteUrl}/`;
  const words = uiStrings(config.language);
  return {
    ...config,
    siteUrl,
    title: config.title ?? words.defaultTitle,
    description: config.description ?? words.defaultDescription,
    email: { ...config.email, subject: config.email.subject ?? words.defaultSubject },
  };
}

/** The configuration used when there is no config file. */
export function defaultConfig(): Config {
  const result = validateConfig({});
  if (!result.ok) throw new Error('default configuration is invalid');
  return result.config;
}

/**
 * English: digestcast's own words for readers (`language`: `en`, `en-US`, `en-GB`, any `en-…`).
 */
import type { FetchFailureReason } from '../../model.js';
import type { UiStrings } from '../ui-strings.js';

/** A fetch failure's reason in a few words (the HTTP status, when known, goes before them). */
const REASON_WORDS: Readonly<Record<FetchFailureReason, string>> = {
  'rate-limited': 'rate limited',
  'server-error': 'server error',
  timeout: 'timed out',
  connection: 'could not connect',
  'http-error': 'request refused',
  'no-content': 'digest incomplete',
  unknown: '',
};

const papers = (count: number) => (count === 1 ? '1 paper' : `${count} papers`);

export const en: UiStrings = {
  papers,
  noNewPapers: 'no new papers',
  fetchFailed: (reason, httpStatus) => {
    const words = [httpStatus === undefined ? '' : `HTTP ${httpStatus}`, REASON_WORDS[reason]].filter(Boolean).join(', ');
    return words ? `fetch failed (${words})` : 'fetch failed';
  },
  sourceCount: (name, status) => `${name}: ${status}`,
  sourceWithStatus: (name, status, failed) => (failed ? `${name} · ${status}` : `${name} (${status})`),
  sourceStatusLine: (name, status) => `${name}: ${status}`,
  dayHeading: (date) => `Papers of ${date}`,
  issueSummary: (date, count) => `${date}: ${papers(count)}`,
  withNote: (text, note) => `${text} (${note})`,
  colon: ': ',
  archiveName: (month, page) => `archive ${month}${page === undefined ? '' : `, page ${page}`}`,

  pdf: 'PDF',
  fullText: 'Full text',
  abstractPage: 'Abstract',
  code: 'Code',
  publishedOn: 'Published',
  translatedTitle: 'Translated title',
  exportDay: 'Export',
  firstListedOn: 'First listed on',
  listedEarlier: (date) => `first listed on ${date}`,
  translatorNote: "Translator's note",
  untitled: (sourceName, id) => `(untitled) ${sourceName} ${id}`,

  subscribe: 'Subscribe',
  dailyIssue: 'Daily issue',
  oneEntryADay: 'one entry a day',
  allFeeds: 'All feeds',
  allSources: 'All sources',
  allDays: 'All days',
  dayNavigation: 'Days',
  sourcesNavigation: 'Sources',
  latestIssue: 'Latest issue: ',
  wholeIssue: 'All abstracts of this issue →',
  noIssuesPut: 'No issues yet. Put digest files in ',
  noIssuesThenRun: ' and run ',
  noIssuesEnd: ' again.',
  opmlPick: 'Import into a feed reader (OPML), pick one: ',
  opmlAllIs: 'is one feed with every paper; ',
  opmlSourcesIs: 'has one feed per source. Each paper is in the file you pick once; import both, or subscribe to the RSS/JSON versions as well, and the same paper shows up several times.',
  siteFooterNote: 'Titles and abstracts are machine translations; the original text is authoritative. Made with digestcast.',
  allPapers: 'all papers',
  bySource: 'by source',

  topics: 'Topics',
  keywords: 'Keywords',
  topicsIntro: 'A topic’s feeds hold the papers whose title or abstract mentions one of its keywords (in any case). All topics at once: ',
  topicsOpmlIs: ' (a paper on several topics is in each of their feeds).',
  byTopic: 'by topic',
  topicFeedSubtitle: (title, keywords) => `Topic “${title}”: papers whose title or abstract mentions ${keywords.join(', ')}`,
  topicDayHeading: (date, titles) => `Papers of ${date} · ${titles.join(', ')}`,
  subscribedToTopics: (siteTitle, titles) => `You are receiving this email because you subscribed to the topics ${titles.map((t) => `“${t}”`).join(', ')} of “${siteTitle}”; it lists only the papers on them.`,
  search: 'Search',
  searchHeading: 'Search papers',
  searchLabel: 'Words from a title, an author or an abstract',
  searchPlaceholder: 'e.g. diffusion, an author, Chinese words',
  searchHint: 'Searches the Chinese and English titles, authors and abstracts of every day.',
  searchLoading: 'Searching…',
  searchNoResults: 'No papers found.',
  searchResultCount: 'Papers found: {count}',
  searchMore: 'Show more results',
  searchUnavailable: 'The search index is missing or could not be loaded.',
  searchNeedsJs: 'Search needs JavaScript in your browser.',

  viewInBrowser: 'View in your browser',
  machineTranslated: 'Titles and abstracts are machine translations; the original text is authoritative.',
  subscribedTo: (siteTitle) => `You are receiving this email because you subscribed to “${siteTitle}”.`,
  unsubscribe: 'Unsubscribe',
  website: 'Website',
  feedSubscription: 'RSS/Atom feed',
  issueFeedSubscription: 'Daily issue feed',
  textSourceHeading: (name, status, failed) => (failed ? `== ${name} · ${status} ==` : `== ${name} (${status}) ==`),
  moreOnline: (hidden, count) => `${hidden} more not listed in this email: see all ${count} on the website →`,
  moreOnlineText: (hidden, count) => `${hidden} more not listed in this email; all ${count}`,
  noticeTruncated: (total, perSource, hidden) => `Many papers today (${total} in all): this email lists the titles of the first ${perSource} of each source; see the other ${hidden} on the website.`,
  noticeTitlesOnly: (total) => `Many papers today (${total} in all): this email lists titles only; see the abstracts on the website.`,

  allAbstractsOnline: 'All abstracts on the website',
  feedPageSuffix: ' (feed)',
  feedNotice: 'This is a feed: copy the address of this page into a feed reader such as Feedly, Inoreader, NetNewsWire or Thunderbird to subscribe.',
  archiveNoticeBefore: 'This is an archive page of a feed (older papers). To subscribe, copy the address of the ',
  archiveNoticeLink: 'current feed',
  archiveNoticeAfter: ' into your feed reader.',
  openWebsite: 'Open the website',
  andOthers: ' et al.',
  listSeparator: ', ',
  opmlPageSuffix: ' (OPML subscription list)',
  opmlNotice:
    'This is an OPML subscription list: choose “Import OPML” in a feed reader such as Feedly, Inoreader, NetNewsWire or Thunderbird and give it the address of this page (or download the file and import it) to subscribe to all the feeds below at once. You can also subscribe to any one of them.',

  defaultTitle: 'Daily papers',
  defaultDescription: 'New papers from arXiv, bioRxiv and medRxiv every day: titles and abstracts, with PDF links.',
  defaultSubject: '{{sources}} daily · {{date}} · {{papers}}',
};

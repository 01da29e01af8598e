/**
 * Simplified Chinese: digestcast's own words for readers (`language`: `zh`, `zh-CN`, `zh-Hans`).
 */
import type { FetchFailureReason } from '../../model.js';
import type { UiStrings } from '../ui-strings.js';

/** A fetch failure's reason in a few words (the HTTP status, when known, goes before them). */
const REASON_WORDS: Readonly<Record<FetchFailureReason, string>> = {
  'rate-limited': '限流',
  'server-error': '服务器错误',
  timeout: '超时',
  connection: '连接失败',
  'http-error': '请求被拒绝',
  'no-content': '摘要文件不完整',
  unknown: '',
};

export const zhCN: UiStrings = {
  papers: (count) => `${count} 篇`,
  noNewPapers: '当天没有新论文',
  fetchFailed: (reason, httpStatus) => {
    const words = [httpStatus === undefined ? '' : `HTTP ${httpStatus}`, REASON_WORDS[reason]].filter(Boolean).join('，');
    return words ? `抓取失败（${words}）` : '抓取失败';
  },
  sourceCount: (name, status) => `${name} ${status}`,
  sourceWithStatus: (name, status, failed) => (failed ? `${name} · ${status}` : `${name}（${status}）`),
  sourceStatusLine: (name, status) => `${name}：${status}`,
  dayHeading: (date) => `${date} 论文速递`,
  issueSummary: (date, count) => `${date}：共 ${count} 篇论文`,
  withNote: (text, note) => `${text}（${note}）`,
  colon: '：',
  archiveName: (month, page) => `${month} 存档${page === undefined ? '' : ` 第 ${page} 页`}`,

  pdf: 'PDF',
  fullText: '全文',
  abstractPage: '摘要页',
  code: '代码',
  publishedOn: '发布于',
  firstListedOn: '首次收录于',
  listedEarlier: (date) => `已于 ${date} 收录`,
  translatorNote: '译者注',
  untitled: (sourceName, id) => `（无标题）${sourceName} ${id}`,

  subscribe: '订阅',
  dailyIssue: '每日一期',
  oneEntryADay: '每天一条',
  allFeeds: '全部订阅源',
  allSources: '全部来源',
  allDays: '全部日期',
  dayNavigation: '日期',
  sourcesNavigation: '来源',
  latestIssue: '最新一期：',
  wholeIssue: '查看这一期的全部摘要 →',
  noIssuesPut: '还没有任何一期。把摘要文件放进 ',
  noIssuesThenRun: ' 后重新运行 ',
  noIssuesEnd: '。',
  opmlPick: '导入阅读器（OPML），二选一：',
  opmlAllIs: '是一个订阅源，含全部论文；',
  opmlSourcesIs: '是每个来源一个订阅源。每篇论文在所选文件里只出现一次；两个都导入、或再另订 RSS/JSON 版本，同一篇就会出现多次。',
  siteFooterNote: '标题与摘要为机器翻译，请以原文为准。由 digestcast 生成。',
  allPapers: '全部论文',
  bySource: '按来源',

  search: '搜索',
  searchHeading: '搜索论文',
  searchLabel: '标题、作者或摘要中的词',
  searchPlaceholder: '例如：扩散模型、diffusion、作者姓名',
  searchHint: '在全部日期的中文标题、英文标题、作者和摘要中搜索。',
  searchLoading: '正在搜索…',
  searchNoResults: '没有找到论文。',
  searchResultCount: '找到 {count} 篇论文',
  searchMore: '显示更多结果',
  searchUnavailable: '搜索索引尚未生成或无法加载。',
  searchNeedsJs: '搜索需要浏览器启用 JavaScript。',

  viewInBrowser: '在浏览器中查看',
  machineTranslated: '标题与摘要为机器翻译，请以原文为准。',
  subscribedTo: (siteTitle) => `你收到这封邮件，是因为订阅了「${siteTitle}」。`,
  unsubscribe: '退订',
  website: '网站',
  feedSubscription: 'RSS/Atom 订阅',
  issueFeedSubscription: '每日一期订阅',
  // The full-width bracket is space enough before the closing `==`.
  textSourceHeading: (name, status, failed) => (failed ? `== ${name} · ${status} ==` : `== ${name}（${status}）==`),
  moreOnline: (hidden, count) => `还有 ${hidden} 篇未在邮件中列出，在网页上查看全部 ${count} 篇 →`,
  moreOnlineText: (hidden, count) => `还有 ${hidden} 篇未在邮件中列出，全部 ${count} 篇`,
  noticeTruncated: (total, perSource, hidden) => `今天论文很多（共 ${total} 篇），邮件里每个来源只列出前 ${perSource} 篇的标题，其余 ${hidden} 篇请在网页上查看。`,
  noticeTitlesOnly: (total) => `今天论文很多（共 ${total} 篇），邮件里只列出标题；摘要请在网页上查看。`,

  allAbstractsOnline: '在网页上查看全部摘要',
  feedPageSuffix: '（订阅源）',
  feedNotice: '这是一个订阅源（feed）：把这个网页的地址复制到 Feedly、Inoreader、NetNewsWire 或 Thunderbird 等阅读器中即可订阅。',
  archiveNoticeBefore: '这是订阅源的存档页（较早的论文）。要订阅，请把',
  archiveNoticeLink: '当前订阅源',
  archiveNoticeAfter: '的地址复制到阅读器中。',
  openWebsite: '打开网站',
  andOthers: ' 等',
  listSeparator: '、',
  opmlPageSuffix: '（OPML 订阅列表）',
  opmlNotice: '这是一个 OPML 订阅列表：在 Feedly、Inoreader、NetNewsWire 或 Thunderbird 等阅读器中选择“导入 OPML”，填入这个网页的地址（或下载后导入），即可一次订阅下面所有的订阅源。也可以单独订阅其中一个。',

  defaultTitle: '论文每日速递',
  defaultDescription: 'arXiv、bioRxiv、medRxiv 每日新论文：机器翻译的中文标题与摘要，附 PDF 链接。',
  defaultSubject: '{{sources}} 每日速递 · {{date}} · {{count}} 篇',
};

// The search page's script (digestcast): loads the months' Pagefind bundles listed in
// pagefind/months.json, merges them into one search, and shows the results. Every text from the
// index goes into the page as text (textContent); of Pagefind's excerpt only <mark> is kept.
const root = document.getElementById('search');
const form = root.querySelector('form');
const input = form.querySelector('input[name="q"]');
const status = root.querySelector('.search-status[role="status"]');
const list = root.querySelector('.search-results');
const more = root.querySelector('.search-more');
const words = root.dataset;
const PAGE_SIZE = 20;
const MONTH = /^\d{4}-\d{2}$/;

let engine;
let ticket = 0;

/** Pagefind with every month's bundle merged in (newest month primary); null when there is none. */
function loadEngine() {
  engine ??= (async () => {
    const response = await fetch(new URL(words.manifest, location.href));
    if (!response.ok) throw new Error(`${words.manifest}: HTTP ${response.status}`);
    const manifest = await response.json();
    const months = Array.isArray(manifest.months) ? manifest.months.filter((m) => typeof m === 'string' && MONTH.test(m)) : [];
    if (months.length === 0) return null;
    const bundle = (month) => new URL(`${words.bundles}${month}/`, location.href).pathname;
    const pagefind = await import(`${bundle(months[0])}pagefind.js`);
    await pagefind.options({ bundlePath: bundle(months[0]), excerptLength: 40 });
    await pagefind.init();
    for (const month of months.slice(1)) await pagefind.mergeIndex(bundle(month));
    return pagefind;
  })();
  return engine;
}

/**
 * The results of a query, those holding it exactly first. Each month's bundle is searched on its
 * own, and a bundle without a query word answers with the words that begin like it (Pagefind's
 * "longest prefix" fallback: `Heckman` finds `He`), which can outrank the true hits from another
 * month; an exact (quoted) search has no such fallback, so its results lead.
 */
async function rankedResults(pagefind, query) {
  const loose = (await pagefind.search(query))?.results ?? [];
  if (/^\s*".*"\s*$/.test(query)) return loose;
  const exact = (await pagefind.search(`"${query.replace(/"/g, ' ').trim()}"`))?.results ?? [];
  const seen = new Set(exact.map((r) => r.id));
  return [...exact, ...loose.filter((r) => !seen.has(r.id))];
}

/** A result's link: only a page of this site. */
function sameSiteHref(url) {
  try {
    const resolved = new URL(url, location.href);
    return resolved.origin === location.origin && /^https?:$/.test(resolved.protocol) ? resolved.href : '#';
  } catch {
    return '#';
  }
}

/** Pagefind's excerpt (entities encoded, terms in <mark>), rebuilt from its text and marks only. */
function excerptInto(element, html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const node of template.content.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      element.append(mark);
    } else {
      element.append(node.textContent ?? '');
    }
  }
}

function text(tag, className, value, lang) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = value;
  if (lang) element.lang = lang;
  return element;
}

function resultItem(data) {
  const meta = data.meta ?? {};
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  const link = text('a', 'search-title', meta.title || data.url);
  link.href = sameSiteHref(data.url);
  heading.append(link);
  item.append(heading);
  if (meta.titleEn) item.append(text('p', 'title-en', meta.titleEn, 'en'));
  item.append(text('p', 'meta', [meta.date, meta.source, meta.authors].filter(Boolean).join(' · ')));
  const excerpt = document.createElement('p');
  excerpt.className = 'search-excerpt';
  excerptInto(excerpt, data.excerpt ?? '');
  item.append(excerpt);
  return item;
}

async function run(query) {
  const mine = ++ticket;
  const q = query.trim();
  list.replaceChildren();
  more.hidden = true;
  if (q === '') {
    status.textContent = '';
    root.dataset.state = 'idle';
    return;
  }
  root.dataset.state = 'searching';
  status.textContent = words.loading;
  try {
    const pagefind = await loadEngine();
    if (!pagefind) throw new Error('no search bundles');
    const results = await rankedResults(pagefind, q);
    if (mine !== ticket) return;
    status.textContent = results.length === 0 ? words.none : words.count.replace('{count}', String(results.length));
    let shown = 0;
    const showMore = async () => {
      const page = results.slice(shown, shown + PAGE_SIZE);
      shown += page.length;
      const data = await Promise.all(page.map((r) => r.data()));
      if (mine !== ticket) return;
      list.append(...data.map(resultItem));
      more.hidden = shown >= results.length;
    };
    more.onclick = () => void showMore();
    await showMore();
    if (mine === ticket) root.dataset.state = 'done';
  } catch (error) {
    if (mine !== ticket) return;
    console.error('search:', error);
    status.textContent = words.unavailable;
    root.dataset.state = 'error';
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.pushState(null, '', url);
  void run(input.value);
});
window.addEventListener('popstate', () => {
  input.value = new URLSearchParams(location.search).get('q') ?? '';
  void run(input.value);
});
input.addEventListener('focus', () => void loadEngine().catch(() => {}), { once: true });

input.value = new URLSearchParams(location.search).get('q') ?? '';
void run(input.value);

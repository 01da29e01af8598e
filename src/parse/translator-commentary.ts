/**
 * Separates machine-translated text from the translator's commentary around it:
 * `（注：…）`, `（解析说明：…`, `翻译说明：` + numbered lists, `这段翻译…`, `**…**` wrappers,
 * `以下是这段英文的中文翻译：` / `将这段翻译成中文为：` lead-ins.
 *
 * Works on the cell's raw Markdown, line by line; callers turn the pieces into text.
 */
import { htmlBreaksToNewlines } from './cell-markdown.js';

/** A lead-in line such as `以下是这段英文的中文翻译：` or `将“…”翻译成中文为：`, possibly with the text after the colon. */
const LEAD_IN =
  /^(?:(?:好的|好|当然|当然可以)[，,!！。]?\s*)?(?:以下是|下面是|如下是|这是|帮我|请|建议)?(?:将|把)?(?:这段|该|此|以下|上述)?(?:英文|文字|内容|标题|摘要|段落|原文|句子|话)?(?:[“"「《][^”"」》\n]{1,300}[”"」》])?(?:的)?(?:中文)?(?:翻译|译文|译为|翻译为|翻译成中文|翻译成|译成中文|中文翻译|中文译文|翻译结果|翻译成中文的结果|的结果|的内容)(?:后的|过的)?(?:中文)?(?:的结果|的内容|结果|内容|标题|文本)?(?:是|为|如下)?\s*[：:]\s*|^(?:sure[,!.]?\s*)?(?:here\s+is|here's)\s+(?:the\s+|a\s+)?(?:chinese\s+)?translation(?:\s+(?:of|in)\s+[^:\n]{1,80})?\s*:\s*/i;
/** A short lead-in about the content itself (`标题：`, `以下是关于…的摘要：`). */
const LABEL = /^(?:\*\*)?(?:标题|题目|中文标题|标题翻译|翻译标题|中文译名|译名|译文|翻译|(?:chinese\s+)?(?:translation|translated\s+title)|title)\s*[：:]\s*(?:\*\*)?\s*/i;
const ABOUT_LEAD_IN = /^以下是[^：:\n]{0,60}[：:]\s*$/;

/** `X 的中文翻译是“Y”。…`: the translation is quoted inside a sentence about it. */
const QUOTED_TRANSLATION = /^[^“"《\n]{1,300}?的?(?:中文)?(?:翻译|译文|译名|译法)(?:是|为|可以是|可译为)[：:]?\s*[“"《「]([^”"》」\n]{2,200})[”"》」]/;

/**
 * The translation prompt echoed back: `请帮我将以下内容翻译成中文：…`, `Translate the following into Chinese:`.
 * What follows it is the original (English) text, not a translation.
 */
const REQUEST =
  /^(?:(?:好的|好)[，,]?\s*)?(?:请|麻烦)(?:你|您)?(?:帮我|帮忙|帮助我)?(?:将|把)?(?:以下|下面|下列|如下|这段|这句|这个|该|此)?(?:的)?(?:英文|英语)?(?:内容|文本|文字|标题|句子|段落|论文标题|论文)?(?:翻译|译)(?:成|为)?(?:中文|汉语|简体中文)?[^：:\n]{0,20}[：:]\s*|^(?:please\s+)?translate\s+(?:the\s+following|this)[^:\n]{0,40}?(?:into|to)\s+chinese[^:\n]{0,20}:\s*/i;

/** The translator asks for the text or says it has none (`好的，请提供需要翻译的英文文本…`): no title in such a line. */
const ASKS_FOR_TEXT =
  /(?:请|麻烦|需要|没有|并未|未|忘记|尚未)(?:您|你)?(?:先)?(?:提供|给出|发送|附上|粘贴|输入)[^。\n]{0,20}?(?:翻译|文本|原文|内容|文字|标题)|please\s+provide\s+the\s+(?:text|title|content)|(?:haven't|have\s+not|didn't|did\s+not)\s+provided?\b/i;

const ADDRESSES_READER = /您|你|翻译|译文|please|you/i;

/**
 * `X 可以翻译为：Y` / `这个标题可译为“Y”` / `X 可以翻译为：` (Y on the next line): Y is the title.
 * X is a title or a short subject, not a sentence (`这段文字可以翻译为上述标题，其中…` is commentary).
 */
const TRANSLATES_AS = /^(?![将把])([^，。；\n]{0,300}?)\s*(?:可以|可|应该|应|可被|被|就)?(?:翻译|译)(?:为|成|作)(?:中文|汉语)?(?:是|为)?\s*(?:[：:]\s*(.*)|([“"《「][^“”"《》「」]+[”"》」])[。.]?)$/;

/** Lines that open or are commentary. */
const COMMENTARY_START =
  /^(?:[（(]\s*)?(?:注|注释|译注|译者注|备注|说明|解释|解析|解析说明|翻译说明|中文翻译说明|翻译解释|翻译要点|该翻译要点解析|内容|内容概述|摘要|补充说明|note|notes|translator'?s note)\s*[：:]|^[（(]\s*(?:注|说明|解析|翻译说明|解析说明|该翻译|这个翻译|此翻译|此处|译文|根据)|^(?:在)?(?:这段|该段|这个|此|该|上述)(?:翻译|译文|文字|英文|标题|段|描述|中文|内容)|^这个翻译|^该翻译|^此翻译|^希望|^如果需要|^如需|^(?:这|该)(?:标题|段)可以|^(?:整句话|整体|以上)|^在这(?:项|个|篇)|^该研究|^本研究|^本文/;

/** Inline commentary after the text on the same line: `标题（注：…）`. */
const INLINE_NOTE = /\s*(?:\*\*|__|\*|_)?\s*[（(【[]\s*(?:注|注释|译注|译者注|说明|解析|解析说明|翻译说明|备注|note|translator'?s note)\s*[：:][\s\S]*$/i;

/** The title part of a title cell and the commentary moved out of it. */
export interface SplitTitle {
  /** Title-like Markdown, one line; empty when the cell holds only commentary. */
  title: string;
  /** Commentary Markdown, or empty. */
  note: string;
  /** The cell echoes the translation prompt and its title is the original, untranslated (no Chinese in it). */
  untranslated?: boolean;
  /** The translator's chatter about translating (a request, an offer, `X 可以翻译为：`) was moved to the note. */
  chatter?: boolean;
}

/**
 * Splits a title cell. The title is the first line that is not a lead-in; a lead-in's text
 * after the colon counts as that line. Everything else is commentary.
 */
export function splitTitleCell(markdown: string): SplitTitle {
  const lines = htmlBreaksToNewlines(markdown).split('\n').map((l) => l.trim());
  const noteLines: string[] = [];
  let title = '';
  let requested = false;
  let chatter = false;
  let i = 0;
  for (; i < lines.length; i++) {
    let line = lines[i]!;
    if (line === '') continue;
    if (ASKS_FOR_TEXT.test(line) && ADDRESSES_READER.test(line) && !REQUEST.test(line)) {
      noteLines.push(line);
      chatter = true;
      continue;
    }
    // The patterns below are tried only on lines with the character each needs (a colon, 译): most lines are plain titles.
    const mentionsTranslation = line.includes('译');
    const colon = line.includes(':') || line.includes('：');
    const quoted = mentionsTranslation ? QUOTED_TRANSLATION.exec(line) : null;
    if (quoted) {
      noteLines.push(line);
      title = quoted[1]!;
      i++;
      break;
    }
    const request = colon ? REQUEST.exec(line) : null;
    const lead = colon ? (LEAD_IN.exec(line) ?? request ?? LABEL.exec(line)) : null;
    if (lead || (colon && ABOUT_LEAD_IN.test(line))) {
      if (lead === request) requested = chatter = true;
      noteLines.push(lead ? lead[0].trim() : line);
      line = lead ? line.slice(lead[0].length).trim() : '';
      if (line === '') continue;
    }
    const translatesAs = line.includes('译') ? TRANSLATES_AS.exec(line) : null;
    if (translatesAs) {
      const translation = (translatesAs[2] ?? translatesAs[3] ?? '').trim();
      chatter = true;
      noteLines.push(translation === '' ? line : line.slice(0, line.lastIndexOf(translation)).trim());
      line = translation.replace(/[。.]$/, '');
      if (line === '') continue;
    }
    if (COMMENTARY_START.test(line) && !looksLikeTitleDespiteStart(line)) {
      // The cell opens with commentary: the title (if any) is not here.
      break;
    }
    title = line;
    i++;
    break;
  }
  noteLines.push(...lines.slice(i).filter((l, k, all) => l !== '' || (k > 0 && all[k - 1] !== '')));
  const inline = /[（(【[]/.test(title) ? INLINE_NOTE.exec(title) : null;
  if (inline) {
    // `**标题（注：…）**` splits inside the bold wrapper: each side keeps only its half of `**`.
    noteLines.unshift(dropUnpairedStrong(inline[0].trim()));
    title = dropUnpairedStrong(title.slice(0, inline.index));
  }
  const result: SplitTitle = { title: unwrapTitle(title), note: noteLines.join('\n').trim() };
  if (requested && result.title !== '' && !/\p{Script=Han}/u.test(result.title)) result.untranslated = true;
  if (chatter) result.chatter = true;
  return result;
}

/** `本研究…`-style openings are commentary only when they read as sentences, not as a short title. */
function looksLikeTitleDespiteStart(line: string): boolean {
  return /^(?:本研究|本文|该研究)/.test(line) && line.length <= 40 && !/[。，,]/.test(line);
}

/** Removes a `**` (or `__`) left without its partner at the start or end of a text. */
function dropUnpairedStrong(text: string): string {
  const t = text.trim();
  for (const marker of ['**', '__']) {
    if (t.split(marker).length !== 2) continue;
    if (t.startsWith(marker)) return t.slice(2).trim();
    if (t.endsWith(marker)) return t.slice(0, -2).trim();
  }
  return t;
}

/** Removes wrappers around a whole title: `## `, `**…**`, `“…”`, `"…"`, `《…》` (the last only when it wraps all). */
export function unwrapTitle(text: string): string {
  let t = text.trim().replace(/^#{1,6}\s+/, '');
  if (!/^[*_“"「《]/.test(t)) return t;
  for (let changed = true; changed; ) {
    changed = false;
    const before = t;
    t = t
      .replace(/^\*\*([\s\S]+)\*\*[。.]?$/, '$1')
      .replace(/^__([\s\S]+)__$/, '$1')
      .replace(/^“([^“”]+)”[。.]?$/, '$1')
      .replace(/^"([^"]+)"[。.]?$/, '$1')
      .replace(/^「([^「」]+)」$/, '$1')
      .replace(/^《([^《》]+)》$/, '$1')
      .trim();
    if (t !== before) changed = true;
  }
  return t;
}

/**
 * Splits an abstract cell: a lead-in line at the top and commentary paragraphs at the end
 * (`（翻译说明：…）`, `注：…`) are moved out.
 */
export function splitSummaryCell(markdown: string): { summary: string; note: string } {
  const paragraphs = htmlBreaksToNewlines(markdown).split(/\n[ \t]*\n/);
  const notes: string[] = [];
  // `好的，请提供需要翻译的英文文本。`: an offer to translate, not an abstract.
  while (paragraphs.length > 0 && isOfferToTranslate(paragraphs[0]!.trim())) notes.push(paragraphs.shift()!.trim());
  const first = paragraphs[0]?.trim() ?? '';
  const lead = LEAD_IN.exec(first);
  if (lead && first.length < 200 && !first.slice(lead[0].length).includes('\n')) {
    const rest = first.slice(lead[0].length).trim();
    notes.push(first.slice(0, lead[0].length).trim());
    if (rest === '') paragraphs.shift();
    else paragraphs[0] = rest;
  }
  let end = paragraphs.length;
  while (end > 1 && SUMMARY_NOTE.test(paragraphs[end - 1]!.trim())) end--;
  notes.push(...paragraphs.slice(end).map((p) => p.trim()));
  const summary = paragraphs.slice(0, end).join('\n\n').trim();
  // A one-paragraph abstract can still end in an inline note.
  const inline = INLINE_SUMMARY_NOTE.exec(summary);
  if (inline && inline.index > 0) {
    notes.push(inline[0].trim());
    return { summary: summary.slice(0, inline.index).trim(), note: notes.join('\n\n').trim() };
  }
  return { summary, note: notes.join('\n\n').trim() };
}

function isOfferToTranslate(paragraph: string): boolean {
  return paragraph.length < 120 && !paragraph.includes('\n') && ASKS_FOR_TEXT.test(paragraph) && ADDRESSES_READER.test(paragraph) && !REQUEST.test(paragraph);
}

const SUMMARY_NOTE = /^[（(]\s*(?:注|译注|说明|解析|翻译说明|解析说明|翻译要点|该翻译|此翻译|这个翻译)|^(?:注|译注|翻译说明|说明|解析说明|翻译要点)\s*[：:]|^(?:该|此|这个|这段)翻译|^(?:-{3,}|\*{3,}|_{3,})$|^希望(?:这个|此|该|以上|上述)?(?:翻译|译文|回答)|^如(?:需|果需要|果您需要|有需要|有任何)/;
const INLINE_SUMMARY_NOTE = /[（(]\s*(?:注|译注|翻译说明|解析说明|说明)\s*[：:][^（）()]*[）)]?\s*$/;

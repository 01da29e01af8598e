/**
 * Table header → field mapping, by column name (Chinese and English aliases), never by position.
 */

/** What a column holds. `source` and `page` are the columns of a combined file's index table. */
export type ColumnField = 'title' | 'titleEn' | 'authors' | 'pdf' | 'code' | 'summary' | 'publishedDate' | 'source' | 'page';

const ALIASES: Record<ColumnField, readonly string[]> = {
  title: ['标题', '中文标题', '题目', '论文标题', '标题中文', '译文标题', '论文'],
  titleEn: ['title', '英文标题', '原标题', '原文标题', '标题英文', 'englishtitle', 'originaltitle', 'titleen', 'entitle'],
  authors: ['作者', '第一作者', '作者们', '作者列表', 'author', 'authors', 'firstauthor'],
  pdf: ['pdf链接', 'pdf', 'pdflink', 'pdf地址', '链接', 'link', '论文链接', 'url', 'pdfurl'],
  code: ['代码仓库', '代码', '代码链接', '代码地址', 'code', 'codelink', 'repository', 'repo', 'github', 'codeurl'],
  summary: ['摘要', '中文摘要', '摘要中文', 'abstract', 'summary', '简介', '概要'],
  publishedDate: ['发布日期', '发表日期', '日期', '发布时间', '发表时间', 'published', 'publisheddate', 'date', 'publicationdate', 'pubdate'],
  source: ['来源', 'source'],
  page: ['独立页面', '页面', 'page'],
};

const BY_ALIAS = new Map<string, ColumnField>();
for (const [field, names] of Object.entries(ALIASES) as [ColumnField, readonly string[]][]) {
  for (const name of names) BY_ALIAS.set(name, field);
}

/** Lower-cases and drops spaces, brackets and punctuation, so `PDF 链接`, `pdf_link` and `Title:` match their aliases. */
export function normalizeHeaderName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\*\*|__/g, '')
    .replace(/[\s_\-:：()（）[\]【】.·/]+/g, '');
}

export interface ColumnMap {
  /** Field of each column, or undefined for a column digestcast does not know. */
  fields: (ColumnField | undefined)[];
  /** Header text of the columns that map to no field (kept as `extra`). */
  unknown: { index: number; name: string }[];
  /** Columns whose field an earlier column already holds. */
  repeated: { index: number; name: string; field: ColumnField }[];
}

/** Maps header cells to fields. With both `标题` and `Title`, `Title` is the English title; alone, it is the title. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const raw = header.map((name) => BY_ALIAS.get(normalizeHeaderName(name)));
  if (!raw.includes('title')) {
    const en = raw.indexOf('titleEn');
    if (en !== -1) raw[en] = 'title';
  }
  const fields: (ColumnField | undefined)[] = [];
  const unknown: ColumnMap['unknown'] = [];
  const repeated: ColumnMap['repeated'] = [];
  const seen = new Set<ColumnField>();
  raw.forEach((field, index) => {
    const name = header[index] ?? '';
    if (field === undefined) {
      unknown.push({ index, name });
      fields.push(undefined);
    } else if (seen.has(field)) {
      repeated.push({ index, name, field });
      fields.push(undefined);
    } else {
      seen.add(field);
      fields.push(field);
    }
  });
  return { fields, unknown, repeated };
}

/** Whether the mapped header describes a paper table (it has a PDF or a title column). */
export function isPaperTable(map: ColumnMap): boolean {
  return map.fields.includes('pdf') || map.fields.includes('title');
}

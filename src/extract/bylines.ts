/**
 * The on-page patterns for who wrote, edited and first published an article: labelled meta
 * lines (作者：, 记者, 文/, 责任编辑：, 来源：, "By …") and datelines (（记者 张三 李四）).
 */

/** Label words, grouped by the field they introduce. Longest first so 责任编辑 wins over 编辑. */
const LABELS: { field: 'date' | 'source' | 'author' | 'editor' | 'other'; words: string[] }[] = [
  // Simplified first, then the traditional forms Taiwan and Hong Kong sites print.
  {
    field: 'date',
    words: [
      '发布时间',
      '发布日期',
      '发表时间',
      '发表日期',
      '更新时间',
      '更新日期',
      '发稿时间',
      '上传时间',
      '发表于',
      '发布于',
      '时间',
      '日期',
      '發布時間',
      '發佈時間',
      '發表時間',
      '發布日期',
      '更新時間',
      '時間',
    ],
  },
  {
    field: 'source',
    words: [
      '信息来源',
      '稿件来源',
      '文章来源',
      '本文来源',
      '新闻来源',
      '内容来源',
      '来源于',
      '来源',
      '出处',
      '转载自',
      '转自',
      '資料來源',
      '新聞來源',
      '文章來源',
      '來源',
      '出處',
      '轉載自',
    ],
  },
  { field: 'editor', words: ['责任编辑', '值班编辑', '本文编辑', '网络编辑', '责编', '编辑', '責任編輯', '責編', '編輯'] },
  { field: 'author', words: ['作者', '撰文', '撰稿', '执笔', '采写', '文字', '通讯员', '记者', '文/', '文／', '記者', '執筆', '採寫', '通訊員'] },
  {
    field: 'other',
    words: [
      '校对',
      '审核',
      '审校',
      '编审',
      '监制',
      '签发',
      '摄影',
      '图片',
      '摄像',
      '视频',
      '浏览次数',
      '浏览',
      '人气',
      '热度',
      '点击数',
      '点击',
      '阅读数',
      '阅读',
      '字号',
      '字体',
      '分享到',
      '分享',
      '评论',
      '打印',
      '关闭',
      '收藏',
      '原标题',
      '主编',
      '终审',
      '统筹',
      '设计',
      '制图',
      '翻译',
      '编译',
    ],
  },
];

type Field = (typeof LABELS)[number]['field'];

const LABEL_LIST = LABELS.flatMap((g) => g.words.map((w) => ({ w, field: g.field }))).sort((a, b) => b.w.length - a.w.length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/**
 * A label and its separator. Labels that are ordinary words (时间, 编辑, 记者…) need a separator
 * (： | / or a space before a name) so that "编辑部" or "记者会" is never read as a label.
 */
const LABEL_RE = new RegExp(`(${LABEL_LIST.map((l) => escape(l.w)).join('|')})(\\s*[：:|｜丨/／]\\s*|\\s+|(?=[A-Za-z0-9\\u4e00-\\u9fff]))`, 'g');

/** Values that mean "nobody in particular". */
export const NO_NAME =
  /^(佚名|匿名|未知|不详|无|暂无|网络|网络整理|综合|整理|本站|本网|admin|administrator|anonymous|unknown|null|none|name|staff|guest|编辑部|小编|(最新|最近|更多|其他|全部|热门|相关)文章|查看更多)$/i;
/** Words that follow a name in a credit and are not names: 记者陈智 整合, 张三 摄, 李四 报道. */
const NOT_A_NAME = /^(整合|整理|综合|报道|摄|摄影|发自|编译|编辑|采写|供稿|图|文|文图|图文|通讯员|记者|实习生|见习记者|特约记者|本报记者|等|完|待续|報導|攝)$/;
/** "臺南報導", "北京电": where the report was filed from, not who filed it. */
const FILED_FROM = /(报道|報導|报导|電|电|讯|訊)$/;
/** Staff codes sites print after an editor's name: 杨倩_NF4425, 韩保林 PK155. */
const STAFF_CODE = /^[A-Z]{1,5}\d{2,}$/;

const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** Splits a credit value into names: 张三、李四 / 张三 李四 / 叨叨姐&胡一刀 / "Demi Xia". */
export function splitNames(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/[、,，;；&＆/／|｜]+/)) {
    const p = part.trim();
    if (!p) continue;
    // CJK names are separated by spaces; Latin names contain them.
    const tokens = hasCjk(p) ? p.split(/\s+/) : [p];
    for (let t of tokens) {
      t = t.replace(/_[A-Za-z0-9]+$/, '').replace(/^[\s:：(（【[]+|[\s)）】\].。]+$/g, '');
      if (!t || NO_NAME.test(t) || NOT_A_NAME.test(t) || (hasCjk(t) && t.length > 2 && FILED_FROM.test(t))) continue;
      if (STAFF_CODE.test(t) && out.length > 0) continue;
      if (t.length > 30) continue;
      out.push(t);
    }
  }
  return [...new Set(out)];
}

/** Longest name taken from a credit: a person, an account or a department, never a clause. */
const MAX_CJK_NAME_CHARS = 10;

/** Names from a credit value, which ends at the first sentence mark: "记者 张三）今日，有网友…" gives 张三. */
function credit(value: string): string[] {
  const v = value.split(/[，。！？；：:“”"（(）)]/)[0] ?? '';
  return splitNames(v).filter((n) => !hasCjk(n) || n.length <= MAX_CJK_NAME_CHARS);
}

export interface MetaLine {
  /** The date text as printed, if the line carries one (parse it with dates.ts). */
  dateText: string | null;
  source: string | null;
  authors: string[];
  editors: string[];
  /** True when the line carried at least one label. */
  labelled: boolean;
}

/** Reads a labelled line: "发布时间:2024-07-13 来源: 安徽先锋网 作者:佚名", "编辑 刘晓阳 校对 李铭", "来源CSDN| 作者魏星". */
export function parseMetaLine(text: string): MetaLine {
  const out: MetaLine = { dateText: null, source: null, authors: [], editors: [], labelled: false };
  const hits: { field: Field; label: string; start: number; valueStart: number }[] = [];
  LABEL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LABEL_RE.exec(text))) {
    const label = m[1]!;
    const sep = m[2] ?? '';
    const field = LABEL_LIST.find((l) => l.w === label)!.field;
    // An ordinary word needs a real separator; "来源CSDN" and "作者魏星" are read only in short lines.
    if (!sep && text.length > 80) continue;
    // "新京报记者 陆一夫": an outlet may be glued before 记者; any other label must start a token.
    const before = text[m.index - 1];
    if (before && /[\u4e00-\u9fffA-Za-z]/.test(before)) {
      if (!/^(记者|作者|通讯员|記者|通訊員)$/.test(label)) continue;
      // "打赏犒劳作者一下": a role word inside a sentence; a glued credit is followed by a space or colon.
      if (!sep) continue;
      // "采写：南都记者 余毅菁": a role word inside an author credit belongs to that credit.
      if (hits[hits.length - 1]?.field === 'author') continue;
    }
    hits.push({ field, label, start: m.index, valueStart: m.index + m[0].length });
  }
  hits.forEach((h, i) => {
    const end = hits[i + 1]?.start ?? text.length;
    let value = text.slice(h.valueStart, end).replace(/^[\s:：|｜丨]+|[\s|｜丨,，;；]+$/g, '');
    value = value
      .replace(/[（(【[]\s*$/, '')
      .replace(/^[)）】\]]+/, '')
      .trim();
    if (h.field !== 'other') out.labelled = true;
    switch (h.field) {
      case 'date':
        out.dateText ??= value || null;
        break;
      case 'source': {
        // CJK outlet names hold no spaces: what follows a space is the next item of the line.
        let v = value.split(/\s{2,}|[|｜丨]/)[0]!.trim();
        if (hasCjk(v)) v = v.split(/\s+/)[0]!;
        v = v
          .replace(/[)）\]】]+$/, '')
          .replace(/^[(（【[]+/, '')
          .replace(/^于/, '');
        if (v && !NO_NAME.test(v) && !/^\d/.test(v)) out.source ??= v;
        break;
      }
      case 'author': {
        // A photo credit (张三 摄) is not a byline.
        if (/摄\s*[)）]?\s*$|摄影/.test(value)) break;
        // "南都见习记者 林子沛", "观察者网专栏作者 王文": the name follows the last role word.
        const v = value.replace(/^.*(?:记者|作者|通讯员|記者|通訊員)\s*/, '');
        // "记者注意到，…" is a sentence about a reporter, not a credit.
        if (/^[^（(）)【】]*[，。！？；]/.test(v)) break;
        out.authors.push(...credit(v.replace(/\d{4}.*$/, '')));
        break;
      }
      case 'editor':
        out.editors.push(...credit(value));
        break;
      default:
        break;
    }
  });
  out.authors = [...new Set(out.authors)];
  out.editors = [...new Set(out.editors)];
  return out;
}

/** （记者 张三 李四）, (本报记者 张三), 【文/观察者网专栏作者 王文】 — a dateline credit near the start of the body. */
const DATELINE = /[（(【[]\s*(?:[\u4e00-\u9fff]{0,8}?(?:记者|通讯员|作者)|文\s*[/／]|执笔\s*[/／:：])\s*([^）)】\]]{2,40})[）)】\]]/;

export function datelineAuthors(text: string): string[] {
  const m = DATELINE.exec(text.slice(0, 200));
  if (!m) return [];
  return splitNames(m[1]!.replace(/^.*(?:记者|作者|通讯员)\s*/, ''));
}

/** A closing credit at the very end of the last paragraph: …。（张巨峰） / (李楠) / (文/图 刘玺东 易赛楠). */
const CLOSING =
  /[（(]\s*(?:(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文|记者|通讯员)\s*[/／:：]?\s*)?((?:[\u4e00-\u9fff]{2,3})(?:[\s、][\u4e00-\u9fff]{2,3})*)\s*[)）]\s*$/;

export function closingAuthors(text: string): string[] {
  const m = CLOSING.exec(text);
  if (!m) return [];
  return splitNames(m[1]!).filter((n) => !/(社|报|网|台|局|部|委|办|院|厅|会|站|中心|完|续)$/.test(n));
}

/** "By Jane Doe and John Roe", "By Jane Doe, Staff Writer" — an English byline. */
export function englishByline(text: string): string[] {
  const m = /^\s*by\s+(.{2,120})$/i.exec(text);
  if (!m) return [];
  return m[1]!
    .replace(/[,|–—-]\s*(staff|senior|chief|special|contributing|associated press|reuters|the\s).*$/i, '')
    .split(/\s*(?:,|\band\b|&)\s*/i)
    .map((s) => s.trim())
    .filter((s) => /^[\p{Lu}][\p{L}.'’-]*(\s+[\p{Lu}][\p{L}.'’-]*){0,3}$/u.test(s));
}

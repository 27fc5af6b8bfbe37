/**
 * The built-in rules: only site families where a generic improvement cannot do it, each with a
 * fixture or a corpus page that shows why.
 */
import type { SiteRule } from './schema.js';

export const BUILTIN_RULES: SiteRule[] = [
  {
    // Baijiahao shows the account name (the writer) above an unlabelled date line; the account is the author, not a source.
    name: 'baijiahao',
    hosts: ['baijiahao.baidu.com', 'mbd.baidu.com'],
    authors: '.author-name, .author-txt .author-name, [class*="author-name"]',
    source: null,
  },
  {
    // WeChat articles: the official account (#js_name) is the outlet; the writer, when any, is in meta[name=author].
    name: 'wechat',
    hosts: ['mp.weixin.qq.com'],
    title: ['#activity-name', '.rich_media_title'],
    // #js_name wraps the account's profile card on newer pages; its nickname element holds the name alone.
    source: ['.profile_nickname', '#js_name'],
    authors: { selector: 'meta[name="author"]', attribute: 'content' },
  },
];

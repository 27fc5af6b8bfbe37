import { ArticleSchema, type Article } from '../schema.js';
import { frontMatter } from './frontmatter.js';

export const FORMATS = ['md', 'json', 'text'] as const;
export type Format = (typeof FORMATS)[number];
export const EXTENSIONS: Record<Format, string> = { md: 'md', json: 'json', text: 'txt' };

/** An Article in one output format. JSON is validated against the schema on the way out. */
export function render(article: Article, format: Format): string {
  switch (format) {
    case 'md':
      return `${frontMatter(article)}\n${article.markdown}\n`;
    case 'json':
      return `${JSON.stringify(ArticleSchema.parse(article), null, 2)}\n`;
    case 'text':
      return `${[article.title, article.text].filter(Boolean).join('\n\n')}\n`;
  }
}

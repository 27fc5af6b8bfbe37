/**
 * A page's language as a BCP 47 tag in its canonical case: "en-us", "EN", "zh_cn" and
 * "zh-hans-cn" become "en-US", "en", "zh-CN" and "zh-Hans-CN", so one language is one value.
 */

/** `language[-Script][-REGION]`, as pages write it (underscores, any case, a list, a quality value). */
const TAG = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?(?:-[a-z0-9]{1,8})*$/i;

export function normalizeLanguage(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // "en-US,en;q=0.9" (a Content-Language header or a copied Accept-Language): the first entry.
  const first = raw
    .trim()
    .split(/[,;\s]/)[0]!
    .replace(/_/g, '-');
  const m = TAG.exec(first);
  if (!m) return null;
  const [, lang, script, region] = m;
  return [lang!.toLowerCase(), script ? script[0]!.toUpperCase() + script.slice(1).toLowerCase() : null, region ? region.toUpperCase() : null]
    .filter(Boolean)
    .join('-');
}

/**
 * Inline styles made lazy in jsdom. jsdom gives every HTML and SVG element a CSSStyleDeclaration
 * when it is created, and parses its `style` attribute into it whenever the attribute is set:
 * for a news page, tens of thousands of style objects (each with two Maps and ten property
 * definitions) that no stage reads. Profiled, the constructor alone was 4% of all time, and the
 * objects added to GC on top. Only Readability reads `.style` (display and visibility, on the
 * working copy); the other stages read the attribute text.
 *
 * Here an element gets its style object the first time something reads it, built from the
 * attribute as it is then: what it reads is what jsdom would have given. Writes through the
 * object still set the attribute.
 *
 * This reaches into jsdom's implementation classes (pinned major), so it checks what it changes:
 * when the shapes it expects are not there, or a probe element does not behave, nothing is
 * patched and pages are parsed as before, only slower. test/lazy-style.test.ts fails then, so
 * a jsdom upgrade that breaks it is seen.
 */
// Static imports, so the bundle (scripts/bundle.mjs) patches the same module instances jsdom itself uses.
// jsdom's entry first: its implementation modules require each other in a cycle that only resolves in its own order.
import 'jsdom';
import htmlElementModule from 'jsdom/lib/jsdom/living/nodes/HTMLElement-impl.js';
import svgElementModule from 'jsdom/lib/jsdom/living/nodes/SVGElement-impl.js';

/** jsdom's element implementation, as far as this file uses it. */
interface ElementImpl {
  _settingCssText: boolean;
  _style: { cssText: string };
  _attrModified(name: string, value: string | null, oldValue: string | null): void;
  _initElementCSSInlineStyle(): void;
  getAttributeNS(namespace: string | null, name: string): string | null;
}
type ElementImplProto = ElementImpl & object;

let state: 'unpatched' | 'patched' | 'unavailable' = 'unpatched';

/** Whether element styles are lazy in this thread (test/lazy-style.test.ts checks it). */
export function lazyStylesActive(): boolean {
  return state === 'patched';
}

function patch(proto: ElementImplProto): () => void {
  const init = proto._initElementCSSInlineStyle;
  const attrModified = proto._attrModified;
  const elementAttrModified = (Object.getPrototypeOf(proto) as ElementImplProto)._attrModified;
  const own = (el: ElementImpl) => Object.prototype.hasOwnProperty.call(el, '_style');

  proto._initElementCSSInlineStyle = function (this: ElementImpl) {
    this._settingCssText = false;
  };
  Object.defineProperty(proto, '_style', {
    configurable: true,
    get(this: ElementImpl) {
      // jsdom's own init assigns this._style, which lands in the setter below as an own property.
      init.call(this);
      const text = this.getAttributeNS(null, 'style');
      if (text !== null) {
        this._settingCssText = true;
        this._style.cssText = text;
        this._settingCssText = false;
      }
      return this._style;
    },
    set(this: ElementImpl, value: unknown) {
      Object.defineProperty(this, '_style', { value, writable: true, configurable: true, enumerable: true });
    },
  });
  proto._attrModified = function (this: ElementImpl, name, value, oldValue) {
    // No style object yet: nothing to keep in step; it will read the attribute when it is made.
    if (name === 'style' && !own(this)) return elementAttrModified.call(this, name, value, oldValue);
    return attrModified.call(this, name, value, oldValue);
  };
  return () => {
    proto._initElementCSSInlineStyle = init;
    proto._attrModified = attrModified;
    delete (proto as Partial<ElementImpl>)._style;
  };
}

/** Whether a freshly made element reads and writes its style as jsdom's own elements do. */
function behaves(doc: Document): boolean {
  const div = doc.createElement('div');
  const seen = (el: HTMLElement) => `${el.style.display}|${el.style.visibility}|${el.style.color}`;
  div.setAttribute('style', 'display: none');
  if (seen(div) !== 'none||') return false;
  div.style.visibility = 'hidden';
  if (!/display:\s*none;\s*visibility:\s*hidden/.test(div.getAttribute('style') ?? '')) return false;
  div.setAttribute('style', 'color: red');
  if (seen(div) !== '||red') return false;
  return seen(div.cloneNode(true) as HTMLElement) === '||red';
}

/**
 * Makes inline styles lazy, once per thread; `probe` is a document of the thread's jsdom window
 * to check the result on. Safe to call again.
 */
export function useLazyStyles(probe: Document): void {
  if (state !== 'unpatched') return;
  state = 'unavailable';
  const protos = [htmlElementModule?.implementation?.prototype, svgElementModule?.implementation?.prototype] as (ElementImplProto | undefined)[];
  const shaped = (p: ElementImplProto | undefined): p is ElementImplProto =>
    !!p &&
    typeof p._initElementCSSInlineStyle === 'function' &&
    typeof p._attrModified === 'function' &&
    typeof (Object.getPrototypeOf(p) as ElementImplProto)._attrModified === 'function' &&
    !('_style' in p);
  if (!protos.every(shaped)) return;
  const undo = protos.map(patch);
  if (behaves(probe)) state = 'patched';
  else for (const u of undo) u();
}

/** jsdom's implementation classes, reached into by src/lazy-style.ts only (untyped CommonJS). */
declare module 'jsdom/lib/jsdom/living/nodes/HTMLElement-impl.js' {
  const module: { implementation?: { prototype: object } } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/nodes/SVGElement-impl.js' {
  const module: { implementation?: { prototype: object } } | undefined;
  export default module;
}

/** jsdom's implementation classes, reached into by src/lazy-style.ts (untyped CommonJS). */
declare module 'jsdom/lib/jsdom/living/nodes/HTMLElement-impl.js' {
  const module: { implementation?: { prototype: object } } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/nodes/SVGElement-impl.js' {
  const module: { implementation?: { prototype: object } } | undefined;
  export default module;
}

/** The parts of jsdom's implementation that src/jsdom-impl.ts builds documents with; checked there when loaded. */
declare module 'jsdom/lib/jsdom/living/attributes.js' {
  const module: { setAttributeValue?: (el: unknown, localName: string, value: string, prefix: string | null, namespace: string | null) => void } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/generated/Text.js' {
  const module: { createImpl?: (globalObject: object, args: [], privateData: { data: string; ownerDocument: unknown }) => unknown } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/generated/Comment.js' {
  const module: { createImpl?: (globalObject: object, args: [], privateData: { data: string; ownerDocument: unknown }) => unknown } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/generated/utils.js' {
  const module: { implForWrapper?: (wrapper: unknown) => unknown; wrapperForImpl?: (impl: unknown) => unknown } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/helpers/create-element.js' {
  const module:
    | { createElement?: (document: unknown, localName: string, namespace: string, prefix: string | null, isValue: string | null, synchronousCE: boolean) => unknown }
    | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/helpers/internal-constants.js' {
  const module: { domSymbolTree?: { appendChild?: (parent: unknown, child: unknown) => void; parent?: (node: unknown) => unknown } } | undefined;
  export default module;
}
declare module 'jsdom/lib/jsdom/living/nodes/Node-impl.js' {
  const module: { implementation?: { prototype: object } } | undefined;
  export default module;
}

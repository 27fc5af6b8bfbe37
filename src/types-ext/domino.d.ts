/** turndown's DOM (CommonJS); its own index.d.ts declares a module named 'domino', not the package. Used by src/render/markdown.ts and src/parse/reading.ts. */
declare module '@mixmark-io/domino' {
  const domino: {
    createDocument(html?: string, force?: boolean): Document;
    /** A window whose document is parsed from `html` and has `address` as its URL. */
    createWindow(html?: string, address?: string): { document: Document };
  };
  export default domino;
}

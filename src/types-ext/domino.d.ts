/** turndown's DOM (CommonJS); its own index.d.ts declares a module named 'domino', not the package. Used by src/render/table-rows.ts and src/read-dom.ts. */
declare module '@mixmark-io/domino' {
  const domino: { createDocument(html?: string, force?: boolean): Document };
  export default domino;
}

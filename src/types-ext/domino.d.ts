/** turndown's DOM (CommonJS); its own index.d.ts declares a module named 'domino', not the package. Used by src/render/table-rows.ts only. */
declare module '@mixmark-io/domino' {
  const domino: { createDocument(html?: string): Document };
  export default domino;
}

/**
 * Catalog sentences sometimes name another scope by its code (`Everything "files:read" allows`).
 * Shown to a person, the code becomes that scope's title when the connection knows it.
 */
export function plainText(text: string, titles: ReadonlyMap<string, string>): string {
  return text.replace(/"([^"\s]+)"/g, (quoted, code: string) => {
    const title = titles.get(code);
    return title === undefined ? quoted : `“${title}”`;
  });
}

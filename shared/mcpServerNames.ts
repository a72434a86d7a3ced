/**
 * How an agent names a remote MCP server the person added: by the person's name for it, as written
 * or as it appears in tool names (`<server>_<tool>`), in any letter case. One rule for the broker
 * (a `request` naming `server`) and `scopekeeper mcp --server`, so both mean the same server.
 */

/** A name part with only what tool names allow (`[A-Za-z0-9_-]`), runs of anything else as one `_`. */
export function namePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'server';
}

const loose = (name: string): string => namePart(name.trim()).toLowerCase();

/**
 * The names among `names` that `asked` means: those written exactly so; else those that are the
 * same in tool names, ignoring letter case. Empty when none is.
 */
export function serverNamesMatching(names: Iterable<string>, asked: string): Set<string> {
  const all = [...names];
  const exact = all.filter((name) => name === asked.trim());
  return new Set(exact.length > 0 ? exact : all.filter((name) => loose(name) === loose(asked)));
}

/**
 * The closest names to one a person mistyped ("send-mesages" → "send-messages"): edit distance
 * (insertions, deletions, substitutions and swapped neighbours), plus names that start with or
 * contain what was typed ("send" → "send-messages"). Only the closest, at most three.
 */
export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return [];
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((name) => ({ name, distance: distance(wanted, name.toLowerCase()) }))
    .map(({ name, distance: d }) => ({ name, score: name.toLowerCase().includes(wanted) || wanted.includes(name.toLowerCase()) ? Math.min(d, allowed) : d }))
    .filter(({ score }) => score <= allowed)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    // Only the closest: one near miss is not drowned in names two edits further.
    .filter(({ score }, _i, close) => score === close[0]!.score)
    .slice(0, limit)
    .map(({ name }) => name);
}

/** "Did you mean send-messages?" / "Did you mean read-files or read-messages?", or nothing. */
export function didYouMean(typed: string, names: readonly string[]): string {
  const close = closestNames(typed, names);
  if (close.length === 0) return '';
  const list = close.length === 1 ? close[0]! : `${close.slice(0, -1).join(', ')} or ${close.at(-1)!}`;
  return ` Did you mean ${list}?`;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

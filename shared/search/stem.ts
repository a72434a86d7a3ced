/**
 * A small English suffix stemmer for the permission search: the forms a person types and the forms
 * the catalog's sentences use meet at one stem ("delete", "deletes", "deleted", "deleting" → "delet";
 * "files" → "fil"). It only strips inflections (plural and third-person -s/-es/-ies, -ed, -ing) and
 * a final -e, and undoes a consonant doubled before -ing or -ed ("running" → "run"); it does not try derivations
 * ("invitation" stays apart from "invite"), irregular forms ("sent"), or any language but English.
 * A stem is a key to compare, never shown. Input is one lower-case word.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const singular = dropPlural(word);
  const base = dropTense(singular);
  // "running" → "runn" → "run"; only after -ing or -ed, so "apps" stays "app" and meets "app".
  return base === singular ? dropFinalE(base) : undouble(dropFinalE(base));
}

const VOWEL = /[aeiouy]/;

/** files → file, copies → copy, boxes → boxe (the -e goes next); access, status, analysis stay. */
function dropPlural(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** deleted → delet, sending → send, copied → copy; a base needs three letters and a vowel ("thing", "need" stay). */
function dropTense(word: string): string {
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed']) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    return base.length >= 3 && VOWEL.test(base) ? base : word;
  }
  return word;
}

/** delete → delet, so it meets "deleting"; three-letter words ("see", "use") keep it. */
function dropFinalE(word: string): string {
  return word.length > 3 && word.endsWith('e') ? word.slice(0, -1) : word;
}

/** runn → run, gett → get; -ll, -ss, -zz stay ("calling" → call). */
function undouble(word: string): string {
  const last = word.at(-1);
  return word.length > 3 && last === word.at(-2) && !'lsz'.includes(last!) && !VOWEL.test(last!) ? word.slice(0, -1) : word;
}

/**
 * A command line the person got wrong: the command says what, and exits with status 2. With
 * `showUsage` the whole usage text follows; a mistyped name gets its own advice instead.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

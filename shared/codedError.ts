/** What a coded error is sent as: a stable code the other side keys on, a sentence, maybe details. */
export interface CodedErrorBody<Code extends string> {
  code: Code;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * An error with a stable code, a sentence for people and optional details: the shape of the IPC
 * error model (shared/ipc/errors.ts) and of the broker protocol's (electron/core/broker/protocol.ts).
 * Its JSON is that body, so it can cross a wire as data; each subclass gives itself a name.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): CodedErrorBody<Code> {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

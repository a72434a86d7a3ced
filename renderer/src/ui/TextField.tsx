import type { HTMLAttributes, JSX, ReactNode } from 'react';

export interface TextFieldProps {
  /** The field's ids are `${idBase}-input`, `${idBase}-hint` and `${idBase}-problem`. */
  idBase: string;
  label: ReactNode;
  type: 'text' | 'url' | 'password';
  value: string;
  /** Shown under the input and read with it. */
  hint?: ReactNode;
  /** What is wrong with the value, said under the input and read with it. */
  problem?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** False for codes, secrets and addresses; left out, the browser decides. */
  spellCheck?: boolean;
  onChange(value: string): void;
  /** More controls for the same field, after its hint and problem. */
  children?: ReactNode;
}

/** The DOM id of a TextField's input, to move focus to it. */
export function inputIdOf(idBase: string): string {
  return `${idBase}-input`;
}

/**
 * One labelled text input of a form, with its hint and its problem beside it: the input is marked
 * invalid and described by both, so a screen reader says them as the field gets focus.
 */
export function TextField({ idBase, label, type, value, hint, problem, inputMode, spellCheck, onChange, children }: TextFieldProps): JSX.Element {
  const inputId = inputIdOf(idBase);
  const hintId = `${idBase}-hint`;
  const problemId = `${idBase}-problem`;
  const describedBy = [hint !== undefined ? hintId : null, problem !== undefined ? problemId : null].filter((id) => id !== null).join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type={type}
        inputMode={inputMode}
        value={value}
        spellCheck={spellCheck}
        autoComplete="off"
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {problem !== undefined && (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      )}
      {children}
    </div>
  );
}

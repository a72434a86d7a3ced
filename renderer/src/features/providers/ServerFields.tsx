import type { JSX } from 'react';
import { TextField } from '../../ui/TextField';
import type { ServerDraft, ServerField, ServerProblems } from './serverForm';

interface FieldSpec {
  field: ServerField;
  label: string;
  type: 'text' | 'url' | 'password';
  hint?: string;
}

const NAME: FieldSpec = { field: 'name', label: 'Name', type: 'text' };
const ISSUER: FieldSpec[] = [{ field: 'issuer', label: 'Issuer URL', type: 'url', hint: 'Where the server publishes its OpenID or OAuth configuration.' }];
const ENDPOINTS: FieldSpec[] = [
  { field: 'authorization', label: 'Authorization endpoint', type: 'url' },
  { field: 'token', label: 'Token endpoint', type: 'url' },
  { field: 'revocation', label: 'Revocation endpoint (optional)', type: 'url', hint: 'RFC 7009; without it, access is removed on the server’s own pages.' },
  { field: 'userinfo', label: 'Userinfo endpoint (optional)', type: 'url' },
];
const CLIENT: FieldSpec[] = [
  { field: 'clientId', label: 'Client ID', type: 'text', hint: 'The ID the server gave you when you registered Scopekeeper.' },
  { field: 'clientSecret', label: 'Client secret (optional)', type: 'password', hint: 'Only if the server issued one; kept encrypted on this computer.' },
];

/** The fields of "Add an OAuth or OpenID server" (and its edit form): by issuer, or endpoints by hand. */
export function ServerFields({
  idPrefix,
  values,
  problems,
  secretHint,
  onChange,
}: {
  idPrefix: string;
  values: ServerDraft;
  problems: ServerProblems;
  /** Replaces the secret's hint (for example when one is saved already). */
  secretHint?: string;
  onChange(patch: Partial<ServerDraft>): void;
}): JSX.Element {
  const idOf = (field: ServerField | 'mode', part = 'input'): string => `${idPrefix}-${field}-${part}`;
  const fields = [NAME, ...(values.mode === 'issuer' ? ISSUER : ENDPOINTS), ...CLIENT];
  return (
    <>
      <fieldset className="server-mode">
        <legend>How Scopekeeper finds its endpoints</legend>
        <label>
          <input type="radio" name={idOf('mode')} checked={values.mode === 'issuer'} onChange={() => onChange({ mode: 'issuer' })} /> From its
          issuer URL (discovery)
        </label>
        <label>
          <input type="radio" name={idOf('mode')} checked={values.mode === 'endpoints'} onChange={() => onChange({ mode: 'endpoints' })} /> Typed in
          (a server without discovery)
        </label>
      </fieldset>
      {fields.map(({ field, label, type, hint: defaultHint }) => {
        const hint = field === 'clientSecret' && secretHint !== undefined ? secretHint : defaultHint;
        return (
          <TextField
            key={field}
            idBase={`${idPrefix}-${field}`}
            label={label}
            type={type}
            value={values[field]}
            hint={hint}
            problem={problems[field]}
            spellCheck={false}
            onChange={(value) => onChange({ [field]: value })}
          />
        );
      })}
    </>
  );
}

/** The first field with a problem, in the order the form shows them. */
export function firstProblem(values: ServerDraft, problems: ServerProblems): ServerField | undefined {
  const order: ServerField[] = ['name', ...(values.mode === 'issuer' ? (['issuer'] as const) : (['authorization', 'token', 'revocation', 'userinfo'] as const)), 'clientId', 'clientSecret'];
  return order.find((field) => problems[field] !== undefined);
}

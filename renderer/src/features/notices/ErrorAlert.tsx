import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { errorText } from '../../ui/errorText';

export function ErrorAlert(): JSX.Element | null {
  const error = useAppStore((s) => s.error);
  const providerName = useAppStore((s) => s.errorProviderName);
  const during = useAppStore((s) => s.errorDuring);
  const dismiss = useAppStore((s) => s.dismissError);
  if (error === null) return null;

  return (
    <div className="panel alert" role="alert">
      <p>{errorText(error, { providerName, during })}</p>
      <p className="error-code">Error code: {error.code}</p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { errorText } from '../../ui/errorText';

/** An error that belongs to no control (loading the lists, the bridge itself): at the top of the window. */
export function ErrorAlert(): JSX.Element | null {
  const error = useAppStore((s) => (s.messagePlace === null ? s.error : null));
  const providerName = useAppStore((s) => s.errorProviderName);
  const during = useAppStore((s) => s.errorDuring);
  const dismiss = useAppStore((s) => s.dismissError);
  if (error === null) return null;

  return (
    <div className="panel alert" role="alert" data-error-code={error.code}>
      <p>{errorText(error, { providerName, during })}</p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

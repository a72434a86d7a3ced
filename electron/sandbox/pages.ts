/**
 * The sandbox's server-rendered pages. Plain HTML with no script and no external asset, so a test
 * or a person sees exactly what is in this file; every piece of text from outside is escaped.
 */

import { escapeHtml } from '../core/oauth/loopback';

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f4f4f5; margin: 0; }
main { max-width: 28rem; margin: 3rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px; }
h1 { font-size: 1.4rem; }
label { display: block; margin: 0.4rem 0; }
fieldset { border: 1px solid #d4d4d8; border-radius: 6px; margin: 1rem 0; }
input[type=text] { font: inherit; padding: 0.3rem; width: 100%; box-sizing: border-box; }
button { font: inherit; padding: 0.4rem 1.2rem; margin: 1rem 0.5rem 0 0; }
.note { color: #3f3f46; font-size: 0.9rem; }
.error { color: #b91c1c; }
`;

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>`;
}

function interactionAction(uid: string, step: 'login' | 'consent'): string {
  return `/interaction/${encodeURIComponent(uid)}/${step}`;
}

export interface LoginPage {
  serverName: string;
  uid: string;
  /** Shown above the form when the last attempt was refused. */
  error?: string;
}

export function loginPage({ serverName, uid, error }: LoginPage): string {
  const alert = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return layout(
    `Sign in to ${serverName}`,
    `<p class="note">This is a test server: any username works, and there is no password.</p>
${alert}
<form method="post" action="${interactionAction(uid, 'login')}">
<label for="username">Username</label>
<input id="username" name="username" type="text" value="alex" autocomplete="username" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

export interface ConsentPage {
  serverName: string;
  uid: string;
  accountId: string;
  /** The scopes the person decides on, in request order; `openid` is never among them. */
  scopes: readonly string[];
  /** `openid` was requested: it is granted without asking, so it is only mentioned. */
  includesOpenid: boolean;
}

function scopeCheckbox(scope: string): string {
  // The label's text is exactly the scope string: it is the checkbox's accessible name.
  const value = escapeHtml(scope);
  return `<label><input type="checkbox" name="scope" value="${value}" checked> ${value}</label>`;
}

export function consentPage({ serverName, uid, accountId, scopes, includesOpenid }: ConsentPage): string {
  const choices = scopes.length
    ? `<fieldset>\n<legend>Untick what you do not want to allow</legend>\n${scopes.map(scopeCheckbox).join('\n')}\n</fieldset>`
    : '';
  const openid = includesOpenid
    ? '<p class="note">openid is always granted: it tells Scopekeeper which account signed in.</p>'
    : '';
  return layout(
    `Scopekeeper wants access to your ${serverName} account`,
    `<p>Signed in as <strong>${escapeHtml(accountId)}</strong>.</p>
<form method="post" action="${interactionAction(uid, 'consent')}">
${choices}
${openid}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

/**
 * Device authorization (RFC 8628 §3.3): where the person types the code the app shows. `form` is
 * oidc-provider's own form (with its anti-forgery field); the input gets an accessible name.
 */
export function deviceCodeInputPage(serverName: string, form: string, problem?: string): string {
  const alert = problem ? `<p class="error" role="alert">${escapeHtml(problem)}</p>` : '';
  return layout(
    `Connect a device to ${serverName}`,
    `<p>Enter the code Scopekeeper shows you.</p>
${alert}
${form.replace('name="user_code"', 'name="user_code" aria-label="Code"')}
<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

/** Before signing in: the person checks that the code is the one the app shows. */
export function deviceCodeConfirmPage(serverName: string, form: string, clientName: string, userCode: string): string {
  return layout(
    `Connect ${clientName} to ${serverName}?`,
    `<p>Check that Scopekeeper shows this code:</p>
<p><code aria-label="Code to check">${escapeHtml(userCode)}</code></p>
<p class="note">If it does not, or you did not start this, choose Cancel.</p>
${form}
<button type="submit" form="op.deviceConfirmForm">Confirm</button>
<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Cancel</button>`,
  );
}

export function deviceDonePage(serverName: string): string {
  return layout(`Connected to ${serverName}`, '<p>You can close this page and go back to Scopekeeper.</p>');
}

export function problemPage(title: string, message: string): string {
  return layout(title, `<p>${escapeHtml(message)}</p>`);
}

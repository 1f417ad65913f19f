import { type ReadonlySignal, signal } from '@preact/signals';
import type { ProxyClient } from '../api/client.ts';
import { ProxyError, signInProblem } from '../api/errors.ts';

/**
 * Whether this widget may export. `/v1/export` is an admin route, so with a viewer key a download link
 * would save an error body as a file; the widget asks once and shows why instead of links that fail.
 * 'unknown': not asked yet, or the answer said nothing about access (proxy down): the links stay, and a
 * failing download shows its own error.
 */
export type ExportAccess =
  | { status: 'unknown' }
  | { status: 'checking' }
  | { status: 'allowed' }
  | { status: 'refused'; message: string };

/** What a refusal of `/v1/export` means to the person holding the widget; null when it is not about access. */
export function exportRefusal(error: unknown): string | null {
  if (!(error instanceof ProxyError)) return null;
  if (error.code === 'forbidden') {
    return "Export needs an admin key; this widget's viewer key can only read.";
  }
  if (error.code === 'admin_token_required' || error.code === 'admin_token_invalid') {
    return 'Export needs the admin token beside the admin key (sent as the access token).';
  }
  const signIn = signInProblem(error);
  return signIn ? `${signIn.title}: sign in to export.` : null;
}

export function createExportAccess(client: ProxyClient) {
  const access = signal<ExportAccess>({ status: 'unknown' });
  let asked = false;
  let abort: AbortController | null = null;

  const check = () => {
    asked = true;
    abort?.abort();
    const controller = new AbortController();
    abort = controller;
    access.value = { status: 'checking' };
    client.checkExport(controller.signal).then(
      () => {
        if (abort === controller) access.value = { status: 'allowed' };
      },
      (error: unknown) => {
        if (abort !== controller) return;
        const message = exportRefusal(error);
        access.value = message ? { status: 'refused', message } : { status: 'unknown' };
      },
    );
  };

  return {
    access: access as ReadonlySignal<ExportAccess>,
    /** Asks the proxy the first time export is shown. */
    ensure() {
      if (!asked) check();
    },
    /** Asks again once the credentials changed (a new user token), if it was asked before. */
    recheck() {
      if (asked) check();
    },
    dispose() {
      abort?.abort();
    },
  };
}

/** The offscreen document that hosts the classifier: created on first use, then reused while it lives. */
const PATH = 'src/offscreen/offscreen.html';

let creating: Promise<void> | undefined;

/** Resolves true when it had to create the document (it then knows nothing of the settings yet). */
export async function ensureOffscreen(): Promise<boolean> {
  const url = chrome.runtime.getURL(PATH);
  const existing = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [url],
  });
  if (existing.length) return false;
  creating ??= chrome.offscreen
    .createDocument({
      url: PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'runs the message classifier (a WASM model) in a Web Worker, off the host page',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
  return true;
}

// @vitest-environment happy-dom
import { waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { mount, type WidgetHandle } from '../src/mount.tsx';
import { chatStorageKey } from '../src/state/chatOwner.ts';

/** Nothing listens on port 9: every chat turn fails fast, and is still kept like any other turn. */
const DOWN = 'http://127.0.0.1:9/';
const SITE = 'site-key-1';

const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_');
/** A Supabase-style JWT: header.claims.signature (the widget never checks the signature). */
const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'HS256' })}.${b64url(claims)}.c2lnbmF0dXJl`;
const ISS = 'https://abc.supabase.co/auth/v1';
const alice = (exp = 1_900_000_000) => jwt({ iss: ISS, sub: 'alice-uuid', exp });
const bob = jwt({ iss: ISS, sub: 'bob-uuid', exp: 1_900_000_000 });

let handles: WidgetHandle[] = [];
function open(options: { token?: string | null; getAccessToken?: () => Promise<string | null> } = {}) {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const handle = mount(el, {
    proxyUrl: DOWN,
    siteKey: SITE,
    mode: 'inline',
    hash: false,
    live: false,
    view: 'chat',
    ...(options.getAccessToken ? { getAccessToken: options.getAccessToken } : {}),
  });
  if (options.token !== undefined) handle.setAccessToken(options.token);
  handles.push(handle);
  return handle;
}

async function ask(handle: WidgetHandle, question: string) {
  expect(handle.state.chat.send(question)).toBe(true);
  await waitFor(() => expect(handle.state.chat.busy.value).toBe(false));
}

/** What the mounted widgets show (they render into shadow roots). */
const shown = () =>
  [...document.querySelectorAll('[data-support-analytics]')].map((el) => el.shadowRoot?.textContent).join();

const questions = (handle: WidgetHandle) =>
  handle.state.chat.turns.value.filter((t) => t.role === 'user').map((t) => t.text);

afterEach(() => {
  for (const h of handles) h.unmount();
  handles = [];
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('chat storage key', () => {
  it('is per site without a token, and per issuer + subject with one', () => {
    expect(chatStorageKey(SITE, null)).toBe(`sa:chat:${SITE}`);
    const a = chatStorageKey(SITE, alice());
    expect(a).toMatch(new RegExp(`^sa:chat:${SITE}:[0-9a-z]+$`));
    // A refreshed token of the same user keeps the conversation; another user or issuer does not share it.
    expect(chatStorageKey(SITE, alice(1_900_003_600))).toBe(a);
    expect(chatStorageKey(SITE, bob)).not.toBe(a);
    expect(chatStorageKey(SITE, jwt({ iss: 'https://other.example/', sub: 'alice-uuid' }))).not.toBe(a);
    expect(chatStorageKey('another-site', alice())).not.toBe(a);
    expect(a).not.toContain('alice');
  });

  it("reads the host app's sa1. session tokens, and never writes an opaque token into the key", () => {
    const sa1 = (exp: number) => `sa1.${b64url({ sub: 'manager-7', site: 'default', aud: 'sa', exp })}.sig`;
    expect(chatStorageKey(SITE, sa1(1))).toBe(chatStorageKey(SITE, sa1(2)));
    expect(chatStorageKey(SITE, sa1(1))).not.toBe(chatStorageKey(SITE, alice()));
    const opaque = 'opaque-session-9f8e7d6c5b4a';
    expect(chatStorageKey(SITE, opaque)).not.toContain(opaque);
    expect(chatStorageKey(SITE, opaque)).not.toBe(chatStorageKey(SITE, `${opaque}x`));
    expect(chatStorageKey(SITE, 'not.%%%.base64')).toMatch(/^sa:chat:site-key-1:[0-9a-z]+$/);
  });
});

describe('conversations of signed-in users on one browser', () => {
  it("keeps each user's conversation across reloads and never shows it to another user", async () => {
    const a = open({ token: alice() });
    await ask(a, 'Alice asks about withdrawals');
    a.unmount();

    const b = open({ token: bob });
    expect(questions(b)).toEqual([]);
    expect(shown()).toContain('Ask about your support messages');
    expect(shown()).not.toContain('Alice asks');
    await ask(b, 'Bob asks about bonuses');
    b.unmount();

    // A reload with a refreshed token of Alice's.
    const a2 = open({ token: alice(1_900_003_600) });
    expect(questions(a2)).toEqual(['Alice asks about withdrawals']);
    await waitFor(() => expect(shown()).toContain('Alice asks about withdrawals'));
    expect(shown()).not.toContain('Bob asks');
    a2.unmount();
    expect(questions(open({ token: bob }))).toEqual(['Bob asks about bonuses']);
  });

  it('swaps the conversation when the page signs another user in, and forgets it on sign-out', async () => {
    const a = open({ token: alice() });
    await ask(a, 'Alice asks first');
    const aliceKey = chatStorageKey(SITE, alice());
    expect(localStorage.getItem(aliceKey)).toContain('Alice asks first');

    a.setAccessToken(bob);
    expect(questions(a)).toEqual([]);
    await waitFor(() => expect(shown()).not.toContain('Alice asks first'));
    // Another user signed in on this browser: the previous user's conversation is not left behind.
    expect(localStorage.getItem(aliceKey)).toBeNull();
    await ask(a, 'Bob asks next');

    a.setAccessToken(null);
    expect(questions(a)).toEqual([]);
    expect(localStorage.getItem(chatStorageKey(SITE, bob))).toBeNull();
  });

  it('shows nothing until getAccessToken says who is signed in, then that user’s conversation', async () => {
    // Saved before per-user keys existed (or while signed out): whose it is, nobody knows.
    localStorage.setItem(
      chatStorageKey(SITE, null),
      JSON.stringify({
        conversationId: null,
        turns: [{ id: 'x', role: 'user', text: 'Old', status: 'done' }],
      }),
    );
    const first = open({ token: alice() });
    await ask(first, 'Alice asked yesterday');
    first.unmount();

    let answer: (token: string) => void = () => {};
    const pending = new Promise<string>((resolve) => {
      answer = resolve;
    });
    const h = open({ getAccessToken: () => pending });
    expect(questions(h)).toEqual([]);
    answer(alice());
    await waitFor(() => expect(questions(h)).toEqual(['Alice asked yesterday']));
    await waitFor(() => expect(shown()).toContain('Alice asked yesterday'));
    expect(shown()).not.toContain('Old');
  });

  it('keeps what was asked before getAccessToken answered, as the conversation of the user it names', async () => {
    let answer: (token: string) => void = () => {};
    const pending = new Promise<string>((resolve) => {
      answer = resolve;
    });
    const h = open({ getAccessToken: () => pending });
    expect(h.state.chat.send('Asked while the page was still fetching the session')).toBe(true);
    answer(alice());
    await waitFor(() => expect(h.state.chat.busy.value).toBe(false));
    expect(questions(h)).toEqual(['Asked while the page was still fetching the session']);
    expect(localStorage.getItem(chatStorageKey(SITE, alice()))).toContain('still fetching the session');
  });
});

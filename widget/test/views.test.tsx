// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/api/client.ts';
import { boot, READY_EVENT } from '../src/boot.ts';
import { mount } from '../src/mount.tsx';
import { createWidgetState, type WidgetConfig, WidgetContext } from '../src/state/widget.ts';
import { App } from '../src/views/App.tsx';
import { XSS_CORPUS } from './xss.ts';

/** Nothing listens on port 9: every request fails like a proxy that is down. */
const DOWN = 'http://127.0.0.1:9/';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

function renderWidget(config: Partial<WidgetConfig> = {}) {
  const state = createWidgetState(createClient({ proxyUrl: DOWN }), {
    siteKey: 'test',
    mode: 'inline',
    live: false,
    ...config,
  });
  const view = render(
    <WidgetContext.Provider value={state}>
      <App />
    </WidgetContext.Provider>,
  );
  return { state, ...view };
}

afterEach(() => {
  document.body.innerHTML = '';
  location.hash = '';
});

describe('chat view', () => {
  const query = {
    metric: 'count' as const,
    filters: {
      from: '2026-11-16T00:00:00',
      to: '2026-11-23T00:00:00',
      topics: ['withdrawal' as const],
      sources: ['telegram' as const],
    },
  };
  const saved = (text: string) =>
    JSON.stringify({
      conversationId: 'c1',
      turns: [
        { id: 'u1', role: 'user', text, status: 'done' },
        {
          id: 'a1',
          role: 'assistant',
          text: `You had 12 messages. ${text}`,
          status: 'done',
          queries: [query],
          grounded: true,
        },
      ],
    });

  it('restores a saved conversation, renders every hostile string as text and opens the dashboard from a chip', () => {
    for (const payload of XSS_CORPUS) {
      const storage = memoryStorage({ 'sa:chat:test': saved(payload) });
      const { state, container, unmount } = renderWidget({ storage, view: 'chat' });
      expect(
        container.querySelectorAll('script, img, iframe, svg, a[href^="javascript"], [onerror], [onclick]'),
      ).toHaveLength(0);
      expect(screen.getByText(payload)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: /Withdrawals · Telegram · 16–22 Nov/ }));
      expect(state.view.value).toBe('dashboard');
      expect(state.filters.value).toMatchObject({
        preset: 'custom',
        topics: ['withdrawal'],
        sources: ['telegram'],
      });
      unmount();
      state.dispose();
    }
  });

  it('offers suggested questions, then shows a clear error with a retry when the proxy is down', async () => {
    const storage = memoryStorage();
    const { state } = renderWidget({ storage, view: 'chat' });
    fireEvent.click(screen.getByRole('button', { name: /angry this month/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/unreachable/);
    expect(JSON.parse(storage.data.get('sa:chat:test') ?? '{}').turns).toHaveLength(2);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(state.chat.busy.value).toBe(true);
    await waitFor(() => expect(state.chat.busy.value).toBe(false));
    state.dispose();
  });
});

describe('dashboard and messages', () => {
  it('shows a skeleton, then an error state whose Retry tries again', async () => {
    const { state } = renderWidget({ view: 'dashboard' });
    expect(document.querySelector('[aria-busy="true"]')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Could not load the dashboard/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(state.dashboard.status.value).toBe('loading');
    await screen.findByRole('alert');
    state.dispose();
  });

  it('edits filters from the filter bar and removes them from their chips', () => {
    const { state } = renderWidget({ view: 'messages' });
    fireEvent.click(screen.getByRole('button', { name: /^Filters/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Deposits', pressed: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Angry', pressed: false }));
    expect(state.filters.value).toMatchObject({ topics: ['deposit'], sentiments: ['angry'] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter Deposits' }));
    expect(state.filters.value.topics).toEqual([]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Date range' }), { target: { value: 'custom' } });
    expect(state.filters.value.preset).toBe('custom');
    expect(screen.getByLabelText('From date')).toBeTruthy();
    state.dispose();
  });

  it('moves between views with the arrow keys (tabs pattern)', () => {
    const { state } = renderWidget({ view: 'chat' });
    const tab = screen.getByRole('tab', { name: 'Ask' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(state.view.value).toBe('dashboard');
    fireEvent.keyDown(tab, { key: 'End' });
    expect(state.view.value).toBe('messages');
    state.dispose();
  });
});

describe('embedding', () => {
  it('mounts in a shadow root, mirrors filters in the hash when inline, and unmounts cleanly', () => {
    const el = document.createElement('div');
    document.body.appendChild(el);
    location.hash = '#sa=messages&topics=bonus';
    const handle = mount(el, { proxyUrl: DOWN, mode: 'inline', live: false, persistChat: false });
    const host = el.querySelector('[data-support-analytics]');
    // Styles come as an adopted sheet: a <style> element would need 'unsafe-inline' under a strict CSP.
    expect(host?.shadowRoot?.querySelector('style')).toBeNull();
    expect(host?.shadowRoot?.adoptedStyleSheets).toHaveLength(1);
    expect(host?.shadowRoot?.querySelector('[role="tabpanel"]')).toBeTruthy();
    expect(handle.state.view.value).toBe('messages');
    expect(handle.state.filters.value.topics).toEqual(['bonus']);
    handle.setFilters({ sources: ['telegram'] });
    expect(location.hash).toContain('sources=telegram');
    handle.unmount();
    expect(el.querySelector('[data-support-analytics]')).toBeNull();
  });

  it('replays calls queued before the app loaded, swaps in the live API and fires the ready event', () => {
    const ready = vi.fn();
    window.addEventListener(READY_EVENT, ready);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    boot({ proxyUrl: DOWN }, [
      ['open'],
      ['setView', 'messages'],
      ['setFilters', { topics: ['deposit'] }],
      ['explode'],
    ]);
    expect(ready).toHaveBeenCalledOnce();
    const event = ready.mock.calls[0]?.[0] as CustomEvent;
    const { handle } = event.detail;
    expect(handle.state.open.value).toBe(true);
    expect(handle.state.view.value).toBe('messages');
    expect(handle.state.filters.value.topics).toEqual(['deposit']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown command "explode"'));
    (window as unknown as { SupportAnalytics: (...a: unknown[]) => void }).SupportAnalytics('close');
    expect(handle.state.open.value).toBe(false);
    handle.unmount();
    warn.mockRestore();
  });
});

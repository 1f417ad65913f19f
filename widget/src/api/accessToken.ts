/** Asks the host app for the signed-in user's token (e.g. Supabase's session access token); null: nobody is signed in. */
export type GetAccessToken = () => Promise<string | null>;

/** The host app's getter failed: the widget cannot say who is signed in. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';
  constructor(cause: unknown) {
    super(
      `The page could not provide a sign-in token (getAccessToken failed: ${
        cause instanceof Error ? cause.message : String(cause)
      }).`,
    );
  }
}

/**
 * The user token sent beside the site key when the key has `require_sign_in`. It comes from a getter
 * (`mount({ getAccessToken })`, for bundlers) or is handed over (`SupportAnalytics('setAccessToken', t)`,
 * for the script tag). The token is kept, not asked for per request, so that URLs (EventSource, download
 * links) can be built without waiting; the getter is asked again only after the proxy says it expired.
 */
export interface AccessToken {
  /** The token to send now: the one last set or fetched, else the getter's. */
  current(): Promise<string | null>;
  /**
   * Asks the getter again because the proxy refused `stale` as expired. Requests refused together ask once:
   * calls made meanwhile share the ask, and one whose stale token was already replaced gets the new one.
   */
  refresh(stale?: string | null): Promise<string | null>;
  /** The token last set or fetched, for URLs built while rendering. */
  peek(): string | null;
  set(token: string | null): void;
  /** Whether refresh() can get a different token (there is a getter to ask). */
  readonly canRefresh: boolean;
  /** False only while there is a getter that has not answered yet. */
  readonly known: boolean;
  /** Calls `listener` after the token changed (set, or a different one from the getter); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function createAccessToken(get?: GetAccessToken): AccessToken {
  let token: string | null = null;
  let known = false;
  let asking: Promise<string | null> | null = null;
  const listeners = new Set<() => void>();
  const update = (next: string | null) => {
    const changed = !known || next !== token;
    token = next;
    known = true;
    if (changed) for (const listener of listeners) listener();
  };

  const ask = (): Promise<string | null> => {
    if (!get) return Promise.resolve(token);
    asking ??= (async () => {
      try {
        const fresh = await get();
        update(typeof fresh === 'string' && fresh !== '' ? fresh : null);
        return token;
      } catch (error) {
        throw new AccessTokenError(error);
      } finally {
        asking = null;
      }
    })();
    return asking;
  };

  return {
    // Read a microtask later, not at the call: a token handed over right after mount() (the script tag's
    // queued setAccessToken calls are replayed then) is sent with the requests the mount started.
    current: () => Promise.resolve().then(() => (known || !get ? token : ask())),
    refresh: (stale) => (stale !== undefined && known && token !== stale ? Promise.resolve(token) : ask()),
    peek: () => token,
    set(next) {
      update(next || null);
    },
    canRefresh: Boolean(get),
    get known() {
      return known || !get;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

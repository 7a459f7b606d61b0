import type { FetchLike } from '../../src/sdk/index.ts';

/** The parts of the console API's answers the simulator reads. */
export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'member';
  status: 'active' | 'deactivated';
  invitationPending?: boolean;
}

export interface ConsoleProduct {
  key: string;
  name: string;
}

export interface ConsoleSubscription {
  id: string;
  product: ConsoleProduct;
  seats: number;
  assigned: number;
  status: 'active' | 'cancelled' | 'expired';
  /** 'floating': a pool any active member may take a seat of while the app runs. */
  kind?: 'named' | 'floating';
}

interface ConsoleAssignment {
  user: { id: string; status: string };
}

export interface Organization {
  users: ConsoleUser[];
  products: ConsoleProduct[];
  /** Not expired: their seats let people in. */
  subscriptions: ConsoleSubscription[];
  /** User id → keys of the products they hold a usable seat of. */
  seats: Map<string, Set<string>>;
}

/**
 * Signs in to the console API as an owner, reads who can use which app, and signs out again: the simulation itself
 * only uses the App API.
 */
export async function readOrganization(
  fetch: FetchLike,
  baseUrl: string,
  owner: { email: string; password: string },
): Promise<Organization> {
  const api = `${baseUrl}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(owner),
  });
  if (!login.ok) {
    throw new Error(`Owner sign-in as ${owner.email} failed: ${await describeFailure(login)}`);
  }
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}${path}`, { method: 'GET', headers: { cookie, accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET /api/v1${path} failed: ${await describeFailure(response)}`);
    return (await response.json()) as T;
  };

  try {
    const users: ConsoleUser[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/users?status=active&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { items: ConsoleUser[]; nextCursor: string | null } = await get(query);
      users.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const products = (await get<{ items: ConsoleProduct[] }>('/products')).items;
    const subscriptions = (await get<{ items: ConsoleSubscription[] }>('/subscriptions')).items.filter(
      (subscription) => subscription.status !== 'expired',
    );
    const seats = new Map<string, Set<string>>();
    for (const subscription of subscriptions) {
      const { items } = await get<{ items: ConsoleAssignment[] }>(`/subscriptions/${subscription.id}/assignments`);
      for (const { user } of items) {
        const keys = seats.get(user.id) ?? new Set<string>();
        keys.add(subscription.product.key);
        seats.set(user.id, keys);
      }
    }
    return { users, products, subscriptions, seats };
  } finally {
    await fetch(`${api}/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } }).catch(
      () => undefined,
    );
  }
}

/**
 * The person approves an app's browser sign-in as a person would at /device: signs in to the console (from
 * `headers`' address), approves `userCode`, signs out. Throws when any step is refused.
 */
export async function approveBrowserSignIn(
  fetch: FetchLike,
  baseUrl: string,
  person: { email: string; password: string },
  userCode: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const api = `${baseUrl}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(person),
  });
  if (!login.ok) throw new Error(`Console sign-in as ${person.email} failed: ${await describeFailure(login)}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  try {
    const approved = await fetch(`${api}/device-authorizations/${encodeURIComponent(userCode)}/approve`, {
      method: 'POST',
      headers: { ...headers, cookie, 'x-csrf-token': csrfToken, accept: 'application/json' },
    });
    if (!approved.ok) throw new Error(`Approving ${userCode} failed: ${await describeFailure(approved)}`);
  } finally {
    await fetch(`${api}/auth/logout`, {
      method: 'POST',
      headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
    }).catch(() => undefined);
  }
}

async function describeFailure(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text) as { code?: string; title?: string; detail?: string };
    return `${response.status} ${problem.code ?? ''} ${problem.detail ?? problem.title ?? ''}`.trim();
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

// The demo buyer's identity: a buyer id kept in localStorage (a reload is the same buyer)
// and a token for it from POST /api/demo/buyer-token, renewed when it expires.
import { postJson } from '../lib/http';

export const demoShopId = 'demo';

interface TokenResponse {
  token: string;
  buyerId: string;
  shopId: string;
  expiresAtMs: string | number; // int64 in the JSON mapping may come as a string
}

interface Stored {
  buyerId: string;
  token: string;
  expiresAtMs: number;
}

const storageKey = `kefu.buyer.${demoShopId}`;
const renewMarginMs = 60_000;

function load(): Partial<Stored> {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Partial<Stored>;
  } catch {
    return {};
  }
}

/** `buyer.html?buyer=<id>` plays that buyer, e.g. one that scripts/platform-sim gave orders. */
function requestedBuyer(): string | undefined {
  return new URLSearchParams(location.search).get('buyer') || undefined;
}

/** A valid token for this browser's buyer; `fresh` forces a new one (the old was refused). */
export async function buyerToken(fresh = false): Promise<Stored> {
  const stored = load();
  const wanted = requestedBuyer();
  if (wanted && wanted !== stored.buyerId) {
    stored.buyerId = wanted;
    fresh = true;
  }
  if (!fresh && stored.token && stored.buyerId && (stored.expiresAtMs ?? 0) - renewMarginMs > Date.now()) {
    return stored as Stored;
  }
  const answer = await postJson<TokenResponse>('/api/demo/buyer-token', {
    shopId: demoShopId,
    ...(stored.buyerId ? { buyerId: stored.buyerId } : {}),
  });
  const next: Stored = { buyerId: answer.buyerId, token: answer.token, expiresAtMs: Number(answer.expiresAtMs) };
  localStorage.setItem(storageKey, JSON.stringify(next));
  return next;
}

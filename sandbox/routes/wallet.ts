/** POST /api/v2/partner/wallet_balance: read-only, the signed fields and an optional currency. */
import { SIGNED_FIELDS, authenticate, checkFields } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import { smileRoute } from './route';

export const WALLET_PATH = '/api/v2/partner/wallet_balance';

function handleWallet(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const checked = checkFields(parsed, SIGNED_FIELDS, [...SIGNED_FIELDS, 'currency']);
	if ('kind' in checked) return checked;
	const denied = authenticate(checked.body, ctx);
	if (denied) return denied;
	return {
		kind: 'success',
		body: { wallet_balance: 500.0, current_as_of: new Date(ctx.nowMs).toISOString() },
	};
}

export const walletRoutes = [smileRoute(WALLET_PATH, 'Smile ID: the wallet balance (a fixed 500.0)', handleWallet)];

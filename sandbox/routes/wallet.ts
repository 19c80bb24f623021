/**
 * POST /api/v2/partner/wallet_balance: read-only, the signed fields and an optional currency
 * (Smile ID's default USD). Guesses (see README.md): balances other than USD 500.0 are made up;
 * an unknown currency answers 2204.
 */
import { SIGNED_FIELDS, authenticate, checkFields, refuse } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import { smileRoute } from './route';

export const WALLET_PATH = '/api/v2/partner/wallet_balance';

export const WALLET_BALANCES: Record<string, number> = {
	USD: 500.0,
	KES: 64500.0,
	NGN: 775000.0,
	ZAR: 9100.0,
};

function handleWallet(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const checked = checkFields(parsed, SIGNED_FIELDS, [...SIGNED_FIELDS, 'currency']);
	if ('kind' in checked) return checked;
	const denied = authenticate(checked.body, ctx);
	if (denied) return denied;
	const currency = (checked.body.currency as string | undefined) ?? 'USD';
	if (!Object.prototype.hasOwnProperty.call(WALLET_BALANCES, currency)) {
		return refuse('2204', `unknown currency ${JSON.stringify(currency)}`, 'currency');
	}
	return {
		kind: 'success',
		body: {
			wallet_balance: WALLET_BALANCES[currency],
			current_as_of: new Date(ctx.nowMs).toISOString(),
		},
	};
}

export const walletRoutes = [
	smileRoute(
		WALLET_PATH,
		'Smile ID: the wallet balance, per currency (USD 500.0 by default)',
		handleWallet,
	),
];

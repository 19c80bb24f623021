import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';

/** Smile ID's default when no currency is sent. */
const DEFAULT_CURRENCY = 'USD';

function currencyOf(value: unknown): string {
	return typeof value === 'string' && value.trim() !== ''
		? value.trim().toUpperCase()
		: DEFAULT_CURRENCY;
}

/** Account > Get Wallet Balance: once per currency, however many items come in. */
export const getWalletBalanceOperation: SmileIdOperation = {
	name: 'Get Wallet Balance',
	action: 'Get the wallet balance',
	description:
		"Read your Smile ID wallet's balance, once per run (once per currency when it differs per item)",
	properties: [
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'e.g. USD',
			description:
				"The currency of the balance, such as USD, KES or NGN. Empty: USD, Smile ID's default.",
		},
	],
	sharedBy(itemIndex) {
		return currencyOf(this.getNodeParameter('currency', itemIndex, ''));
	},
	async execute(itemIndex, { settings }) {
		const currency = currencyOf(this.getNodeParameter('currency', itemIndex, ''));
		if (!/^[A-Z]{3}$/.test(currency)) {
			throw new NodeOperationError(this.getNode(), `"${currency}" is not a currency code`, {
				itemIndex,
				description:
					'Use a three-letter currency code such as USD, KES or NGN, or leave Currency empty for USD.',
			});
		}
		const result = await sendToSmileId(this, 'walletBalance', { currency }, itemIndex, settings);
		if (!result.ok) throw result.error;
		const body = (result.body ?? {}) as IDataObject;
		if (typeof body.wallet_balance !== 'number') {
			throw new NodeOperationError(this.getNode(), "Smile ID's answer holds no wallet balance", {
				itemIndex,
				description: 'Check the Base URL in the credential: leave it empty to use Smile ID itself.',
			});
		}
		return {
			walletBalance: body.wallet_balance,
			currency,
			currentAsOf: body.current_as_of ?? null,
		};
	},
};
